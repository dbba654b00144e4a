/**
 * Generates realistic `database-restore` runbooks of an exact number of steps for the benchmark.
 *
 * The server has four storage groups (the Exchange 2000 maximum) with four or five databases each
 * (18 in all). The steps come in three parts:
 *  1. the checks every restore needs: the Information Store runs, the restore drive has room;
 *  2. one restore sequence per database, round-robin over the storage groups:
 *       dismount → copy the current files aside → restore full [→ incremental | differential]
 *       → mount → verify mounted [→ tell the users, `after:` the check]
 *     (three shapes alternate; block and flow mappings, evidence and notes vary);
 *  3. as many aftercare rounds as the size asks for, each about one database or storage group:
 *       offline defragmentation (dismount → eseutil /d → isinteg → mount → verify → tell users),
 *       a fresh online full backup (backup.run → backup.verify-log → send the tape offsite),
 *       mail-flow checks (verify mounted → test message with evidence → event log).
 * Every database is restored once only: the ordering rules compare every restore of a database
 * with every check of it, so a second restore of the same database later in the file would be
 * reported against the first round's checks. A clean runbook lints without a single diagnostic
 * (`npm run bench` checks it).
 *
 * With `violations`, about 1% of the steps carry a mistake, spread evenly through the file. From
 * three mistakes up, one restore sequence gets a wrong `lastRestoreSet` flag (true on the first of
 * two sets) and one restores before its dismount; the others rotate over an unknown action
 * (`database.mout`, also a schema error), an unknown database or storage group name and an `after:`
 * entry that names no step. Below three, the mistakes are unknown actions.
 */

export interface Runbook {
  text: string;
  steps: number;
  /** Number of deliberate mistakes (0 for a clean runbook). */
  violations: number;
  /** The kinds of the mistakes, in file order. */
  kinds: string[];
  /** 0-based line of every step's `- id:` line, in order. */
  stepLines: number[];
  /** Where the benchmark edits: the last character of the title of the middle step. */
  edit: { line: number; character: number; original: string; replacement: string };
  /** Start of the `action:` value of the step after the middle one, where completion is asked. */
  completion: { line: number; character: number };
}

interface Group {
  name: string;
  slug: string;
  log: string;
  dbs: string[];
}
interface Db {
  group: Group;
  name: string;
  slug: string;
  file: string;
}

const GROUPS: Group[] = [
  {
    name: 'First Storage Group',
    slug: 'first',
    log: 'E:\\Exchsrvr\\mdbdata',
    dbs: [
      'Mailbox Store (EXCH01)',
      'Public Folder Store (EXCH01)',
      'Executive Mailbox Store',
      'Helpdesk Mailbox Store',
    ],
  },
  {
    name: 'Sales Storage Group',
    slug: 'sales',
    log: 'G:\\Exchsrvr\\sg2logs',
    dbs: [
      'Sales Mailbox Store',
      'Sales Archive Store',
      'Sales Public Store',
      'Partner Mailbox Store',
      'Sales Journal Store',
    ],
  },
  {
    name: 'Engineering Storage Group',
    slug: 'eng',
    log: 'H:\\Exchsrvr\\sg3logs',
    dbs: ['Engineering Mailbox Store', 'Build Mailbox Store', 'Lab Mailbox Store', 'Engineering Archive Store'],
  },
  {
    name: 'Finance Storage Group',
    slug: 'fin',
    log: 'I:\\Exchsrvr\\sg4logs',
    dbs: [
      'Finance Mailbox Store',
      'Payroll Mailbox Store',
      'Audit Archive Store',
      'Treasury Mailbox Store',
      'Finance Public Store',
    ],
  },
];

/** Round-robin over the groups, so consecutive sequences touch different storage groups. */
const DBS: Db[] = (() => {
  const out: Db[] = [];
  for (let i = 0; i < 5; i++) {
    for (const g of GROUPS)
      if (g.dbs[i]) out.push({ group: g, name: g.dbs[i], slug: `${g.slug}-db${i + 1}`, file: `${g.slug}${i + 1}` });
  }
  return out;
})();

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type RestoreMistake = 'last-restore-set' | 'restore-before-dismount';
type BodyMistake = 'unknown-action' | 'unknown-database' | 'unknown-after';
const BODY_MISTAKES: BodyMistake[] = ['unknown-action', 'unknown-database', 'unknown-after'];

/** One step as lines; the first starts with `  - `. */
type StepLines = string[];

function header(): string[] {
  const lines = [
    'runbook: 1',
    'title: Restore every store on EXCH01 from the weekend full backups and the weekday sets',
    'description: >',
    '  Generated for the Runbook Studio benchmark. Each database is taken offline, its current',
    '  files are copied aside, it is restored from tape and mounted again, one at a time, while',
    '  the other stores keep serving mail; then the stores are defragmented, backed up and checked.',
    'scenario: database-restore',
    'server:',
    '  name: EXCH01',
    '  windowsEdition: Windows 2000 Advanced Server',
    '  systemPath: C:\\WINNT',
    '  exchangePath: D:\\Program Files\\Exchsrvr',
    '  domainController: false',
    '  components: [messaging-and-collaboration, system-management-tools]',
    '  roles: []',
    '  storageGroups:',
  ];
  for (const g of GROUPS)
    lines.push(`    - name: ${g.name}`, `      logPath: ${g.log}`, `      databases: [${g.dbs.join(', ')}]`);
  lines.push('steps:');
  return lines;
}

function scope(group: string, dbs: string[], flow: boolean): string[] {
  return flow
    ? [`    with: { storageGroup: ${group}, databases: [${dbs.join(', ')}] }`]
    : ['    with:', `      storageGroup: ${group}`, `      databases: [${dbs.join(', ')}]`];
}

function restoreSequence(c: number, db: Db, mistake: RestoreMistake | undefined): StepLines[] {
  const shape = mistake === 'last-restore-set' ? 0 : c % 3; // 0: full + incremental, 1: full only, 2: full + differential
  const tag = db.slug;
  const flow = c % 2 === 1;
  const sg = db.group.name;
  const dismount: StepLines = [
    `  - id: dismount-${tag}`,
    '    action: database.dismount',
    `    title: Dismount ${db.name} in ${sg}`,
    ...scope(sg, [db.name], flow),
  ];
  const copy: StepLines = [
    `  - id: copy-${tag}`,
    '    action: database.copy-existing',
    `    title: Copy the current ${db.file}.edb, ${db.file}.stm and logs aside`,
    '    with:',
    `      storageGroup: ${sg}`,
    `      databases: [${db.name}]`,
    `      destination: F:\\before-restore\\${db.file}`,
  ];
  const restore = (set: string, last: boolean | undefined, title: string, files: boolean): StepLines => {
    const lines = [
      `  - id: restore-${set}-${tag}`,
      '    action: database.restore',
      `    title: ${title}`,
      '    with:',
      `      storageGroup: ${sg}`,
      `      databases: [${db.name}]`,
      `      backupSet: ${set}`,
    ];
    if (last !== undefined) lines.push(`      lastRestoreSet: ${last}`);
    lines.push(`      tempLogPath: F:\\restore-temp\\${db.file}`);
    if (files) lines.push(`      files: [${db.file}.edb, ${db.file}.stm]`);
    lines.push('      ntbackupVersion: 5.0.2195.6687');
    if (set === 'full')
      lines.push(
        '    evidence:',
        '      - key: tapeLabel',
        `        label: Label of the full backup tape of ${db.name}`,
      );
    return lines;
  };
  const restores: StepLines[] = [];
  if (shape === 1) {
    restores.push(restore('full', true, `Restore the Sunday full backup of ${db.name} as the last restore set`, true));
  } else {
    const second = shape === 0 ? 'incremental' : 'differential';
    const wrong = mistake === 'last-restore-set';
    restores.push(
      restore(
        'full',
        wrong ? true : undefined,
        `Restore the Sunday full backup of ${db.name} (leave Last restore set cleared)`,
        c % 4 === 0,
      ),
    );
    restores.push(
      restore(
        second,
        true,
        `Restore the ${DAYS[c % DAYS.length]} ${second} backup of ${db.name} and tick Last restore set`,
        false,
      ),
    );
  }
  const mount: StepLines = [
    `  - id: mount-${tag}`,
    '    action: database.mount',
    `    title: Mount ${db.name} once log replay has finished`,
    ...scope(sg, [db.name], !flow),
  ];
  const verify: StepLines = [
    `  - id: verify-${tag}`,
    '    action: database.verify-mounted',
    `    title: Confirm in System Manager that ${db.name} is mounted`,
    ...scope(sg, [db.name], flow),
    ...(c % 5 === 0
      ? ['    notes: Also read the application event log for the end of log replay without errors.']
      : []),
  ];
  const steps =
    mistake === 'restore-before-dismount'
      ? [copy, ...restores, dismount, mount, verify]
      : [dismount, copy, ...restores, mount, verify];
  if (shape === 0)
    steps.push([
      `  - id: tell-users-${tag}`,
      '    action: manual',
      `    title: Tell the users of ${db.name} that their mail is back`,
      `    after: [verify-${tag}]`,
    ]);
  return steps;
}

function restoreSize(c: number): number {
  return [7, 5, 6][c % 3];
}

/** Aftercare round `r`: defragmentation (6 steps), backup (3) or checks (3), rotating. */
function aftercare(r: number, mistake: BodyMistake | undefined): StepLines[] {
  const kind = r % 3;
  const db = DBS[Math.floor(r / 3) % DBS.length];
  const g = GROUPS[r % GROUPS.length];
  const tag = `r${r + 1}`;
  const flow = r % 2 === 0;
  if (kind === 0) {
    const sg = db.group.name;
    const name = mistake === 'unknown-database' ? db.name.replace(/Store/, 'Stor') : db.name;
    return [
      [
        `  - id: defrag-dismount-${db.slug}-${tag}`,
        '    action: database.dismount',
        `    title: Dismount ${db.name} for offline defragmentation`,
        ...scope(sg, [name], flow),
      ],
      [
        `  - id: defrag-${db.slug}-${tag}`,
        '    action: manual',
        `    title: Run eseutil /d on ${db.file}.edb with a temporary database on drive F`,
        `    with: { command: 'eseutil /d "${db.file}.edb" /t F:\\defrag\\${db.file}.edb' }`,
      ],
      [
        `  - id: isinteg-${db.slug}-${tag}`,
        '    action: manual',
        `    title: Run isinteg -fix -test alltests against ${db.name} until it reports no errors`,
        '    evidence:',
        '      - key: passes',
        '        label: Number of isinteg passes needed',
      ],
      [
        `  - id: remount-${db.slug}-${tag}`,
        `    action: ${mistake === 'unknown-action' ? 'database.mout' : 'database.mount'}`,
        `    title: Mount ${db.name} after the defragmentation`,
        ...scope(sg, [db.name], !flow),
      ],
      [
        `  - id: reverify-${db.slug}-${tag}`,
        '    action: database.verify-mounted',
        `    title: Confirm ${db.name} is mounted again`,
        ...scope(sg, [db.name], flow),
      ],
      [
        `  - id: tell-defrag-${db.slug}-${tag}`,
        '    action: manual',
        `    title: Tell the users of ${db.name} that maintenance is over`,
        `    after: [${mistake === 'unknown-after' ? `reverify-${db.slug}-${tag}x` : `reverify-${db.slug}-${tag}`}]`,
      ],
    ];
  }
  if (kind === 1) {
    return [
      [
        `  - id: backup-${g.slug}-${tag}`,
        '    action: backup.run',
        `    title: Take an online full backup of ${g.name} now that its stores are back`,
        '    with:',
        '      type: full',
        '      mode: online',
        `      storageGroup: ${mistake === 'unknown-database' ? g.name.replace('Group', 'Grp') : g.name}`,
        '      ntbackupVersion: 5.0.2195.6687',
      ],
      [
        `  - id: backup-log-${g.slug}-${tag}`,
        `    action: ${mistake === 'unknown-action' ? 'backup.verify-logs' : 'backup.verify-log'}`,
        `    title: Read the NTBackup report and the application event log for ${g.name}`,
      ],
      [
        `  - id: offsite-${g.slug}-${tag}`,
        '    action: manual',
        `    title: Send the tape of ${g.name} offsite`,
        '    evidence:',
        '      - key: tapeLabel',
        '        label: Label of the tape sent offsite',
        `    after: [${mistake === 'unknown-after' ? `backup-log-${g.slug}-${tag}x` : `backup-log-${g.slug}-${tag}`}]`,
      ],
    ];
  }
  const dbs = mistake === 'unknown-database' ? g.dbs.map((d, i) => (i === 0 ? d.replace(/Store/, 'Stor') : d)) : g.dbs;
  return [
    [
      `  - id: check-mounted-${g.slug}-${tag}`,
      `    action: ${mistake === 'unknown-action' ? 'database.verify-mount' : 'database.verify-mounted'}`,
      `    title: Confirm every store of ${g.name} is mounted`,
      ...scope(g.name, dbs, flow),
    ],
    [
      `  - id: test-message-${g.slug}-${tag}`,
      '    action: manual',
      `    title: Send a test message to a mailbox in ${g.name} and read it in Outlook`,
      '    evidence:',
      '      - key: mailbox',
      '        label: Mailbox that received the test message',
      '        pattern: ^[A-Za-z][A-Za-z0-9._-]*$',
    ],
    [
      `  - id: event-log-${g.slug}-${tag}`,
      '    action: manual',
      `    title: Read the application event log of EXCH01 for store errors since the restore`,
      '    notes: Events 9518 and 9519 mean a store failed to start; stop and escalate.',
      `    after: [${mistake === 'unknown-after' ? `test-message-${g.slug}-${tag}x` : `test-message-${g.slug}-${tag}`}]`,
    ],
  ];
}

function aftercareSize(r: number): number {
  return [6, 3, 3][r % 3];
}

export function generateRunbook(steps: number, withViolations: boolean): Runbook {
  if (steps < 20) throw new Error('at least 20 steps');
  const out: StepLines[] = [
    [
      '  - id: check-store-running',
      '    action: store.verify-running',
      '    title: Confirm the Information Store service and its dependencies are running',
    ],
    [
      '  - id: check-disk-room',
      '    action: disk.check-capacity',
      '    title: Confirm drive F has room for the restored stores and their logs',
      "    with: { drive: 'F:', freePercent: 50 }",
    ],
  ];
  // Restore sequences take at most 70% of the steps, one per database.
  const sequences: number[] = [];
  let planned = out.length;
  for (let c = 0; c < DBS.length && planned + restoreSize(c) <= steps * 0.7; c++) {
    sequences.push(c);
    planned += restoreSize(c);
  }
  const rounds: number[] = [];
  for (let r = 0; planned + aftercareSize(r) <= steps; r++) {
    rounds.push(r);
    planned += aftercareSize(r);
  }

  const wanted = withViolations ? Math.max(1, Math.round(steps / 100)) : 0;
  const restoreMistakes = new Map<number, RestoreMistake>();
  const bodyMistakes = new Map<number, BodyMistake>();
  let bodyCount = wanted;
  if (wanted >= 3 && sequences.length >= 3) {
    restoreMistakes.set(sequences[Math.floor(sequences.length / 3)], 'last-restore-set');
    restoreMistakes.set(sequences[Math.floor((2 * sequences.length) / 3)], 'restore-before-dismount');
    bodyCount -= 2;
  }
  for (let k = 0; k < bodyCount && rounds.length; k++) {
    const r = rounds[Math.min(rounds.length - 1, Math.floor(((k + 0.5) * rounds.length) / bodyCount))];
    bodyMistakes.set(r, wanted < 3 ? 'unknown-action' : BODY_MISTAKES[k % BODY_MISTAKES.length]);
  }

  const kinds: string[] = [];
  for (const c of sequences) {
    const m = restoreMistakes.get(c);
    if (m) kinds.push(m);
    out.push(...restoreSequence(c, DBS[c], m));
  }
  for (const r of rounds) {
    const m = bodyMistakes.get(r);
    if (m) kinds.push(m);
    out.push(...aftercare(r, m));
  }
  for (let i = 0; out.length < steps; i++) {
    out.push([
      `  - id: follow-up-${i + 1}`,
      '    action: manual',
      `    title: Note the finishing time in the change record (entry ${i + 1})`,
    ]);
  }

  return assemble(out, kinds);
}

/** The runbook text of these steps, with where the bench edits and asks for completion. */
function assemble(out: StepLines[], kinds: string[]): Runbook {
  const lines = header();
  const stepLines: number[] = [];
  for (const s of out) {
    stepLines.push(lines.length);
    lines.push(...s);
  }
  const text = `${lines.join('\n')}\n`;

  const mid = Math.floor(out.length / 2);
  const titleLine = stepLines[mid] + out[mid].findIndex((l) => l.startsWith('    title: '));
  const original = lines[titleLine].at(-1)!;
  const edit = {
    line: titleLine,
    character: lines[titleLine].length - 1,
    original,
    replacement: original === 'x' ? 'y' : 'x',
  };
  const cStep = Math.min(out.length - 1, mid + 1);
  const actionLine = stepLines[cStep] + out[cStep].findIndex((l) => l.startsWith('    action: '));
  return {
    text,
    steps: out.length,
    violations: kinds.length,
    kinds,
    stepLines,
    edit,
    completion: { line: actionLine, character: '    action: '.length },
  };
}

/**
 * The second family: a runbook with many findings, as someone else's runbooks have (about a
 * quarter of the steps carry one). Every database is restored again and again in rounds, as a
 * rehearsal log would: the ordering rules then find restores after checks of the same database,
 * one sequence in three restores before it dismounts and one in six flags the wrong last restore set. The rest are aftercare rounds without
 * mistakes. `violations` is 0: the findings are counted by the run, not planned one by one.
 */
export function generateMessyRunbook(steps: number): Runbook {
  if (steps < 20) throw new Error('at least 20 steps');
  const out: StepLines[] = [];
  const kinds: string[] = [];
  let planned = 0;
  // Restore sequences take about 60% of the steps, the databases in turn, each many times.
  for (let c = 0; ; c++) {
    const base = DBS[c % DBS.length];
    const db = { ...base, slug: `${base.slug}-round${Math.floor(c / DBS.length) + 1}` };
    const mistake: RestoreMistake | undefined =
      c % 3 === 2 ? 'restore-before-dismount' : c % 6 === 1 ? 'last-restore-set' : undefined;
    const sequence = restoreSequence(c, db, mistake);
    if (planned + sequence.length > steps * 0.6) break;
    if (mistake) kinds.push(mistake);
    out.push(...sequence);
    planned += sequence.length;
  }
  for (let r = 0; planned + aftercareSize(r) <= steps; r++) {
    out.push(...aftercare(r, undefined));
    planned += aftercareSize(r);
  }
  for (let i = 0; out.length < steps; i++)
    out.push([
      `  - id: follow-up-${i + 1}`,
      '    action: manual',
      `    title: Note the finishing time in the change record (entry ${i + 1})`,
    ]);
  return { ...assemble(out, kinds), violations: 0 };
}
