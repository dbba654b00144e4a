/**
 * One operator request against a record file, decided on the freshest state under the file's lock
 * (node/recordFiles.ts `updateRecord`). A request that implies work on a step began (the first note
 * on it) first writes that `begin`, then the request itself, each decided again on the file as it
 * is then: the begin is written only when the request would be accepted.
 */
import { decide, implicitBegin, type DecideContext, type Refusal, type RunRequest } from '../core/records/commands';
import type { BeginEvent, RunEvent } from '../core/records/events';
import { updateRecord, type LoadedRecord } from './recordFiles';

export type Applied = { event: RunEvent; began?: BeginEvent } | Refusal;

export function applyRequest(
  file: string,
  context: (record: LoadedRecord) => DecideContext,
  request: RunRequest,
): Applied {
  let began: BeginEvent | undefined;
  const first = updateRecord(file, (record) => {
    const ctx = context(record);
    const decision = decide(ctx, request);
    if (!decision.event) return decision.refusal;
    began = implicitBegin(ctx, request);
    return { event: began ?? decision.event };
  });
  if (!('event' in first)) return first;
  if (!began) return { event: first.event };
  const second = updateRecord(file, (record) => {
    const decision = decide(context(record), request);
    return decision.event ? { event: decision.event } : decision.refusal;
  });
  return 'event' in second ? { event: second.event, began } : second;
}
