/**
 * A rule is an id, a default severity and a pure check. Most rules are written as data in one of
 * the declarative kinds below (the built-in pack and team packs alike); the few that need logic
 * are code in the section files of rules/exchange2000/. Team packs can only use the kinds: a pack never runs code.
 */
import type { Finding, Severity } from '../model/findings';
import type { Span } from '../model/text/lineIndex';
import type { RuleContext } from './context';

export type Report = (f: {
  span: Span;
  message: string;
  related?: Finding['related'];
  data?: Finding['data'];
  severity?: Severity;
}) => void;

export interface Rule {
  id: string;
  severity: Severity;
  /** One line for hover and docs. */
  summary: string;
  /** Where the rule's page lives; built-in rules link to docs/rules/<id>.md. */
  docUrl?: string;
  /**
   * The actions whose steps the check looks at (hover lists the rule under each). Empty for a
   * rule that looks at every step alike, such as unique ids.
   */
  reads: readonly string[];
  check(ctx: RuleContext, report: Report): void;
}

/** Picks steps: by action (one or several), optionally by parameter values. */
export interface StepMatcher {
  action: string | string[];
  /** Every listed parameter must equal the given value (lists: must contain it). */
  with?: Record<string, unknown>;
  /** For `per: node`: which parameter names the node (default `node`). */
  nodeParam?: string;
  /** Skip steps whose `targetServer` names another server: they do not act on this one. */
  thisServerOnly?: boolean;
}

/** Conditions on the runbook as a whole. All given must hold. */
export interface When {
  scenarios?: string[];
  exceptScenarios?: string[];
  domainController?: boolean;
  clustered?: boolean;
  role?: string;
  /** The runbook has at least one step with this action. */
  hasAction?: string;
}

export type Scope = 'storage-group' | 'database' | 'node';

interface Base {
  id: string;
  severity: Severity;
  summary: string;
  message: string;
  when?: When;
  docUrl?: string;
}

/**
 * Some `before` step comes earlier than each `after` step it concerns (a repeated `before` step
 * later on is fine). With `require: 'after'`: each `before` step is followed by some `after` step.
 */
export interface OrderDef extends Base {
  kind: 'order';
  before: StepMatcher;
  after: StepMatcher;
  /** Every `before` step must come earlier (a phase that has to be over, such as the restores). */
  every?: boolean;
  per?: Scope;
  /** Compare against only the first or last `after` step (e.g. "the final restart"). */
  afterPick?: 'first' | 'last';
  /** Consider only `after` steps that follow every step matching this (e.g. "the restart after the restores"). */
  afterFollows?: StepMatcher;
  /** `before`: an `after` step with no `before` step is reported (with `missingMessage`). `after`: the reverse. */
  require?: 'before' | 'after';
  missingMessage?: string;
}

/** The runbook contains a step matching `step`. */
export interface RequiresDef extends Base {
  kind: 'requires';
  step: StepMatcher;
}

/** No `step` between the first `from` step and the `to` step (first or last). Open ends mean the file's ends. */
export interface ForbidBetweenDef extends Base {
  kind: 'forbid-between';
  step: StepMatcher;
  from?: StepMatcher;
  to?: StepMatcher;
  toPick?: 'first' | 'last';
  /** The window is the whole runbook; `from`/`to` only have to exist (and are named in the message). */
  anywhere?: boolean;
}

/** A `step` stands between the first `from` step and the next `to` step after it. */
export interface RequireBetweenDef extends Base {
  kind: 'require-between';
  step: StepMatcher;
  from: StepMatcher;
  to: StepMatcher;
  /** Check after every `from` step, not only the first (each System State restore needs its restart). */
  fromEach?: boolean;
}

export type FieldCheck =
  | { equals: unknown }
  | { notEquals: unknown }
  | { equalsInventory: 'name' | 'windowsEdition' | 'systemPath' | 'exchangePath' }
  | { notEqualsInventory: 'name' }
  | { sameSetAsInventory: 'components' | 'windowsComponents'; ignore?: string[] }
  | { notContains: string | string[] }
  | { atLeast: number }
  | { includes: string }
  | { minVersion: string; knownBad?: string[] };

/** A parameter of matching steps satisfies a check; `required` also reports its absence. */
export interface FieldDef extends Base {
  kind: 'field';
  step: StepMatcher;
  param: string;
  check: FieldCheck;
  required?: boolean;
}

/** A list in the inventory has at most `max` entries. */
export interface LimitDef extends Base {
  kind: 'limit';
  collection: 'storageGroups' | 'databasesPerStorageGroup';
  max: number;
}

export type DeclarativeRule = OrderDef | RequiresDef | ForbidBetweenDef | RequireBetweenDef | FieldDef | LimitDef;
