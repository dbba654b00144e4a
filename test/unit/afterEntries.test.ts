/** An `after:` entry that is not a step id must not move where the later entries' problems point. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../core/service';

test('with `after: [1, ghost]` the unknown reference is underlined on `ghost`, not on `1`', () => {
  const text =
    'runbook: 1\ntitle: t\nscenario: backup\nserver: { name: X }\nsteps:\n  - id: a\n    action: manual\n    after: [1, ghost]\n';
  const f = createLanguageService()
    .lint(text)
    .find((x) => x.code === 'unknown-step-reference')!;
  assert.equal(text.slice(f.span.start, f.span.end), 'ghost');
});
