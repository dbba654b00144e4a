/** The built-in Exchange 2000 pack: declarative rules plus the few written in code. */
import { compile } from '../declarative/compile';
import type { Rule } from '../types';
import { backupWholeStorageGroup, edbStmTogether, oneJobPerStorageGroup } from '../coded/backup';
import { unknownDatabase, unknownStorageGroup } from '../coded/inventoryRefs';
import { requirementsConfirmed } from '../coded/requirements';
import {
  alternateServerNamesMatch,
  dismountBeforeRestore,
  lastRestoreSetFinal,
  restoreSequence,
  serialRestoreMountBetween,
  tempLogPathDiffers,
} from '../coded/restore';
import { noSecrets } from '../coded/secrets';
import {
  afterPointsForward,
  dependencyCycle,
  duplicateStepId,
  unknownAction,
  unknownStepReference,
} from '../coded/structure';
import { DECLARATIVE_RULES } from './declarative';

export const BUILTIN_RULES: readonly Rule[] = [
  unknownAction,
  duplicateStepId,
  unknownStepReference,
  dependencyCycle,
  afterPointsForward,
  unknownStorageGroup,
  unknownDatabase,
  noSecrets,
  edbStmTogether,
  oneJobPerStorageGroup,
  backupWholeStorageGroup,
  dismountBeforeRestore,
  tempLogPathDiffers,
  restoreSequence,
  lastRestoreSetFinal,
  serialRestoreMountBetween,
  alternateServerNamesMatch,
  requirementsConfirmed,
  ...DECLARATIVE_RULES.map(compile),
];
