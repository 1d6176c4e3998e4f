import { z } from 'zod';
import type { NotFoundSubject } from '@crm/platform/errors';
import { LANDING_PAGE_COLOR_TYPES, LANDING_PAGE_STATES, LANDING_PAGE_TYPES } from '@crm/event-bus/contracts/settings';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds } from '../../kit/format';
import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';
import { parsePagingQuery } from '../../kit/paging';
import { idempotencyKeyOf, isUuid } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { epoch, pagingResponse } from '../../kit/response-schemas';
import {
  LANDING_PAGE_BY_ID,
  LANDING_PAGE_LIST,
  landingPageOut,
  landingPageResponse,
  type GqlLandingPage,
} from '../../domains/settings/landing-pages';

const TAG = 'Back-office landing pages';
/** LANDING_PAGE_NOT_FOUND is catalogued by settings-write. */
const SUBJECT = 'landing page' as NotFoundSubject;

const PAYLOAD = `id consistencyToken ${USER_ERROR_FIELDS}`;
const CREATE = op(
  'mutation',
  'RestCreateLandingPage',
  `mutation RestCreateLandingPage($input: LandingPageInput!, $idempotencyKey: String) { createLandingPage(input: $input, idempotencyKey: $idempotencyKey) { ${PAYLOAD} } }`,
);
const REPLACE = op(
  'mutation',
  'RestReplaceLandingPage',
  `mutation RestReplaceLandingPage($id: ID!, $input: LandingPageInput!) { replaceLandingPage(id: $id, input: $input) { ${PAYLOAD} } }`,
);
const REMOVE = op('mutation', 'RestRemoveLandingPage', `mutation RestRemoveLandingPage($id: ID!) { removeLandingPage(id: $id) { ${PAYLOAD} } }`);

type Payload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };

const landingPageBody = z.strictObject({
  name: z.string().min(1).max(200),
  description: z.string().max(1000).nullable().optional(),
  type: z.enum(LANDING_PAGE_TYPES),
  state: z.enum(LANDING_PAGE_STATES).optional().describe('Default ACTIVE; an INACTIVE page is not shown to visitors.'),
  link: z.string().max(2000).nullable().optional().describe('An absolute http(s) URL.'),
  mobile_pass: z.boolean().optional(),
  header: z.string().max(500).nullable().optional(),
  title: z.string().max(500).nullable().optional(),
  footer: z.string().max(500).nullable().optional(),
  button: z.string().max(100).nullable().optional(),
  success: z.string().max(500).nullable().optional(),
  fail: z.string().max(500).nullable().optional(),
  sign_in_url: z.string().max(2000).nullable().optional(),
  colors: z
    .array(z.strictObject({ type: z.enum(LANDING_PAGE_COLOR_TYPES), value: z.string().max(7).describe('Hex colour code, e.g. FDE56F.') }))
    .max(8)
    .optional(),
  form: z
    .array(
      z.strictObject({
        id: z.string().max(64).optional().describe('Keep an existing field by its id; a new one gets an id.'),
        property: z.string().min(1).max(100).describe('The property the field fills, e.g. contact.email.'),
        label: z.string().min(1).max(200),
        priority: z.int().min(0).max(1000).optional(),
      }),
    )
    .max(50)
    .optional(),
});
type Body = z.infer<typeof landingPageBody>;

const backofficeResponse = landingPageResponse.extend({ created_date: epoch, updated_date: epoch });
const backofficeList = z.strictObject({ content: z.array(backofficeResponse), paging: pagingResponse });

function inputOf(b: Body) {
  return {
    name: b.name,
    description: b.description ?? null,
    type: b.type,
    state: b.state ?? null,
    link: b.link ?? null,
    mobilePass: b.mobile_pass ?? null,
    header: b.header ?? null,
    title: b.title ?? null,
    footer: b.footer ?? null,
    button: b.button ?? null,
    success: b.success ?? null,
    fail: b.fail ?? null,
    signInUrl: b.sign_in_url ?? null,
    colors: b.colors ?? null,
    form: b.form?.map((f) => ({ id: f.id ?? null, property: f.property, label: f.label, priority: f.priority ?? null })) ?? null,
  };
}

const toResponse = (p: GqlLandingPage): z.infer<typeof backofficeResponse> => ({
  ...landingPageOut(p),
  created_date: epochSeconds(p.createdAt),
  updated_date: epochSeconds(p.updatedAt),
});

function pathId(raw: string): string {
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  return raw.toLowerCase();
}

/** GraphQL input field paths → the REST names. */
const fields = (field: string | null | undefined): string | undefined => (field ? snakeCaseFields(field.replace(/^input\./, '')) : undefined);

/** POST /backoffice/v2/landing_pages → 201 `{id}`. */
const create: Handler = async (ctx) => {
  noQuery(ctx);
  const input = inputOf(validateBody(landingPageBody, await ctx.readBody()));
  const payload = await ctx.gateway.mutate<Payload>(CREATE, { input, idempotencyKey: idempotencyKeyOf(ctx.req) }, 'createLandingPage', fields);
  sendJson(ctx.res, 201, { id: payload.id });
};

/** GET /backoffice/v2/landing_pages → a page of landing pages, newest first. */
const list: Handler = async (ctx) => {
  const paging = parsePagingQuery(ctx.url.searchParams);
  const offset = (paging.page - 1) * paging.size;
  const data = await ctx.gateway.run(LANDING_PAGE_LIST, { offset, limit: paging.size + 1 }, snakeCaseFields);
  const rows = (data['landingPages'] as GqlLandingPage[] | null | undefined) ?? [];
  const envelope: Record<string, unknown> = { page: paging.page, size: paging.size };
  if (paging.includeTotal) envelope['total'] = offset + rows.length;
  envelope['has_more'] = rows.length > paging.size;
  sendJson(ctx.res, 200, { content: rows.slice(0, paging.size).map(toResponse), paging: envelope });
};

/** GET /backoffice/v2/landing_pages/{id} (whatever its state). */
const get: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(param(ctx, 'id'));
  const data = await ctx.gateway.run(LANDING_PAGE_BY_ID, { id }, snakeCaseFields);
  const found = data['landingPage'] as GqlLandingPage | null | undefined;
  if (!found) throw recordNotFound(SUBJECT, id);
  sendJson(ctx.res, 200, toResponse(found));
};

/** PUT /backoffice/v2/landing_pages/{id} → 200 `{id}`: the whole page is replaced. */
const replace: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(param(ctx, 'id'));
  const input = inputOf(validateBody(landingPageBody, await ctx.readBody()));
  await ctx.gateway.mutate<Payload>(REPLACE, { id, input }, 'replaceLandingPage', fields);
  sendJson(ctx.res, 200, { id });
};

/** DELETE /backoffice/v2/landing_pages/{id} → 204. */
const remove: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(param(ctx, 'id'));
  await ctx.gateway.mutate<Payload>(REMOVE, { id }, 'removeLandingPage', snakeCaseFields);
  sendJson(ctx.res, 204, undefined);
};

const doc = { tag: TAG, audience: 'backoffice' as const };

export const resource = defineResource({
  family: 'backoffice',
  name: 'landing-pages',
  pathParameters: { id: 'BackofficeLandingPageId' },
  openapi: {
    tags: [{ name: TAG, description: 'Landing pages (registration, pass purchase): texts, colours and form fields.' }],
    parameters: {
      BackofficeLandingPageId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The landing page id (uuid).',
        schema: { type: 'string', format: 'uuid' },
      },
    },
    requestSchemas: [{ name: 'LandingPageRequest', schema: landingPageBody }],
    responseSchemas: [
      { name: 'BackofficeLandingPage', schema: backofficeResponse },
      { name: 'BackofficeLandingPageList', schema: backofficeList },
    ],
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/landing_pages',
      handler: create,
      operations: [CREATE],
      doc: {
        ...doc,
        operationId: 'createLandingPageBO',
        summary: 'Create a landing page',
        description: 'Needs settings.write.',
        body: 'LandingPageRequest',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Created; the id of the landing page.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/landing_pages',
      handler: list,
      operations: [LANDING_PAGE_LIST],
      doc: {
        ...doc,
        operationId: 'listLandingPagesBO',
        summary: 'List landing pages',
        query: ['Page', 'Size', 'IncludeTotal'],
        reads: true,
        success: { status: 200, description: 'A page of landing pages, newest first.', schema: 'BackofficeLandingPageList' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/landing_pages/:id',
      handler: get,
      operations: [LANDING_PAGE_BY_ID],
      doc: {
        ...doc,
        operationId: 'getLandingPageBO',
        summary: 'Get a landing page',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The landing page.', schema: 'BackofficeLandingPage' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/landing_pages/:id',
      handler: replace,
      operations: [REPLACE],
      doc: {
        ...doc,
        operationId: 'replaceLandingPageBO',
        summary: 'Replace a landing page',
        description: 'The whole page: form fields sent with their id are kept, the others get new ids, those left out are gone.',
        body: 'LandingPageRequest',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 200, description: 'Replaced; the id of the landing page.', schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: '/backoffice/v2/landing_pages/:id',
      handler: remove,
      operations: [REMOVE],
      doc: {
        ...doc,
        operationId: 'removeLandingPageBO',
        summary: 'Remove a landing page',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 204, description: 'Removed. No body.' },
      },
    },
  ],
});
