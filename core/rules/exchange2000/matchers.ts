/** Matchers several sections of the built-in pack share: the steps the article keeps naming. */
import { ACTIONS } from '../../model/catalogue/actions';
import type { StepMatcher } from '../types';

export const CLUSTER = ['cluster-node', 'cluster-quorum'];
export const act = (action: string | string[], w?: StepMatcher['with']): StepMatcher => ({ action, with: w });
export const restore = act('database.restore');
export const drSetup = act('exchange.setup-disaster-recovery');
export const systemState = act('backup.restore-system-state');
/** "Before restarting the server": the last restart that follows the database restores. */
export const finalRestart = { after: act('server.restart'), afterPick: 'last' as const, afterFollows: restore };
export const exchangeSide = ACTIONS.map((a) => a.id).filter((id) =>
  /^(exchange|database|store|srs|kms|mailbox)\./.test(id),
);
export const srsSteps = [
  'srs.clear-data-folder',
  'srs.start-service',
  'srs.reset-service-account-password',
  'srs.restore-database',
];
export const kmsSteps = ['kms.verify-data-folder-empty', 'kms.start-service', 'kms.restore-database'];
