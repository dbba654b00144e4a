/**
 * One answer for a record that cannot be read, shared by `runbook run` and `runbook report`: every
 * problem as `file:line: message`, a line saying the file was left alone, exit code 1.
 */
import { RecordUnreadableError } from '../../node/recordFiles';
import type { CliResult } from './command';

export function guardRecord(fn: () => CliResult): CliResult {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof RecordUnreadableError)) throw e;
    return {
      out: '',
      err: e.problems
        .map((p) => `${e.file}:${p.line}: ${p.message}`)
        .concat('runbook: the record cannot be read; it was left as it is')
        .join('\n'),
      code: 1,
    };
  }
}
