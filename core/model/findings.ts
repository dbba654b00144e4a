/**
 * What a check reports, before it becomes an LSP diagnostic: offsets instead of positions, the
 * rule id as code, and optional data a quick fix reads. One conversion in diagnostics.ts.
 */
import type { FixData } from './fixData';
import type { Span } from './text/lineIndex';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface Related {
  span: Span;
  message: string;
}

export interface Finding {
  code: string;
  message: string;
  span: Span;
  severity: Severity;
  related?: Related[];
  /** The mechanical repair the quick fix applies (see fixData.ts). Plain JSON. */
  data?: FixData;
  /** Marks text that is unused, such as a suppression that suppresses nothing. */
  unnecessary?: boolean;
}
