/**
 * Builds the JSON Schema of runbook format v1 from the action catalogue, so the schema that
 * ships (schemas/runbook.schema.json, for other YAML tools) and the one the service compiles
 * can never drift apart. A unit test checks the shipped file equals this output.
 */
import { ACTIONS } from '../catalogue/actions';
import type { ParamType } from '../catalogue/types';
import { EXCHANGE_COMPONENTS, ROLES, SCENARIOS, SCENARIO_DOCS } from '../catalogue/enums';
import { DURATION_PATTERN } from '../duration';

export type JsonSchema = Record<string, unknown>;

export const STEP_ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
export const SCHEMA_ID = 'https://runbook-studio.dev/schemas/runbook-v1.json';

function paramSchema(t: ParamType): JsonSchema {
  switch (t.kind) {
    case 'string':
      return { type: 'string' };
    case 'boolean':
      return t.only === undefined ? { type: 'boolean' } : { const: t.only };
    case 'number':
      return { type: 'number', minimum: t.minimum, maximum: t.maximum };
    case 'enum':
      return { enum: [...t.values] };
    case 'string-list':
      return { type: 'array', items: { type: 'string' } };
    case 'enum-list':
      return { type: 'array', items: { enum: [...t.values] }, uniqueItems: true };
    case 'all-or-list':
      return { anyOf: [{ const: 'all' }, { type: 'array', items: { type: 'string' }, minItems: 1 }] };
  }
}

/** The `with:` schema of every action, keyed by action id. */
export function withSchemas(): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const action of ACTIONS) {
    if (action.params === 'any') {
      out[action.id] = { type: 'object' };
      continue;
    }
    const properties: Record<string, JsonSchema> = {};
    for (const [name, spec] of Object.entries(action.params)) {
      properties[name] = { ...paramSchema(spec.type), description: spec.doc };
    }
    out[action.id] = { type: 'object', properties, additionalProperties: false };
  }
  return out;
}

const stringList = { type: 'array', items: { type: 'string' } };

/** A duration such as `45m`; the description is also the message when the form is wrong. */
const duration = (what: string): JsonSchema => ({
  type: 'string',
  pattern: DURATION_PATTERN,
  description: `a duration such as \`90s\`, \`45m\`, \`1h30m\` or \`2d\` (whole days, hours, minutes and seconds, in that order). ${what}`,
});

export const headerSchema: JsonSchema = {
  type: 'object',
  required: ['runbook', 'title', 'scenario', 'server', 'steps'],
  additionalProperties: false,
  properties: {
    runbook: { const: 1, description: 'Format version. Always 1 for this format.' },
    title: { type: 'string', minLength: 1, description: 'What this runbook recovers, in one line.' },
    description: { type: 'string', description: 'Longer free text shown above the checklist.' },
    rto: duration(
      'The recovery time objective: how long the whole recovery may take; the checklist shows the time elapsed against it and a projected finish',
    ),
    scenario: {
      enum: [...SCENARIOS],
      description: 'Which recovery this runbook performs.',
      markdownEnumDescriptions: SCENARIOS.map((s) => SCENARIO_DOCS[s]),
    },
    server: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      description: 'The inventory of the server: the rules compare steps against it.',
      properties: {
        name: { type: 'string', minLength: 1, description: 'Computer name of the Exchange server.' },
        windowsEdition: { type: 'string', description: 'Windows 2000 edition installed on it.' },
        systemPath: { type: 'string', description: 'Windows system folder, such as C:\\WINNT.' },
        exchangePath: { type: 'string', description: 'Folder Exchange is installed in.' },
        domainController: { type: 'boolean', description: 'True when Active Directory also runs on this server.' },
        components: {
          type: 'array',
          items: { enum: [...EXCHANGE_COMPONENTS] },
          uniqueItems: true,
          description: 'Exchange components installed.',
        },
        windowsComponents: {
          type: 'array',
          items: { type: 'string' },
          uniqueItems: true,
          description: 'Windows components selected when the server was installed; a rebuild selects the same ones.',
        },
        roles: {
          type: 'array',
          items: { enum: [...ROLES] },
          uniqueItems: true,
          description: 'Extra roles: srs, kms, certificate-authority.',
        },
        cluster: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          description: 'Only for a clustered (virtual) server.',
          properties: { name: { type: 'string' }, nodes: stringList },
        },
        storageGroups: {
          type: 'array',
          description: 'Storage groups with their log folder and databases.',
          items: {
            type: 'object',
            required: ['name'],
            additionalProperties: false,
            properties: {
              name: { type: 'string', minLength: 1 },
              logPath: { type: 'string' },
              systemPath: { type: 'string' },
              databases: stringList,
            },
          },
        },
      },
    },
    steps: { type: 'array', minItems: 1, description: 'What to do, top to bottom.' },
  },
};

export const stepSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'action'],
  additionalProperties: false,
  properties: {
    id: {
      type: 'string',
      pattern: STEP_ID_PATTERN,
      description: 'Unique kebab-case id; `after:` and run records refer to it.',
    },
    action: { type: 'string', description: 'An action id from the catalogue.' },
    title: { type: 'string', description: 'Shown in the checklist; defaults to the action summary.' },
    with: { type: 'object', description: "The action's parameters." },
    after: {
      type: 'array',
      items: { type: 'string' },
      uniqueItems: true,
      description: 'Step ids that must be done before this one.',
    },
    parallel: { type: 'string', description: 'Label of a group of steps that may run at the same time.' },
    notes: { type: 'string', description: 'Free text shown in the checklist.' },
    expect: duration(
      'How long the step is expected to take once started; the checklist marks a step running past it and projects the finish from the steps left',
    ),
    signoff: {
      enum: [1, 2],
      description:
        'People needed to complete the step: `2` means a second, different operator must sign it off after it is ticked before it counts as done.',
    },
    evidence: {
      type: 'array',
      description: 'Values the operator must enter when ticking the step.',
      items: {
        type: 'object',
        required: ['key'],
        additionalProperties: false,
        properties: {
          key: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]*$' },
          label: { type: 'string', description: 'What the operator sees beside the field.' },
          pattern: {
            type: 'string',
            description: 'A regular expression the value must match. Operators see `hint` or `example`, not this.',
          },
          hint: {
            type: 'string',
            description:
              'What to enter, in words (such as "the label printed on the tape, like MON-0412"): shown in the empty field and when a value does not match.',
          },
          example: {
            type: 'string',
            description: 'A value of the right form, shown to the operator as an example.',
          },
          optional: { type: 'boolean', description: 'The step may be ticked without this value.' },
        },
      },
    },
  },
};

/** The whole-file schema, with each step's `with:` typed per action through if/then. */
export function buildSchema(): JsonSchema {
  const perAction = Object.entries(withSchemas()).map(([id, schema]) => ({
    if: { properties: { action: { const: id } }, required: ['action'] },
    then: { properties: { with: schema } },
  }));
  const steps = {
    ...(headerSchema.properties as Record<string, JsonSchema>).steps,
    items: {
      ...stepSchema,
      properties: {
        ...(stepSchema.properties as object),
        action: { enum: ACTIONS.map((x) => x.id), description: 'An action id from the catalogue.' },
      },
      allOf: perAction,
    },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'Runbook Studio runbook, format v1',
    description:
      'A recovery runbook for an Exchange 2000 server (*.runbook.yaml, *.runbook.yml, *.runbook.json): the server inventory and the ordered steps of one recovery scenario. Format reference: docs/format.md of Runbook Studio.',
    ...headerSchema,
    properties: { ...(headerSchema.properties as object), steps },
  };
}
