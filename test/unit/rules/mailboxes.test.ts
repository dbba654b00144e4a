/** Rules of the article section "Restoring Mailboxes" (core/rules/exchange2000/mailboxes.ts). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNames,
  assertRelated,
  clean,
  edit,
  expectAt,
  expectOnStep,
  only,
  runbook,
  silent,
  step,
} from './helpers';

const prepare = step(
  'prepare-recovery',
  'recovery.prepare-server',
  'serverName: RECOVERY01, forest: recovery.local, isolated: true',
);
const recover = step(
  'recover-mailbox',
  'mailbox.restore-from-backup',
  'mailbox: Kim Akers, recoveryServer: RECOVERY01, reason: damaged',
);
/** The recovery team's AD rights are confirmed first (ad-permissions-confirmed). */
const rights = step('confirm-ad-rights', 'prereq.confirm', 'item: ad-permissions');
const rb = (...steps: string[]) => runbook({ scenario: 'mailbox-restore', steps: [rights, ...steps] });

describe('mailbox fixtures', () => {
  test('the recovery-server fixture is clean', () => clean(rb(prepare, recover)));
});

describe('recovery-forest-isolated', () => {
  test('`isolated: false`: reported on the value', () => {
    const text = edit(rb(prepare, recover), 'isolated: true', 'isolated: false');
    const d = expectAt(text, 'recovery-forest-isolated', 'isolated: «false»');
    assertNames(d, 'prepare-recovery', 'isolated: true');
  });
  test('`isolated` missing: reported on the step', () => {
    const text = edit(rb(prepare, recover), ', isolated: true', '');
    const d = expectAt(text, 'recovery-forest-isolated', 'id: «prepare-recovery»');
    assertNames(d, 'prepare-recovery');
  });
  test('a domain join after the recovery server is prepared: reported on the join, related to the preparation', () => {
    const join = step('join-production', 'windows.join-domain', 'domain: corp.example.com');
    expectOnStep(rb(prepare, join, recover), 'recovery-forest-isolated', 'join-production', 'prepare-recovery');
  });
  test('the domain join names the recovery server step, and relatedInformation points at it', () => {
    const text = rb(prepare, step('join-production', 'windows.join-domain', 'domain: corp.example.com'), recover);
    const d = only(text, 'recovery-forest-isolated');
    assertNames(d, 'prepare-recovery');
    assertRelated(text, d, 'id: «prepare-recovery»');
  });
  test('a domain join written before the preparation is reported as well (the server never joins)', () => {
    const text = rb(step('join-production', 'windows.join-domain', 'domain: corp.example.com'), prepare, recover);
    expectAt(text, 'recovery-forest-isolated', 'id: «join-production»');
  });
  test('a domain join in a runbook with no recovery server is not this rule', () => {
    silent(
      rb(step('join-domain', 'windows.join-domain', 'domain: corp.example.com'), recover),
      'recovery-forest-isolated',
    );
  });
  test('fixed: isolated, and no domain join', () => silent(rb(prepare, recover), 'recovery-forest-isolated'));
});

describe('prefer-reconnect', () => {
  const broken = edit(rb(prepare, recover), 'reason: damaged', 'reason: deleted');
  test('restoring a deleted mailbox is a hint on the reason', () => {
    const d = expectAt(broken, 'prefer-reconnect', 'reason: «deleted»');
    assertNames(d, 'mailbox.reconnect');
    assert.equal(d.severity, 4);
  });
  test('the message names the step', () => {
    assertNames(only(broken, 'prefer-reconnect'), 'recover-mailbox');
  });
  test('fixed: a damaged mailbox goes through the recovery server', () =>
    silent(rb(prepare, recover), 'prefer-reconnect'));
  test('fixed: a deleted mailbox is reconnected', () => {
    silent(rb(step('reconnect-mailbox', 'mailbox.reconnect', 'mailbox: Kim Akers, user: kakers')), 'prefer-reconnect');
  });
});

describe('mailboxes: the recovery domain is where a recovery server belongs', () => {
  test('joining the isolated recovery domain its own preparation names is not reported', () => {
    // Article (Active Directory and Exchange 2000 Server): recovery servers may not join
    // *production* domains; they need a domain controller isolated from production.
    const forest = prepare.match(/forest: ([^,}\s]+)/)?.[1] ?? '';
    assert.ok(forest, 'the fixture names a forest');
    const join = step('join-recovery', 'windows.join-domain', `domain: ${forest}`);
    silent(rb(prepare, join, recover), 'recovery-forest-isolated');
    const child = step('join-child', 'windows.join-domain', `domain: mail.${forest}`);
    silent(rb(prepare, child, recover), 'recovery-forest-isolated');
  });
});

describe('ad-permissions-confirmed', () => {
  test('a mailbox recovery without the AD rights confirmed: reported on `steps`', () => {
    const text = runbook({ scenario: 'mailbox-restore', steps: [prepare, recover] });
    expectAt(text, 'ad-permissions-confirmed', '«steps»:');
  });
  test('fixed: confirmed first', () => silent(rb(prepare, recover), 'ad-permissions-confirmed'));
  test('a reconnect needs no recovery server and no check', () =>
    silent(
      runbook({
        scenario: 'mailbox-restore',
        steps: [step('reconnect', 'mailbox.reconnect', 'mailbox: Kim Akers, user: kim.akers')],
      }),
      'ad-permissions-confirmed',
    ));
  test('recovery-forest-isolated: the recovery server is prepared before the mailbox goes through it', () => {
    const text = rb(recover, prepare);
    expectOnStep(text, 'recovery-forest-isolated', 'recover-mailbox', 'prepare-recovery');
  });
});
