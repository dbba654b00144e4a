/**
 * Writes a new step for an "insert the missing step" fix: the action, the parameters the rule
 * asked for, the scope copied from the step it serves, and the defaults other rules expect.
 */
import { ACTION_BY_ID } from '../../model/catalogue/actions';
import type { ParsedRunbook, Step } from '../../model/parse/parseRunbook';
import { yamlInline } from './edits';

/** Parameters a freshly inserted step needs so that it does not trip another rule. */
function defaults(action: string, header: Record<string, unknown>): Record<string, unknown> {
  const server = (header.server ?? {}) as Record<string, unknown>;
  switch (action) {
    case 'srs.start-service':
      return { startupType: 'automatic' };
    case 'kms.start-service':
      return { passwordParameter: true };
    case 'recovery.prepare-server':
      return { isolated: true };
    case 'cluster.stop-service':
      return { nodes: 'all' };
    case 'windows.install':
      return {
        serverName: server.name,
        edition: server.windowsEdition,
        systemPath: server.systemPath,
        joinDomain: false,
      };
    case 'exchange.setup-disaster-recovery':
      return {
        components: server.components,
        installPath: server.exchangePath,
        commandLine: 'setup.exe /disasterrecovery',
      };
    case 'ad.verify-server-object':
      return { serverName: server.name };
    default:
      return {};
  }
}

/** Parameters copied from the step the new one serves, when the new action takes them. */
function scopeFrom(source: Step | undefined, action: string): Record<string, unknown> {
  const spec = ACTION_BY_ID.get(action);
  if (!source || !spec || spec.params === 'any') return {};
  const out: Record<string, unknown> = {};
  const w = source.with;
  for (const name of ['storageGroup', 'databases', 'node'] as const) {
    if (name in spec.params && w[name] !== undefined) out[name] = w[name];
  }
  if ('node' in spec.params && out.node === undefined && typeof w.to === 'string') out.node = w.to;
  return out;
}

/** `wanted`, or `wanted-2`, `-3`… whichever no step uses yet. */
export function uniqueId(taken: ReadonlySet<string | undefined>, wanted: string): string {
  if (!taken.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken.has(`${wanted}-${i}`)) return `${wanted}-${i}`;
}

export interface NewStep {
  action: string;
  with?: Record<string, unknown>;
}

/**
 * The YAML text of a new step at `indent` (the column of the list's `-`), ending in a newline.
 * `taken` holds the ids in use; the new id is added to it, so several new steps never collide.
 */
export function stepText(
  parsed: ParsedRunbook,
  step: NewStep,
  source: Step | undefined,
  indent: number,
  taken: Set<string | undefined>,
): { text: string; id: string } {
  const params = Object.fromEntries(
    Object.entries({
      ...defaults(step.action, parsed.header ?? {}),
      ...scopeFrom(source, step.action),
      ...(step.with ?? {}),
    }).filter(([, v]) => v !== undefined),
  );
  const suffix = typeof params.item === 'string' ? `-${params.item}` : '';
  const id = uniqueId(taken, `${step.action.replace(/\./g, '-')}${suffix}`);
  taken.add(id);
  const pad = ' '.repeat(indent);
  const lines = [`${pad}- id: ${id}`, `${pad}  action: ${step.action}`];
  const entries = Object.entries(params);
  if (entries.length) {
    lines.push(`${pad}  with:`);
    for (const [k, v] of entries) lines.push(`${pad}    ${k}: ${yamlInline(v)}`);
  }
  return { text: `${lines.join('\n')}\n`, id };
}

/** Column of the step list's `-` (2 in the usual layout). */
export function listIndent(parsed: ParsedRunbook): number {
  const first = parsed.steps[0];
  if (!first) return 2;
  const line = parsed.lines.positionAt(first.span.start).line;
  const text = parsed.text.slice(parsed.lines.lineStart(line), parsed.lines.lineEnd(line));
  const dash = text.indexOf('-');
  return dash === -1 ? 2 : dash;
}
