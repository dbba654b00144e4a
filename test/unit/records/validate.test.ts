import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evidencePlaceholder, evidenceProblems, evidenceSpecs, textProblem } from '../../../core/records/validate';
import { decide } from '../../../core/records/commands';
import { foldRun } from '../../../core/records/fold';
import type { RunEvent } from '../../../core/records/events';
import { planOf, start, T } from './helpers';

const plan = planOf();
const specs = plan.byId.get('restore-store')!.evidence;

test('the plan reads evidence specs from the runbook', () => {
  assert.deepEqual(specs, [
    {
      key: 'ntbackupVersion',
      label: 'NTBackup version used',
      pattern: '^\\d+\\.\\d+\\.\\d+\\.\\d+$',
      optional: undefined,
    },
    { key: 'ticket', label: undefined, pattern: undefined, optional: true },
  ]);
});

test('a hint or an example says in words what a field expects: in the empty field and when a value does not match', () => {
  const tape = { key: 'tapeLabel', label: 'Tape label', pattern: '^[A-Z]{3}-\\d{4}$' };
  const hinted = { ...tape, hint: 'the label printed on the tape' };
  const both = { ...hinted, example: 'MON-0412' };
  const example = { ...tape, example: 'MON-0412' };
  assert.deepEqual(evidenceSpecs([{ ...both, hint: '  the label printed on the tape ' }]), [
    { ...both, optional: undefined },
  ]);
  assert.equal(evidencePlaceholder(hinted), 'the label printed on the tape');
  assert.equal(evidencePlaceholder(example), 'e.g. MON-0412');
  assert.equal(evidencePlaceholder(tape), 'a value of the form the runbook asks for', 'never the raw pattern');
  assert.equal(evidencePlaceholder({ key: 'k', optional: true }), 'optional');
  assert.equal(evidencePlaceholder({ ...example, optional: true }), 'e.g. MON-0412 (optional)');
  assert.deepEqual(evidenceProblems([both], { tapeLabel: 'monday' }), [
    { key: 'tapeLabel', message: 'Tape label should be the label printed on the tape, for example MON-0412.' },
  ]);
  assert.deepEqual(evidenceProblems([hinted], { tapeLabel: 'monday' }), [
    { key: 'tapeLabel', message: 'Tape label should be the label printed on the tape.' },
  ]);
  assert.deepEqual(evidenceProblems([example], { tapeLabel: 'monday' }), [
    { key: 'tapeLabel', message: 'Tape label does not have the expected form: for example MON-0412.' },
  ]);
});

test('evidence must match the pattern; optional evidence may be left out', () => {
  assert.deepEqual(evidenceProblems(specs, { ntbackupVersion: '5.0.2195.1117' }), []);
  assert.deepEqual(evidenceProblems(specs, { ntbackupVersion: ' 5.0.2195.1117 ', ticket: '' }), []);
  assert.deepEqual(evidenceProblems(specs, { ntbackupVersion: 'five' }), [
    {
      key: 'ntbackupVersion',
      message:
        'NTBackup version used does not have the form the runbook asks for (it must match ^\\d+\\.\\d+\\.\\d+\\.\\d+$).',
    },
  ]);
  assert.deepEqual(evidenceProblems(specs, {}), [
    { key: 'ntbackupVersion', message: 'NTBackup version used is required.' },
  ]);
  assert.deepEqual(evidenceProblems(specs, { ntbackupVersion: '1.2.3.4', colour: 'red' }), [
    { key: 'colour', message: "The step asks for no evidence called 'colour'." },
  ]);
});

test('evidence that looks like a secret is refused, even when it matches the pattern', () => {
  const loose = [{ key: 'value', pattern: '.*' }];
  for (const secret of [
    'password=Hunter2!',
    'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    'AKIAABCDEFGHIJKLMNOP',
    '/p:Secr3t',
  ]) {
    const p = evidenceProblems(loose, { value: secret });
    assert.equal(p.length, 1, secret);
    assert.match(p[0].message, /^Refused: value looks like a secret/);
  }
  // A key named like a secret refuses any value.
  assert.match(evidenceProblems([{ key: 'adminPassword' }], { adminPassword: 'x' })[0].message, /looks like a secret/);
  assert.deepEqual(evidenceProblems(loose, { value: 'see the safe, envelope 4' }), []);
});

test('notes and reasons that look like a secret are refused', () => {
  assert.match(
    textProblem('login with password: Tr0ub4dor', 'The note')!,
    /^The note looks like a secret \(a password\)/,
  );
  assert.equal(textProblem('called the help desk'), undefined);
});

test('decide refuses a tick with bad or secret evidence, and records good evidence', () => {
  const done = (step: string, at: number): RunEvent => ({ at: T(at), by: 'A', event: 'done', step });
  const state = foldRun([
    start(plan),
    done('confirm-backup', 1),
    done('dismount-store', 2),
    done('copy-files', 3),
    done('check-disk', 4),
  ]);
  const tick = (evidence: Record<string, string>, note?: string) =>
    decide({ plan, state, now: T(100), by: 'B' }, { kind: 'tick', step: 'restore-store', evidence, note });
  assert.equal(tick({}).refusal?.code, 'evidence');
  assert.equal(tick({ ntbackupVersion: 'x' }).refusal?.fields?.[0].key, 'ntbackupVersion');
  assert.equal(tick({ ntbackupVersion: '1.2.3.4', ticket: 'password=abc123' }).refusal?.code, 'secret');
  assert.equal(
    tick({ ntbackupVersion: '1.2.3.4' }, 'the admin password is hunter2 pwd=hunter2').refusal?.code,
    'secret',
  );
  assert.deepEqual(tick({ ntbackupVersion: '5.0.2195.1117', ticket: ' ' }).event, {
    at: T(100),
    by: 'B',
    event: 'done',
    step: 'restore-store',
    note: undefined,
    evidence: { ntbackupVersion: '5.0.2195.1117' },
    override: undefined,
  });
});
