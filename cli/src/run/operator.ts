/** Who the CLI writes into a record: --operator, else $RUNBOOK_OPERATOR, else git user.name. */
import { UsageError } from '../args';
import { gitUserName } from '../../../node/records';

export function cliOperator(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  const name = flag?.trim() || env.RUNBOOK_OPERATOR?.trim() || gitUserName(cwd)?.trim();
  if (!name) {
    throw new UsageError(
      'Who is the operator? Pass --operator NAME, set RUNBOOK_OPERATOR, or set `git config user.name`.',
    );
  }
  if (/[\r\n]/.test(name)) throw new UsageError('The operator name must be one line.');
  return name;
}
