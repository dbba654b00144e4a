/**
 * The built-in rules of the article section "Restoring Mailboxes": reconnect a deleted mailbox, restore a damaged one in an isolated forest.
 * Declarative rules are data (several entries may share an id: together they are that rule);
 * the rules that need logic are code. Facts come from shared/reference; the wording is ours.
 */
import { act } from './matchers';
import type { RuleSection } from './section';

export const mailboxesSection: RuleSection = {
  id: 'mailboxes',
  article: 'Restoring Mailboxes',
  coded: [],
  declarative: [
    {
      kind: 'field',
      id: 'recovery-forest-isolated',
      severity: 'error',
      summary: 'A recovery server stays isolated from production.',
      step: act('recovery.prepare-server'),
      param: 'isolated',
      check: { equals: true },
      required: true,
      message:
        'The recovery server of {step} must be isolated (`isolated: true`): a second copy of the directory must never meet production.',
    },
    {
      kind: 'forbid-between',
      id: 'recovery-forest-isolated',
      severity: 'error',
      summary: 'A recovery server stays isolated from production.',
      from: act('recovery.prepare-server'),
      anywhere: true,
      step: act('windows.join-domain'),
      message:
        '{step} joins a domain in a runbook where {from} prepares an isolated recovery server: the recovery forest must stay cut off from production.',
    },
    {
      kind: 'field',
      id: 'prefer-reconnect',
      severity: 'hint',
      summary: 'Reconnect a deleted mailbox instead of restoring it.',
      step: act('mailbox.restore-from-backup'),
      param: 'reason',
      check: { notEquals: 'deleted' },
      message:
        '{step} restores a deleted mailbox from backup; while it is still retained it can be reconnected with `mailbox.reconnect`, which needs no recovery server.',
    },
  ],
};
