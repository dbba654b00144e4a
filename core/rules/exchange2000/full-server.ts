/**
 * The built-in rules of the article section "Full Server Recoveries" (requirements, "Recovering an Exchange 2000 Member Server", Setup in
 * Disaster Recovery mode, "Recovering Databases"): the order of a member server rebuild.
 * Declarative rules are data (several entries may share an id: together they are that rule);
 * the rules that need logic are code. Facts come from shared/reference; the wording is ours.
 */
import { defineRule } from '../define';
import { act, restore, drSetup, systemState, finalRestart, exchangeSide } from './matchers';
import { ACTION_BY_ID } from '../../model/catalogue/actions';
import type { DeclarativeRule } from '../types';
import type { RuleSection } from './section';

const GENERAL_ITEMS = [
  'replacement-hardware',
  'install-media',
  'system-drive-backup',
  'exchange-database-backup',
  'system-state-backup',
];
/**
 * What each recovery needs in hand before it starts: the general requirements, plus the SRS or
 * KMS database backup for those servers; a lost quorum needs a System State backup holding it.
 */
export const REQUIRED_ITEMS: Readonly<Record<string, readonly string[]>> = {
  'member-server': GENERAL_ITEMS,
  'srs-server': [...GENERAL_ITEMS, 'srs-database-backup'],
  'kms-server': [...GENERAL_ITEMS, 'kms-database-backup'],
  'cluster-quorum': ['quorum-backup'],
};

/**
 * Steps that are not recovery work: confirmations, free-form notes (opening a ticket, paging
 * someone) and steps whose action is unknown (reported once, by unknown-action).
 */
function isWork(step: { action?: string }): boolean {
  return !!step.action && step.action !== 'prereq.confirm' && step.action !== 'manual' && ACTION_BY_ID.has(step.action);
}

export const requirementsConfirmed = defineRule(
  'requirements-confirmed',
  'warning',
  'Confirm the prerequisites before starting a server recovery.',
  ['prereq.confirm'],
  (ctx, report) => {
    const required = ctx.scenario ? REQUIRED_ITEMS[ctx.scenario] : undefined;
    if (!required) return;
    const confirms = ctx.withAction('prereq.confirm');
    const firstWork = ctx.steps.find(isWork);
    const have = new Set(confirms.map((s) => s.with.item));
    const missing = required.filter((i) => !have.has(i));
    if (missing.length) {
      report({
        span: ctx.parsed.stepsKey ?? { start: 0, end: 1 },
        message: `Before the recovery starts, confirm with \`prereq.confirm\` steps that these are at hand: ${missing.join(', ')}.`,
        data: { fix: 'insert-prereqs', items: missing, target: firstWork?.index ?? 0 },
      });
    }
    for (const s of confirms) {
      if (!firstWork || s.index < firstWork.index || !required.includes(String(s.with.item))) continue;
      report({
        span: s.anchor,
        message: `${s.label} confirms '${String(s.with.item)}' only after ${firstWork.label} has started the work; confirm prerequisites first.`,
        related: [{ span: firstWork.anchor, message: 'The work starts here' }],
        data: { fix: 'move-before', move: s.index, target: firstWork.index },
      });
    }
  },
);

export const fullServerSection: RuleSection = {
  id: 'full-server',
  article: 'Full Server Recoveries',
  coded: [requirementsConfirmed],
  declarative: [
    {
      kind: 'order',
      id: 'restore-ad-first',
      severity: 'error',
      summary: 'On a domain controller, Active Directory comes back first.',
      when: { domainController: true },
      before: act('ad.restore'),
      // The first step that needs the directory: an Exchange step or a look-up in Active Directory.
      after: act([...exchangeSide, 'ad.verify-server-object']),
      afterPick: 'first',
      require: 'before',
      message:
        '{step} needs Active Directory but runs before {other} restores it; on a domain controller the directory comes back before any Exchange work.',
      missingMessage:
        'This server is a domain controller: restore Active Directory (`ad.restore`) before {step} and every other step that needs it.',
    },
    {
      kind: 'field',
      id: 'windows-standalone',
      severity: 'error',
      summary: 'Reinstall Windows as a stand-alone server.',
      when: { exceptScenarios: ['cluster-node'] },
      step: act('windows.install'),
      param: 'joinDomain',
      check: { equals: false },
      required: true,
      message:
        '{step} must install Windows outside the domain (`joinDomain: false`): the System State restore returns the server to its domain with its own account.',
    },
    {
      kind: 'forbid-between',
      id: 'windows-standalone',
      severity: 'error',
      summary: 'Reinstall Windows as a stand-alone server.',
      step: act('windows.join-domain'),
      to: systemState,
      message:
        '{step} joins the domain before {to} restores System State; joining now creates a new computer account that the restore then conflicts with.',
    },
    {
      kind: 'field',
      id: 'windows-same-identity',
      severity: 'error',
      summary: 'Windows comes back with the same name, edition and folder.',
      when: { exceptScenarios: ['cluster-node'] },
      step: act('windows.install'),
      param: 'serverName',
      check: { equalsInventory: 'name' },
      message:
        '{step} names the server `{actual}`, but the inventory says `{expected}`: the restored configuration only fits the original name.',
    },
    {
      kind: 'field',
      id: 'windows-same-identity',
      severity: 'error',
      summary: 'Windows comes back with the same name, edition and folder.',
      when: { exceptScenarios: ['cluster-node'] },
      step: act('windows.install'),
      param: 'edition',
      check: { equalsInventory: 'windowsEdition' },
      message: '{step} installs `{actual}`, but the server ran `{expected}`.',
    },
    {
      kind: 'field',
      id: 'windows-same-identity',
      severity: 'error',
      summary: 'Windows comes back with the same name, edition and folder.',
      when: { exceptScenarios: ['cluster-node'] },
      step: act('windows.install'),
      param: 'systemPath',
      check: { equalsInventory: 'systemPath' },
      message: '{step} installs Windows into `{actual}`, but System State expects `{expected}`.',
    },
    {
      kind: 'order',
      id: 'updates-after-windows',
      severity: 'error',
      summary: 'Service packs after Windows, before System State.',
      before: act('windows.install'),
      after: act('windows.install-updates'),
      message: '{step} installs updates before {other} has installed Windows.',
    },
    {
      kind: 'order',
      id: 'updates-after-windows',
      severity: 'error',
      summary: 'Service packs after Windows, before System State.',
      before: act('windows.install-updates'),
      after: systemState,
      every: true,
      message:
        'System State is restored by {step} before {other} brings Windows to the update level the backup was taken at.',
    },
    {
      kind: 'order',
      id: 'system-drive-before-system-state',
      severity: 'error',
      summary: 'Restore the system drive before System State.',
      before: act('backup.restore-drive'),
      after: systemState,
      // Every drive (system drive and the drives with critical data) comes back first.
      every: true,
      message: '{step} restores System State before {other} puts back the system drive.',
    },
    {
      kind: 'require-between',
      id: 'restart-after-system-state',
      severity: 'error',
      summary: 'Restart between System State and Disaster Recovery Setup.',
      from: systemState,
      to: drSetup,
      fromEach: true,
      step: act('server.restart'),
      message:
        'Restart the server between {from} and {to}: the restored System State only takes effect after a restart.',
    },
    {
      kind: 'order',
      id: 'server-object-before-setup',
      severity: 'error',
      summary: 'Confirm the server object exists before Disaster Recovery Setup.',
      before: act('ad.verify-server-object'),
      after: drSetup,
      require: 'before',
      message: '{step} runs Setup before {other} has confirmed that Active Directory still holds the server object.',
      missingMessage:
        'Disaster Recovery Setup ({step}) rebuilds the server from its Active Directory object: confirm it exists first with `ad.verify-server-object`.',
    },
    {
      kind: 'order',
      id: 'system-state-before-dr-setup',
      severity: 'error',
      summary: 'System State before Disaster Recovery Setup.',
      before: systemState,
      after: drSetup,
      message: '{step} runs Disaster Recovery Setup before {other} restores System State.',
    },
    {
      kind: 'field',
      id: 'dr-setup-all-components',
      severity: 'error',
      summary: 'Setup reinstalls every component the server had.',
      step: drSetup,
      param: 'components',
      check: { sameSetAsInventory: 'components', ignore: ['certificate-authority'] },
      message:
        '{step} selects `{actual}`, but the server had `{expected}`: Setup cannot find out which components were installed, so list every one.',
    },
    {
      kind: 'field',
      id: 'dr-setup-same-path',
      severity: 'error',
      summary: 'Setup installs into the original Exchange folder.',
      step: drSetup,
      param: 'installPath',
      check: { equalsInventory: 'exchangePath' },
      message: '{step} installs into `{actual}`, but Exchange lived in `{expected}`.',
    },
    {
      kind: 'field',
      id: 'dr-setup-switch',
      severity: 'error',
      summary: 'Setup runs with /disasterrecovery.',
      step: drSetup,
      param: 'commandLine',
      check: { includes: '/disasterrecovery' },
      message:
        '{step} runs Setup without `/disasterrecovery`: an ordinary install would try to create the server objects anew.',
    },
    {
      kind: 'order',
      id: 'databases-after-dr-setup',
      severity: 'error',
      summary: 'Restore databases after Disaster Recovery Setup.',
      before: drSetup,
      after: restore,
      message: 'The restore {step} comes before {other}, which reinstalls the Exchange binaries it needs.',
    },
    {
      kind: 'forbid-between',
      id: 'no-restart-before-databases',
      severity: 'error',
      summary: 'No restart between Setup and the database restores.',
      from: drSetup,
      to: restore,
      toPick: 'last',
      step: act('server.restart'),
      message:
        "{step} restarts the server between {from} and the last restore {to}; decline Setup's restart offer until the databases are back.",
    },
    {
      kind: 'order',
      id: 'verify-mounted-before-restart',
      severity: 'error',
      summary: 'Verify the databases are mounted before the final restart.',
      before: act('database.verify-mounted'),
      ...finalRestart,
      require: 'before',
      message: 'The final restart {step} comes before {other} confirms the databases are mounted.',
      missingMessage:
        'Before the final restart {step}, confirm with `database.verify-mounted` that the restored databases are online.',
    },
    {
      kind: 'field',
      id: 'server-object-before-setup',
      severity: 'error',
      summary: 'Check the server object in Active Directory before Setup.',
      when: { scenarios: ['member-server', 'srs-server', 'kms-server'] },
      step: act('ad.verify-server-object'),
      param: 'serverName',
      check: { equalsInventory: 'name' },
      message:
        "{step} looks up '{actual}', but the server being rebuilt is '{expected}': Setup needs that server's own object.",
    },
    {
      kind: 'field',
      id: 'system-state-includes-ad',
      severity: 'error',
      summary: "A domain controller's System State carries Active Directory.",
      when: { domainController: true },
      step: systemState,
      param: 'includesActiveDirectory',
      check: { equals: true },
      required: true,
      message:
        '{step} restores the System State of a domain controller: it must be a backup that includes Active Directory (`includesActiveDirectory: true`).',
    },
    {
      kind: 'field',
      id: 'windows-same-components',
      severity: 'error',
      summary: 'Windows gets the components it had.',
      when: { exceptScenarios: ['cluster-node'] },
      step: act('windows.install'),
      param: 'components',
      // The certificate authority returns with the System State (kms-ca-from-system-state).
      check: {
        sameSetAsInventory: 'windowsComponents',
        ignore: ['Certificate Services', 'certificate-services', 'certificate-authority'],
      },
      message:
        '{step} selects the Windows components {actual}; the server had {expected} (`server.windowsComponents`): select the same ones.',
    },
    ...['windows.install', 'backup.restore-system-state', 'exchange.setup-disaster-recovery', 'database.restore'].map(
      (action): DeclarativeRule => ({
        kind: 'requires',
        id: 'full-recovery-steps',
        severity: 'warning',
        summary:
          'A full server recovery rebuilds Windows, restores System State, runs DR Setup and restores the databases.',
        when: { scenarios: ['member-server', 'srs-server', 'kms-server'] },
        step: act(action),
        message: `A full server recovery needs a \`${action}\` step: the member server procedure has no recovery without it.`,
      }),
    ),
  ],
};
