/**
 * The 2,000-step record the report benchmark renders (bench/report.ts), also used to profile the
 * parts of the host's work on their own.
 */
import { createLanguageService } from '../core/service';
import { planFromParsed } from '../core/records/plan';
import { startEvent } from '../core/records/commands';
import type { RunEvent } from '../core/records/events';
import { generateRunbook } from './generate';

export const STEPS = 2_000;

/** A finished run of every step: begin and done each, a note on every 10th, an override on every 50th, a skip on every 97th, an undo on every 200th. */
export function bigRun(): { events: RunEvent[]; plan: ReturnType<typeof planFromParsed> } {
  const runbook = generateRunbook(STEPS, false);
  const plan = planFromParsed(createLanguageService().parsed('file:///bench/big.runbook.yaml', runbook.text));
  const t0 = Date.parse('2026-11-25T09:00:00.000Z');
  const at = (s: number) => new Date(t0 + s * 1000).toISOString();
  const start = { ...startEvent(plan, 'bench/big.runbook.yaml', { now: at(0), by: 'Alice', rehearsal: true }) };
  const events: RunEvent[] = [{ ...start, rto: 24 * 3600, expect: [...plan.byId.keys()].map((id) => [id, 30]) }];
  let t = 10;
  let i = 0;
  for (const id of plan.byId.keys()) {
    const by = i % 3 ? 'Alice' : 'Bob';
    if (i % 97 === 5) events.push({ at: at(t), by, event: 'skip', step: id, reason: 'not needed on this server' });
    else {
      events.push({ at: at(t), by, event: 'begin', step: id });
      if (i % 200 === 7) {
        events.push({ at: at(t + 10), by, event: 'done', step: id });
        events.push({ at: at(t + 12), by, event: 'undo', step: id, reason: 'wrong store' });
        events.push({ at: at(t + 13), by, event: 'begin', step: id });
      }
      if (i % 10 === 0) events.push({ at: at(t + 5), by, event: 'note', step: id, note: `checked ${i}` });
      events.push({
        at: at(t + 20 + (i % 7) * 5),
        by,
        event: 'done',
        step: id,
        ...(i % 50 === 3 ? { override: 'order relaxed by the change board' } : {}),
      });
    }
    t += 30 + (i % 11);
    i++;
  }
  events.push({ at: at(t + 60), by: 'Alice', event: 'finish', note: 'all stores mounted' });
  return { events, plan };
}
