/**
 * The action catalogue of runbook format v1. Action ids and parameter names are a public
 * contract (shared/design/runbook-format.md): add, never rename. The JSON Schema, completion,
 * hover and the checklist all read this one table.
 */
import type { ActionSpec, ParamSpec } from './types';
import {
  BACKUP_SETS,
  BACKUP_MODES,
  BACKUP_TYPES,
  EXCHANGE_COMPONENTS,
  OWNER_EXPECTATIONS,
  PREREQ_ITEMS,
  STARTUP_TYPES,
  MAILBOX_LOSS,
} from './enums';

const str = (doc: string, source?: ParamSpec['source']): ParamSpec => ({ type: { kind: 'string' }, doc, source });
const bool = (doc: string): ParamSpec => ({ type: { kind: 'boolean' }, doc });
const list = (doc: string, source?: ParamSpec['source']): ParamSpec => ({ type: { kind: 'string-list' }, doc, source });
const oneOf = (values: readonly string[], doc: string): ParamSpec => ({ type: { kind: 'enum', values }, doc });

const storageGroup = str('Name of a storage group listed under `server.storageGroups`.', 'storage-group');
const databases = list('Databases of that storage group, by the names listed in the inventory.', 'database');
const node = str('Name of a cluster node.', 'node');
const ntbackupVersion = str('Version of NTBackup.exe used, four dotted numbers such as 5.0.2195.1117.');
const files = list('Database files involved, such as `priv1.edb` and `priv1.stm`.');
const databaseScope = { storageGroup, databases };

const a = (id: string, summary: string, doc: string, params: ActionSpec['params'] = {}): ActionSpec => ({
  id,
  summary,
  doc,
  params,
});

export const ACTIONS: readonly ActionSpec[] = [
  a(
    'manual',
    'A free-form step that no rule interprets',
    'Use it for anything the catalogue has no action for. Every parameter is accepted and none is checked.',
    'any',
  ),
  a(
    'prereq.confirm',
    'Confirm that a prerequisite is at hand',
    'Stops the run until someone confirms one item needed for the recovery, such as the System State backup or the install media.',
    { item: oneOf(PREREQ_ITEMS, 'Which prerequisite this step confirms.') },
  ),
  a(
    'ad.verify-server-object',
    'Check that Active Directory still has the Exchange server object',
    'Disaster Recovery Setup rebuilds the server from the configuration kept in Active Directory, so that object must still exist.',
    { serverName: str('The Exchange server whose object is looked up.', 'server-name') },
  ),
  a(
    'ad.restore',
    'Restore Active Directory',
    'Needed first when the lost server was also a domain controller: Exchange reads its configuration from the directory.',
  ),
  a(
    'windows.install',
    'Reinstall Windows 2000',
    'Installs Windows again with the identity the server had: same name, edition and system folder, and as a stand-alone server.',
    {
      serverName: str('Computer name; must be the name the server had.', 'server-name'),
      edition: str('Windows 2000 edition; must match the inventory.'),
      systemPath: str('System folder such as C:\\WINNT; must match the inventory.'),
      joinDomain: bool('Must be false: the System State restore puts the server back in its domain.'),
      components: list('Windows components selected during setup.'),
    },
  ),
  a(
    'windows.install-updates',
    'Reinstall service packs and hotfixes',
    'Brings Windows back to the update level it had, before System State is restored over it.',
    { items: list('Service packs and hotfixes to install, in order.') },
  ),
  a(
    'windows.join-domain',
    'Join a domain',
    'Joins the computer to a domain. For a new cluster node only; a rebuilt server rejoins through its System State.',
    { domain: str('The domain to join.') },
  ),
  a(
    'backup.restore-drive',
    'Restore a file backup of a drive',
    'Puts back the files of one logical drive, typically the system drive, from a file-system backup.',
    { drive: str('Drive letter, such as C:.') },
  ),
  a(
    'backup.restore-system-state',
    'Restore System State',
    'Restores the registry, boot files, COM+ data and, where present, the directory and the cluster quorum.',
    {
      includesQuorum: bool('The backup carries the cluster quorum.'),
      includesActiveDirectory: bool('The backup carries Active Directory.'),
    },
  ),
  a(
    'backup.run',
    'Run a backup',
    'Backs up Exchange data with NTBackup. An online full backup of a whole storage group is the usual choice.',
    {
      type: oneOf(BACKUP_TYPES, 'full, copy, incremental or differential.'),
      mode: oneOf(BACKUP_MODES, 'online keeps mail flowing; offline needs the databases dismounted.'),
      storageGroup,
      databases,
      ntbackupVersion,
      files,
      node: str('Cluster node the backup runs on.', 'node'),
    },
  ),
  a(
    'backup.verify-log',
    'Read the backup log and event log',
    'Confirms the backup finished without errors by reading the NTBackup report and the application event log.',
  ),
  a(
    'backup.verify-restore',
    'Prove the backup by restoring it elsewhere',
    'Restores the backup on another computer: the only proof that the data on the media can be read back.',
    { targetServer: str('The computer used for the trial restore.') },
  ),
  a('server.restart', 'Restart the server', 'Restarts the computer.'),
  a(
    'exchange.setup-disaster-recovery',
    'Run Exchange Setup in Disaster Recovery mode',
    'Reinstalls the Exchange binaries and reads the configuration back from Active Directory, without creating new objects.',
    {
      components: {
        type: { kind: 'enum-list', values: EXCHANGE_COMPONENTS },
        doc: 'Every component the server had, as in `server.components`.',
      },
      installPath: str('Exchange folder; must equal `server.exchangePath`.'),
      commandLine: str('The Setup command, including the /disasterrecovery switch.'),
    },
  ),
  a(
    'exchange.install',
    'Install Exchange normally',
    'An ordinary Exchange installation, used on a new cluster node after it joined the cluster.',
    { node, installPath: str('Exchange folder on that node.') },
  ),
  a(
    'store.verify-running',
    'Check that the Information Store is running',
    'A restore talks to the Information Store service, so it and the services it depends on must be running.',
  ),
  a(
    'database.dismount',
    'Dismount databases',
    'Takes databases offline so they can be backed up offline or restored.',
    { ...databaseScope },
  ),
  a(
    'database.copy-existing',
    'Copy the current database files aside',
    'Keeps a copy of the current .edb, .stm and log files: if the restore fails, they can still be repaired.',
    { ...databaseScope, destination: str('Folder that receives the copy.') },
  ),
  a(
    'database.restore',
    'Restore databases from backup',
    'Restores databases of one storage group from one backup set. The last set of a sequence starts log replay.',
    {
      ...databaseScope,
      backupSet: oneOf(BACKUP_SETS, 'full, incremental, differential or copy.'),
      lastRestoreSet: bool('True on the last restore of the sequence only: it replays the logs and finishes.'),
      tempLogPath: str('Temporary folder for restored logs; must not be the storage group log folder.'),
      targetServer: str('Restore to this server instead of the original one.'),
      files,
      ntbackupVersion,
    },
  ),
  a('database.mount', 'Mount databases', 'Brings databases online.', { ...databaseScope }),
  a(
    'database.verify-mounted',
    'Check that databases are mounted',
    'Confirms the databases came online after the restore.',
    { ...databaseScope },
  ),
  a(
    'database.set-do-not-mount',
    'Set "Do not mount at startup"',
    'Keeps databases offline while cluster resources start, so a restore can run first.',
    { ...databaseScope },
  ),
  a(
    'database.clear-do-not-mount',
    'Clear "Do not mount at startup"',
    'Lets databases mount automatically again once they are back.',
    { ...databaseScope },
  ),
  a(
    'disk.check-capacity',
    'Check free disk space',
    'Confirms the drive has room for the restored database and its logs.',
    {
      drive: str('Drive letter.'),
      freePercent: {
        type: { kind: 'number', minimum: 0, maximum: 100 },
        doc: 'Free space required, in percent of the drive.',
      },
    },
  ),
  a(
    'mailbox.reconnect',
    'Reconnect a deleted mailbox',
    'Attaches a mailbox that was deleted but is still retained to a new user account. Quicker than any restore.',
    { mailbox: str('The mailbox.'), user: str('The account that receives it.') },
  ),
  a(
    'mailbox.restore-from-backup',
    'Recover a mailbox through a recovery server',
    'Restores the database on an isolated recovery server and copies the mailbox back from there.',
    {
      mailbox: str('The mailbox.'),
      recoveryServer: str('The recovery server.'),
      reason: oneOf(MAILBOX_LOSS, 'deleted or damaged: a deleted mailbox can usually be reconnected instead.'),
    },
  ),
  a(
    'recovery.prepare-server',
    'Prepare a recovery server',
    'Builds a recovery server with its own domain controller in a separate forest, cut off from production.',
    {
      serverName: str('The recovery server.'),
      forest: str('The forest it belongs to; not the production forest.'),
      isolated: bool('Must be true: the recovery server never talks to production.'),
    },
  ),
  a(
    'srs.clear-data-folder',
    'Empty the SRS data folder',
    'The SRS database restore fails while .edb, .log or .chk files remain in the srsdata folder.',
    { path: str('The srsdata folder.') },
  ),
  a('srs.start-service', 'Start Site Replication Service', 'Sets the service startup type and starts it.', {
    startupType: oneOf(STARTUP_TYPES, 'Must be automatic after a recovery.'),
  }),
  a(
    'srs.reset-service-account-password',
    'Re-enter the Exchange 5.5 service account password',
    'Typed at the console; the password itself never goes into the runbook.',
  ),
  a('srs.restore-database', 'Restore the SRS database', 'Restores the Site Replication Service database from backup.'),
  a(
    'kms.verify-data-folder-empty',
    'Check that the KMS data folder is empty',
    'The Key Management Service database restore needs an empty KMSData folder.',
    { path: str('The KMSData folder.') },
  ),
  a(
    'kms.start-service',
    'Start Key Management Service',
    'Starts the service with its password, typed at the console when asked.',
    {
      passwordParameter: {
        type: { kind: 'boolean', only: true },
        doc: 'Must be true: the password is entered at start-up, never written here.',
      },
    },
  ),
  a('kms.restore-database', 'Restore the KMS database', 'Restores the Key Management Service database from backup.'),
  a(
    'cluster.take-quorum-ownership',
    'Make this node own the quorum disk',
    'Stops the cluster service on the other nodes so this node owns the quorum and its backup includes it.',
    { node },
  ),
  a('cluster.evict-node', 'Evict the lost node', 'Removes the failed node from the cluster configuration.', { node }),
  a(
    'cluster.verify-owners',
    'Check possible and preferred owners',
    'Checks every group and resource: after an eviction the old node must be gone; before a move the new node must be listed.',
    { node, expect: oneOf(OWNER_EXPECTATIONS, 'absent or present.') },
  ),
  a(
    'cluster.detach-node',
    'Detach the node physically',
    'Disconnects the node from the cluster network and the shared storage.',
    { node },
  ),
  a(
    'cluster.build-node',
    'Build a replacement node',
    'Installs a new node, under a new name if needed, with access to the shared storage.',
    { node, domain: str('The domain of the cluster.') },
  ),
  a('cluster.join-node', 'Join the node to the cluster', 'Installs the cluster service on the node and joins it.', {
    node,
  }),
  a(
    'cluster.move-resources',
    'Move Exchange resources to a node',
    'Moves the Exchange virtual server to the named node.',
    { to: str('The node that receives the resources.', 'node') },
  ),
  a(
    'cluster.restore-disk-signature',
    'Restore the quorum disk signature',
    'Writes the old disk signature back onto a replaced quorum disk so the cluster recognises it.',
  ),
  a(
    'cluster.stop-service',
    'Stop the cluster service',
    'Stops the cluster service, on every node before a System State restore.',
    { nodes: { type: { kind: 'all-or-list' }, doc: '`all`, or a list of node names.', source: 'node' } },
  ),
  a(
    'cluster.restore-quorum',
    'Copy the quorum backup back',
    'Copies the saved cluster configuration onto the quorum disk after the System State restore.',
  ),
  a('cluster.start-service', 'Start the cluster service', 'Starts the cluster service.'),
  a(
    'cluster.verify-shared-disk',
    'Check the shared disk',
    'Confirms the shared disk is reachable and finds out whether database and log files survived.',
  ),
  a(
    'cluster.start-exchange-resources',
    'Bring Exchange resources online',
    'Starts the Exchange virtual server resources.',
  ),
];

export const ACTION_BY_ID: ReadonlyMap<string, ActionSpec> = new Map(ACTIONS.map((x) => [x.id, x]));
