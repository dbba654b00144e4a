/**
 * One operator request against a record file, decided on the freshest state under the file's lock
 * (node/records/store.ts `updateRecord`). A request that implies work on a step began (the first
 * note on it) first writes that `begin`, then the request itself, each decided again on the file as
 * it is then: the begin is written only when the request would be accepted. The CLI uses the
 * synchronous form; the extension host the async one, so no lock wait blocks the editor.
 */
import { decide, implicitBegin, type DecideContext, type Refusal, type RunRequest } from '../core/records/commands';
import type { BeginEvent, RunEvent } from '../core/records/events';
import { updateRecord, updateRecordAsync, type LoadedRecord } from './recordFiles';

export type Applied = { event: RunEvent; began?: BeginEvent } | Refusal;
type Context = (record: LoadedRecord) => DecideContext;
type Step = { event: RunEvent } | Refusal;

/** The two decisions of a request, shared by both forms: first (maybe an implied begin), then the request. */
function steps(context: Context, request: RunRequest) {
  let began: BeginEvent | undefined;
  return {
    first(record: LoadedRecord): Step {
      const ctx = context(record);
      const decision = decide(ctx, request);
      if (!decision.event) return decision.refusal;
      began = implicitBegin(ctx, request);
      return { event: began ?? decision.event };
    },
    second(record: LoadedRecord): Step {
      const decision = decide(context(record), request);
      return decision.event ? { event: decision.event } : decision.refusal;
    },
    began: () => began,
  };
}

export function applyRequest(file: string, context: Context, request: RunRequest): Applied {
  const s = steps(context, request);
  const first = updateRecord(file, s.first);
  if (!('event' in first)) return first;
  const began = s.began();
  if (!began) return { event: first.event };
  const second = updateRecord(file, s.second);
  return 'event' in second ? { event: second.event, began } : second;
}

export async function applyRequestAsync(file: string, context: Context, request: RunRequest): Promise<Applied> {
  const s = steps(context, request);
  const first = await updateRecordAsync(file, s.first);
  if (!('event' in first)) return first;
  const began = s.began();
  if (!began) return { event: first.event };
  const second = await updateRecordAsync(file, s.second);
  return 'event' in second ? { event: second.event, began } : second;
}
