/**
 * JSON Schema of a team rule pack (`.runbook/rules/*.yaml`). A pack is data in the declarative
 * rule kinds only: nothing in it can run code. Validated in two steps, like runbook steps: the
 * common fields, then the fields of the rule's kind, so every error names one field.
 */
import { SCENARIOS } from '../../model/catalogue/enums';

const matcher = {
  type: 'object',
  required: ['action'],
  additionalProperties: false,
  properties: {
    action: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }] },
    with: { type: 'object' },
    nodeParam: { type: 'string' },
  },
};

const when = {
  type: 'object',
  additionalProperties: false,
  properties: {
    scenarios: { type: 'array', items: { enum: [...SCENARIOS] } },
    exceptScenarios: { type: 'array', items: { enum: [...SCENARIOS] } },
    domainController: { type: 'boolean' },
    clustered: { type: 'boolean' },
    role: { type: 'string' },
    hasAction: { type: 'string' },
  },
};

export const PACK_RULE_ID = '^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$';

export const packSchema = {
  type: 'object',
  required: ['pack', 'rules'],
  additionalProperties: false,
  properties: {
    pack: { const: 1, description: 'Pack format version: 1.' },
    name: { type: 'string' },
    description: { type: 'string' },
    rules: { type: 'array', items: { type: 'object' } },
  },
};

const common = {
  id: {
    type: 'string',
    pattern: PACK_RULE_ID,
    description: 'team/rule-name: the team prefix keeps pack rules apart from built-in ones.',
  },
  kind: { enum: ['order', 'requires', 'forbid-between', 'require-between', 'field', 'limit'] },
  severity: { enum: ['error', 'warning', 'information', 'hint'] },
  summary: { type: 'string', minLength: 1 },
  message: { type: 'string', minLength: 1 },
  when,
  docUrl: { type: 'string' },
};

const kindFields: Record<string, { required: string[]; properties: Record<string, unknown> }> = {
  order: {
    required: ['before', 'after'],
    properties: {
      before: matcher,
      after: matcher,
      per: { enum: ['storage-group', 'database', 'node'] },
      afterPick: { enum: ['first', 'last'] },
      every: { type: 'boolean' },
      afterFollows: matcher,
      require: { enum: ['before', 'after'] },
      missingMessage: { type: 'string' },
    },
  },
  requires: { required: ['step'], properties: { step: matcher } },
  'forbid-between': {
    required: ['step'],
    properties: {
      step: matcher,
      from: matcher,
      to: matcher,
      toPick: { enum: ['first', 'last'] },
      anywhere: { type: 'boolean' },
    },
  },
  'require-between': {
    required: ['step', 'from', 'to'],
    properties: { step: matcher, from: matcher, to: matcher, fromEach: { type: 'boolean' } },
  },
  field: {
    required: ['step', 'param', 'check'],
    properties: {
      step: matcher,
      param: { type: 'string' },
      required: { type: 'boolean' },
      check: {
        type: 'object',
        minProperties: 1,
        maxProperties: 2,
        additionalProperties: false,
        properties: {
          equals: {},
          notEquals: {},
          equalsInventory: { enum: ['name', 'windowsEdition', 'systemPath', 'exchangePath'] },
          notEqualsInventory: { const: 'name' },
          sameSetAsInventory: { enum: ['components', 'windowsComponents'] },
          ignore: { type: 'array', items: { type: 'string' } },
          notContains: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
          atLeast: { type: 'number' },
          includes: { type: 'string' },
          minVersion: { type: 'string', pattern: '^\\d+(\\.\\d+)*$' },
          knownBad: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
  limit: {
    required: ['collection', 'max'],
    properties: {
      collection: { enum: ['storageGroups', 'databasesPerStorageGroup'] },
      max: { type: 'integer', minimum: 0 },
    },
  },
};

export const ruleBaseSchema = {
  type: 'object',
  required: ['id', 'kind', 'severity', 'summary', 'message'],
  properties: common,
};

/** The full schema of one rule of `kind`: common fields plus the kind's own, nothing else. */
export function ruleKindSchema(kind: string): Record<string, unknown> | undefined {
  const k = kindFields[kind];
  if (!k) return undefined;
  return {
    type: 'object',
    required: ['id', 'kind', 'severity', 'summary', 'message', ...k.required],
    additionalProperties: false,
    properties: { ...common, ...k.properties },
  };
}

export const RULE_KIND_NAMES = Object.keys(kindFields);
