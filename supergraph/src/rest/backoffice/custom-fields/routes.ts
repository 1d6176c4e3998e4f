import { z } from 'zod';
import { CUSTOM_FIELD_ENTITIES, CUSTOM_FIELD_TYPES } from '@crm/event-bus/contracts/settings';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds } from '../../kit/format';
import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';
import { idempotencyKeyOf, isUuid } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { epoch } from '../../kit/response-schemas';
import {
  customFieldItem,
  customFieldOut,
  ENTITY_QUERY,
  entityQuery,
  LIST_CUSTOM_FIELDS,
  type GqlCustomField,
} from '../../domains/settings/custom-fields';
import type { NotFoundSubject } from '@crm/platform/errors';

const TAG = 'Back-office custom fields';
/** CUSTOM_FIELD_NOT_FOUND is catalogued by settings-write and settings-read. */
const SUBJECT = 'custom field' as NotFoundSubject;

const PAYLOAD = `id consistencyToken ${USER_ERROR_FIELDS}`;
const DEFINE = op(
  'mutation',
  'RestDefineCustomField',
  `mutation RestDefineCustomField($input: DefineCustomFieldInput!, $idempotencyKey: String) { defineCustomField(input: $input, idempotencyKey: $idempotencyKey) { ${PAYLOAD} } }`,
);
const CHANGE = op(
  'mutation',
  'RestChangeCustomField',
  `mutation RestChangeCustomField($id: ID!, $input: ChangeCustomFieldInput!) { changeCustomField(id: $id, input: $input) { ${PAYLOAD} } }`,
);
const REMOVE = op('mutation', 'RestRemoveCustomField', `mutation RestRemoveCustomField($id: ID!) { removeCustomField(id: $id) { ${PAYLOAD} } }`);
const GET = op(
  'query',
  'RestGetCustomField',
  `query RestGetCustomField($id: ID!) { customField(id: $id) { id entity key label field options mandatory tooltip visible createdAt updatedAt } }`,
);

type Payload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };

const defineBody = z.strictObject({
  entity: z.enum(CUSTOM_FIELD_ENTITIES),
  key: z.string().min(1).max(50).describe('Lower-case letters, digits and _, starting with a letter; unique per entity.'),
  label: z.string().min(1).max(100),
  field: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(z.string().min(1).max(100)).max(100).optional().describe('Required for SELECTION and RADIO_BUTTONS; refused for other types.'),
  mandatory: z.boolean().optional(),
  tooltip: z.string().max(500).nullable().optional(),
  visible: z.boolean().optional(),
});
const changeBody = z.strictObject({
  label: z.string().min(1).max(100).optional(),
  options: z.array(z.string().min(1).max(100)).max(100).optional(),
  mandatory: z.boolean().optional(),
  tooltip: z.string().max(500).nullable().optional(),
  visible: z.boolean().optional(),
});
const customFieldResponse = customFieldItem.extend({ created_date: epoch, updated_date: epoch });
const customFieldList = z.strictObject({ content: z.array(customFieldResponse) });

const toResponse = (f: GqlCustomField) => ({
  ...customFieldOut(f),
  created_date: epochSeconds(f.createdAt),
  updated_date: epochSeconds(f.updatedAt),
});

function pathId(raw: string): string {
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  return raw.toLowerCase();
}

/** POST /backoffice/v2/custom_fields → 201 `{id}`. */
const define: Handler = async (ctx) => {
  noQuery(ctx);
  const input = validateBody(defineBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<Payload>(
    DEFINE,
    { input, idempotencyKey: idempotencyKeyOf(ctx.req) },
    'defineCustomField',
    snakeCaseFields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

/** GET /backoffice/v2/custom_fields?entity= → `{content}` by key. */
const list: Handler = async (ctx) => {
  const entity = entityQuery(ctx);
  const data = await ctx.gateway.run(LIST_CUSTOM_FIELDS, { entity }, snakeCaseFields);
  sendJson(ctx.res, 200, { content: ((data['customFields'] as GqlCustomField[] | null | undefined) ?? []).map(toResponse) });
};

/** GET /backoffice/v2/custom_fields/{id}. */
const get: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(param(ctx, 'id'));
  const data = await ctx.gateway.run(GET, { id }, snakeCaseFields);
  const found = data['customField'] as GqlCustomField | null | undefined;
  if (!found) throw recordNotFound(SUBJECT, id);
  sendJson(ctx.res, 200, toResponse(found));
};

/** PUT /backoffice/v2/custom_fields/{id} → 200 `{id}` (entity, key and type do not change). */
const change: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(param(ctx, 'id'));
  const input = validateBody(changeBody, await ctx.readBody());
  await ctx.gateway.mutate<Payload>(CHANGE, { id, input }, 'changeCustomField', snakeCaseFields);
  sendJson(ctx.res, 200, { id });
};

/** DELETE /backoffice/v2/custom_fields/{id} → 204. */
const remove: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(param(ctx, 'id'));
  await ctx.gateway.mutate<Payload>(REMOVE, { id }, 'removeCustomField', snakeCaseFields);
  sendJson(ctx.res, 204, undefined);
};

const doc = { tag: TAG, audience: 'backoffice' as const };

export const resource = defineResource({
  family: 'backoffice',
  name: 'custom-fields',
  pathParameters: { id: 'CustomFieldId' },
  openapi: {
    tags: [{ name: TAG, description: 'Custom field definitions per entity; contact create and update enforce those of CONTACTS.' }],
    parameters: {
      CustomFieldId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The custom field id (uuid).',
        schema: { type: 'string', format: 'uuid' },
      },
      CustomFieldEntity: ENTITY_QUERY,
    },
    requestSchemas: [
      { name: 'DefineCustomFieldRequest', schema: defineBody },
      { name: 'ChangeCustomFieldRequest', schema: changeBody },
    ],
    responseSchemas: [
      { name: 'CustomField', schema: customFieldResponse },
      { name: 'CustomFieldList', schema: customFieldList },
    ],
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/custom_fields',
      handler: define,
      operations: [DEFINE],
      doc: {
        ...doc,
        operationId: 'defineCustomFieldBO',
        summary: 'Define a custom field',
        description:
          'Needs settings.write. A key the entity has already: 409. Contacts are checked against the new field once contacts-write has its event.',
        body: 'DefineCustomFieldRequest',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Defined; the id of the field.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/custom_fields',
      handler: list,
      operations: [LIST_CUSTOM_FIELDS],
      doc: {
        ...doc,
        operationId: 'listCustomFieldsBO',
        summary: 'List the custom fields of an entity',
        query: ['CustomFieldEntity'],
        reads: true,
        success: { status: 200, description: 'The definitions, by key.', schema: 'CustomFieldList' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/custom_fields/:id',
      handler: get,
      operations: [GET],
      doc: {
        ...doc,
        operationId: 'getCustomFieldBO',
        summary: 'Get a custom field',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The definition.', schema: 'CustomField' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/custom_fields/:id',
      handler: change,
      operations: [CHANGE],
      doc: {
        ...doc,
        operationId: 'changeCustomFieldBO',
        summary: 'Change a custom field',
        description: 'Label, options, mandatory, tooltip, visible; entity, key and type stay.',
        body: 'ChangeCustomFieldRequest',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 200, description: 'Changed; the id of the field.', schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: '/backoffice/v2/custom_fields/:id',
      handler: remove,
      operations: [REMOVE],
      doc: {
        ...doc,
        operationId: 'removeCustomFieldBO',
        summary: 'Remove a custom field',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 204, description: 'Removed. No body.' },
      },
    },
  ],
});
