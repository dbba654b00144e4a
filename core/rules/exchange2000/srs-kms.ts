/**
 * The built-in rules of the article section "Recovering an Exchange 2000 Member Server Running SRS" and "... Running KMS": the extra
 * steps of those servers and where they sit in a member server recovery.
 * Declarative rules are data (several entries may share an id: together they are that rule);
 * the rules that need logic are code. Facts come from shared/reference; the wording is ours.
 */
import { act, restore, finalRestart, srsSteps, kmsSteps } from './matchers';
import type { DeclarativeRule } from '../types';
import type { RuleSection } from './section';

export const srsKmsSection: RuleSection = {
  id: 'srs-kms',
  article: 'Recovering an Exchange 2000 Member Server Running SRS / KMS',
  coded: [],
  declarative: [
    ...srsSteps.map((action): DeclarativeRule => ({
      kind: 'requires',
      id: 'srs-steps-required',
      severity: 'error',
      summary: 'An SRS server recovery restores SRS.',
      when: { scenarios: ['srs-server'] },
      step: act(action),
      message: `An srs-server runbook needs a \`${action}\` step.`,
    })),
    {
      kind: 'field',
      id: 'srs-steps-required',
      severity: 'error',
      summary: 'An SRS server recovery restores SRS.',
      when: { scenarios: ['srs-server'] },
      step: act('srs.start-service'),
      param: 'startupType',
      check: { equals: 'automatic' },
      required: true,
      message: '{step} must set Site Replication Service to start automatically (`startupType: automatic`).',
    },
    {
      kind: 'order',
      id: 'srs-order',
      severity: 'error',
      summary: 'SRS steps after the database restores, in order, before the final restart.',
      before: restore,
      after: act(srsSteps),
      message: '{step} runs before the Exchange database restore {other}.',
    },
    {
      kind: 'order',
      id: 'srs-order',
      severity: 'error',
      summary: 'SRS steps after the database restores, in order, before the final restart.',
      before: act(srsSteps),
      ...finalRestart,
      message: 'The final restart {step} comes before {other}.',
    },
    {
      kind: 'order',
      id: 'srs-order',
      severity: 'error',
      summary: 'SRS steps after the database restores, in order, before the final restart.',
      before: act('srs.clear-data-folder'),
      after: act('srs.start-service'),
      message: '{step} starts SRS before {other} has emptied its data folder.',
    },
    {
      kind: 'order',
      id: 'srs-order',
      severity: 'error',
      summary: 'SRS steps after the database restores, in order, before the final restart.',
      before: act('srs.start-service'),
      after: act('srs.restore-database'),
      message: '{step} restores the SRS database before {other} starts the service.',
    },
    ...kmsSteps.map((action): DeclarativeRule => ({
      kind: 'requires',
      id: 'kms-steps-required',
      severity: 'error',
      summary: 'A KMS server recovery restores KMS.',
      when: { scenarios: ['kms-server'] },
      step: act(action),
      message: `A kms-server runbook needs a \`${action}\` step.`,
    })),
    {
      kind: 'order',
      id: 'kms-order',
      severity: 'error',
      summary: 'KMS steps after the database restores, in order, before the final restart.',
      before: restore,
      after: act(kmsSteps),
      message: '{step} runs before the Exchange database restore {other}.',
    },
    {
      kind: 'order',
      id: 'kms-order',
      severity: 'error',
      summary: 'KMS steps after the database restores, in order, before the final restart.',
      before: act(kmsSteps),
      ...finalRestart,
      message: 'The final restart {step} comes before {other}.',
    },
    {
      kind: 'order',
      id: 'kms-order',
      severity: 'error',
      summary: 'KMS steps after the database restores, in order, before the final restart.',
      before: act('kms.verify-data-folder-empty'),
      after: act('kms.start-service'),
      message: '{step} starts KMS before {other} has checked that its data folder is empty.',
    },
    {
      kind: 'order',
      id: 'kms-order',
      severity: 'error',
      summary: 'KMS steps after the database restores, in order, before the final restart.',
      before: act('kms.start-service'),
      after: act('kms.restore-database'),
      message: '{step} restores the KMS database before {other} starts the service.',
    },
    ...['windows.install', 'exchange.setup-disaster-recovery'].map((action): DeclarativeRule => ({
      kind: 'field',
      id: 'kms-ca-from-system-state',
      severity: 'warning',
      summary: 'The certificate authority returns with System State.',
      when: { role: 'certificate-authority' },
      step: act(action),
      param: 'components',
      check: { notContains: 'certificate-authority' },
      message:
        '{step} lists `certificate-authority`, but the certificate authority comes back with the System State restore: leave it out.',
    })),
  ],
};
