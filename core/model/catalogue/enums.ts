/** Enumerated values of format v1: lower-case kebab-case, part of the public contract. */

export const SCENARIOS = [
  'backup',
  'database-restore',
  'mailbox-restore',
  'member-server',
  'srs-server',
  'kms-server',
  'cluster-node',
  'cluster-quorum',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const SCENARIO_DOCS: Readonly<Record<Scenario, string>> = {
  backup: 'Back up Exchange data and prove the backup can be restored.',
  'database-restore': 'Restore one or more databases of a running server from backup.',
  'mailbox-restore': 'Bring back a deleted or damaged mailbox.',
  'member-server': 'Rebuild a lost Exchange member server from its backups.',
  'srs-server': 'Rebuild a member server that also ran Site Replication Service.',
  'kms-server': 'Rebuild a member server that also ran Key Management Service.',
  'cluster-node': 'Replace a lost node of an Exchange cluster.',
  'cluster-quorum': 'Recover a cluster whose quorum disk was lost.',
};

export const PREREQ_ITEMS = [
  'replacement-hardware',
  'install-media',
  'system-drive-backup',
  'exchange-database-backup',
  'system-state-backup',
  'srs-database-backup',
  'kms-database-backup',
  'quorum-backup',
  'ad-permissions',
  'matching-names',
] as const;

/** Exchange 2000 Setup components. `certificate-authority` is accepted so that a rule can explain why to drop it. */
export const EXCHANGE_COMPONENTS = [
  'messaging-and-collaboration',
  'system-management-tools',
  'key-management-service',
  'exchange-5.5-administrator',
  'instant-messaging',
  'chat',
  'connector-ms-mail',
  'connector-cc-mail',
  'connector-lotus-notes',
  'connector-novell-groupwise',
  'certificate-authority',
] as const;

export const ROLES = ['srs', 'kms', 'certificate-authority'] as const;
export const BACKUP_TYPES = ['full', 'copy', 'incremental', 'differential'] as const;
export const BACKUP_SETS = ['full', 'incremental', 'differential', 'copy'] as const;
export const BACKUP_MODES = ['online', 'offline'] as const;
export const STARTUP_TYPES = ['automatic', 'manual'] as const;
export const OWNER_EXPECTATIONS = ['absent', 'present'] as const;
export const MAILBOX_LOSS = ['deleted', 'damaged'] as const;
