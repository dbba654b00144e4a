/**
 * The built-in rules of the article section "Restoring Mailboxes": reconnect a deleted mailbox, restore a damaged one in an isolated forest.
 * Declarative rules are data (several entries may share an id: together they are that rule);
 * the rules that need logic are code. Facts come from shared/reference; the wording is ours.
 */
import { act } from './matchers';
import { defineRule } from '../define';
import type { RuleSection } from './section';

/** A domain inside a forest: the forest root itself or one of its child domains. */
const inForest = (domain: string, forest: string) => {
  const d = domain.toLowerCase().replace(/\.$/, '');
  const f = forest.toLowerCase().replace(/\.$/, '');
  return d === f || d.endsWith(`.${f}`);
};

/**
 * A recovery server may join its own isolated recovery domain (the forest its
 * `recovery.prepare-server` step names); joining any other domain means production.
 */
export const recoveryForestJoin = defineRule(
  'recovery-forest-isolated',
  'error',
  'A recovery server stays isolated from production.',
  ['recovery.prepare-server', 'windows.join-domain'],
  (ctx, report) => {
    const prepares = ctx.withAction('recovery.prepare-server');
    if (!prepares.length) return;
    const forests = prepares.map((p) => p.with.forest).filter((f): f is string => typeof f === 'string' && !!f);
    for (const join of ctx.withAction('windows.join-domain')) {
      const domain = join.with.domain;
      if (typeof domain === 'string' && forests.some((f) => inForest(domain, f))) continue;
      const from = prepares[0];
      report({
        span: join.anchor,
        message: `${join.label} joins ${typeof domain === 'string' ? `'${domain}'` : 'a domain'}, outside the isolated recovery forest ${forests.length ? `'${forests.join("', '")}' ` : ''}that ${from.label} prepares: the recovery server must stay cut off from production.`,
        related: [{ span: from.anchor, message: `${from.label} (${from.action})` }],
      });
    }
  },
);

export const mailboxesSection: RuleSection = {
  id: 'mailboxes',
  article: 'Restoring Mailboxes',
  coded: [recoveryForestJoin],
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
    {
      kind: 'requires',
      id: 'ad-permissions-confirmed',
      severity: 'warning',
      summary: 'Confirm the recovery team has its Active Directory permissions.',
      when: { scenarios: ['mailbox-restore'], hasAction: 'mailbox.restore-from-backup' },
      step: act('prereq.confirm', { item: 'ad-permissions' }),
      message:
        'Recovering a mailbox reads and writes Exchange objects in Active Directory: confirm (`prereq.confirm`, item `ad-permissions`) that the people doing it have those rights.',
    },
    {
      kind: 'order',
      id: 'recovery-forest-isolated',
      severity: 'error',
      summary: 'A recovery server stays isolated from production.',
      before: act('recovery.prepare-server'),
      after: act('mailbox.restore-from-backup'),
      message: '{step} recovers the mailbox before {other} has prepared the isolated recovery server it goes through.',
    },
  ],
};
