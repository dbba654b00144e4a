/** `runbook explain <rule>`: prints a rule's page from the documentation shipped with the CLI (no network). */
import { BUILTIN_RULES } from '../../core/rules/exchange2000';
import { didYouMean, suggest } from '../../core/model/text/suggest';
import { docsFolder, rulePage } from '../../node/docs';
import { parseCommandArgs, UsageError } from './args';
import type { Command } from './command';

export const EXPLAIN_USAGE = `Usage: runbook explain <rule-id>
       runbook explain --list

Prints the page of a rule: what it protects against, an example that breaks it, and the fix.
The pages ship with the CLI, so this works without a network.`;

export const explainCommand: Command = {
  summary: "print a rule's page (what it checks, an example, the fix)",
  usage: EXPLAIN_USAGE,
  run(argv) {
    const args = parseCommandArgs(argv, { list: { type: 'boolean' } });
    if (args.flags.has('help')) return { out: EXPLAIN_USAGE, err: '', code: 0 };
    if (args.flags.has('list'))
      return { out: BUILTIN_RULES.map((r) => `${r.id.padEnd(36)} ${r.summary}`).join('\n'), err: '', code: 0 };
    const [id, extra] = args.positional;
    if (!id || extra) throw new UsageError(`explain needs exactly one rule id.\n${EXPLAIN_USAGE}`);
    if (!docsFolder()) throw new UsageError('the rule pages are not installed beside this copy of the CLI');
    const page = rulePage(id);
    if (page) return { out: page.trimEnd(), err: '', code: 0 };
    const near = didYouMean(
      suggest(
        id,
        BUILTIN_RULES.map((r) => r.id),
      ),
    );
    throw new UsageError(`No rule '${id}'.${near} 'runbook explain --list' lists them.`);
  },
};
