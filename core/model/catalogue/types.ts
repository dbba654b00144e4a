/** The shape of the action catalogue: what an action means and which parameters it takes. */

export type ParamType =
  | { kind: 'string' }
  | { kind: 'boolean'; only?: boolean }
  | { kind: 'number'; minimum?: number; maximum?: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'string-list' }
  | { kind: 'enum-list'; values: readonly string[] }
  /** `all`, or a list of names (cluster.stop-service `nodes`). */
  | { kind: 'all-or-list' };

/** Where completion finds candidate values for a parameter. */
export type ValueSource = 'storage-group' | 'database' | 'node' | 'server-name';

export interface ParamSpec {
  type: ParamType;
  doc: string;
  source?: ValueSource;
}

export interface ActionSpec {
  id: string;
  /** One line, shown in completion and as a step's title when it has none. */
  summary: string;
  /** A few sentences for hover. */
  doc: string;
  /** `manual` takes any parameters; every other action takes only those listed. */
  params: Readonly<Record<string, ParamSpec>> | 'any';
}
