/** Messages between the server's main thread and its checker thread (server/src/checker.ts). */
import type { SeveritySettings } from '../../core/rules/engine';

export interface ConfigureMessage {
  kind: 'configure';
  severities: SeveritySettings;
  roots: string[];
  builtinIds: string[];
  openPacks: [string, string][];
  snippets: boolean;
  fullCheckChars: number;
}

export type ToChecker =
  | ConfigureMessage
  | { kind: 'set'; uri: string; text: string }
  | { kind: 'forget'; uri: string }
  | { kind: 'call'; id: number; method: string; uri: string; args: unknown[] };

export type FromChecker = { id: number; result: unknown } | { id: number; error: string };
