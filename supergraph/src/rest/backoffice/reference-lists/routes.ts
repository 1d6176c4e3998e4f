import { z } from 'zod';
import type { NotFoundSubject } from '@crm/platform/errors';
import { AppError } from '@crm/platform/errors';
import { TAG_ENTITIES, TAG_STATES, type ReferenceKind } from '@crm/event-bus/contracts/settings';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds } from '../../kit/format';
import { query } from '../../kit/openapi';
import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';
import { idempotencyKeyOf, isUuid, queryParams } from '../../kit/request';
import { defineResource, type RestRoute } from '../../kit/resource';
import { epoch } from '../../kit/response-schemas';
import { GET_REFERENCE_ENTRY, LIST_REFERENCE_ENTRIES, type GqlReferenceEntry } from '../../domains/settings/reference-lists';

const TAG = 'Back-office reference lists';
/** REFERENCE_ENTRY_NOT_FOUND is catalogued by settings-write and settings-read. */
const SUBJECT = 'reference entry' as NotFoundSubject;

const PAYLOAD = `id consistencyToken ${USER_ERROR_FIELDS}`;
const DEFINE = op(
  'mutation',
  'RestDefineReferenceEntry',
  `mutation RestDefineReferenceEntry($kind: String!, $input: ReferenceEntryFieldsInput!, $idempotencyKey: String) { defineReferenceEntry(kind: $kind, input: $input, idempotencyKey: $idempotencyKey) { ${PAYLOAD} } }`,
);
const CHANGE = op(
  'mutation',
  'RestChangeReferenceEntry',
  `mutation RestChangeReferenceEntry($kind: String!, $id: ID!, $input: ReferenceEntryFieldsInput!) { changeReferenceEntry(kind: $kind, id: $id, input: $input) { ${PAYLOAD} } }`,
);
const REMOVE = op(
  'mutation',
  'RestRemoveReferenceEntry',
  `mutation RestRemoveReferenceEntry($kind: String!, $id: ID!) { removeReferenceEntry(kind: $kind, id: $id) { ${PAYLOAD} } }`,
);
type Payload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };

const name = z.string().min(1).max(100);
const stamps = { id: z.string(), created_date: epoch, updated_date: epoch };

/** One reference list: its path, its body (snake_case, as the GraphQL input's fields once camel-cased) and its answer. */
interface ListSpec {
  kind: ReferenceKind;
  path: string;
  title: string;
  body: z.ZodObject;
  response: z.ZodObject;
  out: (e: GqlReferenceEntry) => Record<string, unknown>;
}

const LISTS: ListSpec[] = [
  {
    kind: 'TAG',
    path: 'tags',
    title: 'Tag',
    body: z.strictObject({
      entity: z.enum(TAG_ENTITIES),
      name,
      description: z.string().max(500).nullable().optional(),
      colour: z.string().max(7).nullable().optional().describe('#RRGGBB'),
      state: z.enum(TAG_STATES).optional(),
    }),
    response: z.strictObject({
      ...stamps,
      entity: z.enum(TAG_ENTITIES),
      name: z.string(),
      description: z.string().optional(),
      colour: z.string().optional(),
      state: z.enum(TAG_STATES),
    }),
    out: (e) => ({
      entity: e.entity,
      name: e.name,
      ...(e.description ? { description: e.description } : {}),
      ...(e.colour ? { colour: e.colour } : {}),
      state: e.state,
    }),
  },
  {
    kind: 'LANGUAGE',
    path: 'languages',
    title: 'Language',
    body: z.strictObject({ language_code: z.string().min(2).max(3).describe('EN, GR, ENG, …') }),
    response: z.strictObject({ ...stamps, language_code: z.string() }),
    out: (e) => ({ language_code: e.languageCode }),
  },
  {
    kind: 'NAME_DAY_RULE',
    path: 'name_day_rules',
    title: 'NameDayRule',
    body: z.strictObject({
      month: z.int().min(1).max(12),
      day: z.int().min(1).max(31),
      names: z.array(name).min(1).max(50),
      description: z.string().max(500).nullable().optional(),
    }),
    response: z.strictObject({ ...stamps, month: z.int(), day: z.int(), names: z.array(z.string()), description: z.string().optional() }),
    out: (e) => ({ month: e.month, day: e.day, names: e.names, ...(e.description ? { description: e.description } : {}) }),
  },
  {
    kind: 'INDUSTRY',
    path: 'industries',
    title: 'Industry',
    body: z.strictObject({ name }),
    response: z.strictObject({ ...stamps, name: z.string() }),
    out: (e) => ({ name: e.name }),
  },
  {
    kind: 'SUB_INDUSTRY',
    path: 'sub_industries',
    title: 'SubIndustry',
    body: z.strictObject({ name, industry_name: name.nullable().optional() }),
    response: z.strictObject({ ...stamps, name: z.string(), industry_name: z.string().optional() }),
    out: (e) => ({ name: e.name, ...(e.industryName ? { industry_name: e.industryName } : {}) }),
  },
  {
    kind: 'BUSINESS_ACTIVITY',
    path: 'business_activities',
    title: 'BusinessActivity',
    body: z.strictObject({ name }),
    response: z.strictObject({ ...stamps, name: z.string() }),
    out: (e) => ({ name: e.name }),
  },
];

/** A snake_case body as the GraphQL input (camelCase keys). */
const inputOf = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).map(([k, v]) => [k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), v]));

function pathId(raw: string): string {
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  return raw.toLowerCase();
}

function routesOf(spec: ListSpec): RestRoute[] {
  const { kind, path, title } = spec;
  const base = `/backoffice/v2/${path}`;
  const toResponse = (e: GqlReferenceEntry) => ({
    id: e.id,
    ...spec.out(e),
    created_date: epochSeconds(e.createdAt),
    updated_date: epochSeconds(e.updatedAt),
  });
  const changeBody = spec.body.partial();

  const define: Handler = async (ctx) => {
    noQuery(ctx);
    const input = inputOf(validateBody(spec.body, await ctx.readBody()) as Record<string, unknown>);
    const payload = await ctx.gateway.mutate<Payload>(
      DEFINE,
      { kind, input, idempotencyKey: idempotencyKeyOf(ctx.req) },
      'defineReferenceEntry',
      snakeCaseFields,
    );
    sendJson(ctx.res, 201, { id: payload.id });
  };
  const list: Handler = async (ctx) => {
    const params = queryParams(ctx.url.searchParams, kind === 'TAG' ? ['entity'] : []);
    const entity = params.get('entity');
    if (entity !== undefined && !(TAG_ENTITIES as readonly string[]).includes(entity)) {
      throw AppError.validation('entity', `must be one of ${TAG_ENTITIES.join(', ')}`, 'INVALID_ENUM');
    }
    const data = await ctx.gateway.run(LIST_REFERENCE_ENTRIES, { kind }, snakeCaseFields);
    const entries = ((data['referenceEntries'] as GqlReferenceEntry[] | null | undefined) ?? []).filter(
      (e) => entity === undefined || e.entity === entity,
    );
    sendJson(ctx.res, 200, { content: entries.map(toResponse) });
  };
  const get: Handler = async (ctx) => {
    noQuery(ctx);
    const id = pathId(param(ctx, 'id'));
    const data = await ctx.gateway.run(GET_REFERENCE_ENTRY, { kind, id }, snakeCaseFields);
    const found = data['referenceEntry'] as GqlReferenceEntry | null | undefined;
    if (!found) throw recordNotFound(SUBJECT, id);
    sendJson(ctx.res, 200, toResponse(found));
  };
  const change: Handler = async (ctx) => {
    noQuery(ctx);
    const id = pathId(param(ctx, 'id'));
    const input = inputOf(validateBody(changeBody, await ctx.readBody()) as Record<string, unknown>);
    await ctx.gateway.mutate<Payload>(CHANGE, { kind, id, input }, 'changeReferenceEntry', snakeCaseFields);
    sendJson(ctx.res, 200, { id });
  };
  const remove: Handler = async (ctx) => {
    noQuery(ctx);
    const id = pathId(param(ctx, 'id'));
    await ctx.gateway.mutate<Payload>(REMOVE, { kind, id }, 'removeReferenceEntry', snakeCaseFields);
    sendJson(ctx.res, 204, undefined);
  };

  const doc = { tag: TAG, audience: 'backoffice' as const };
  const label = path.replace(/_/g, ' ');
  return [
    {
      method: 'POST',
      path: base,
      handler: define,
      operations: [DEFINE],
      doc: {
        ...doc,
        operationId: `create${title}BO`,
        summary: `Add to ${label}`,
        description: 'Needs settings.write. An entry the list has already (same name; a tag: same entity and name; a name-day rule: same date): 409.',
        body: `${title}Request`,
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Added; the id of the entry.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: base,
      handler: list,
      operations: [LIST_REFERENCE_ENTRIES],
      doc: {
        ...doc,
        operationId: `list${title}BO`,
        summary: `List ${label}`,
        ...(kind === 'TAG' ? { query: ['BackofficeTagEntity'] } : {}),
        reads: true,
        success: { status: 200, description: 'The entries.', schema: `${title}List` },
      },
    },
    {
      method: 'GET',
      path: `${base}/:id`,
      handler: get,
      operations: [GET_REFERENCE_ENTRY],
      doc: {
        ...doc,
        operationId: `get${title}BO`,
        summary: `Get one of ${label}`,
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The entry.', schema: title },
      },
    },
    {
      method: 'PUT',
      path: `${base}/:id`,
      handler: change,
      operations: [CHANGE],
      doc: {
        ...doc,
        operationId: `change${title}BO`,
        summary: `Change one of ${label}`,
        description: 'The fields sent replace the current ones; null clears an optional one.',
        body: `Change${title}Request`,
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 200, description: 'Changed; the id of the entry.', schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: `${base}/:id`,
      handler: remove,
      operations: [REMOVE],
      doc: {
        ...doc,
        operationId: `remove${title}BO`,
        summary: `Remove one of ${label}`,
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 204, description: 'Removed. No body.' },
      },
    },
  ];
}

export const resource = defineResource({
  family: 'backoffice',
  name: 'reference-lists',
  pathParameters: { id: 'ReferenceEntryId' },
  openapi: {
    tags: [
      { name: TAG, description: 'Tags, languages, name-day rules, industries, sub-industries and business activities: what self-service apps list.' },
    ],
    parameters: {
      ReferenceEntryId: { name: 'id', in: 'path', required: true, description: 'The entry id (uuid).', schema: { type: 'string', format: 'uuid' } },
      BackofficeTagEntity: query('entity', { type: 'string', enum: [...TAG_ENTITIES] }, 'Only the tags of this entity.'),
    },
    requestSchemas: LISTS.flatMap((l) => [
      { name: `${l.title}Request`, schema: l.body },
      { name: `Change${l.title}Request`, schema: l.body.partial() },
    ]),
    responseSchemas: LISTS.flatMap((l) => [
      { name: l.title, schema: l.response },
      { name: `${l.title}List`, schema: z.strictObject({ content: z.array(l.response) }) },
    ]),
  },
  routes: LISTS.flatMap(routesOf),
});
