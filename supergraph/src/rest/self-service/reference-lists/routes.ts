import { z } from 'zod';
import type { NotFoundSubject } from '@crm/platform/errors';
import { AppError } from '@crm/platform/errors';
import { TAG_ENTITIES, TAG_STATES } from '@crm/event-bus/contracts/settings';
import { noQuery, sendJson, type Handler, type RestContext } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { query } from '../../kit/openapi';
import { boolean, parsePaging, type Paging } from '../../kit/paging';
import { queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { pagingResponse } from '../../kit/response-schemas';
import { LIST_REFERENCE_ENTRIES, nameMatches, type GqlReferenceEntry } from '../../domains/settings/reference-lists';

const TAG = 'Self-service platform settings';
/** REFERENCE_ENTRY_NOT_FOUND is catalogued by settings-write and settings-read. */
const ENTRY = 'reference entry' as NotFoundSubject;

const idName = z.strictObject({ id: z.string(), name: z.string() });
const idNameList = z.strictObject({ content: z.array(idName), paging: pagingResponse });
const languageList = z.strictObject({ content: z.array(z.strictObject({ language_code: z.string() })) });
const nameDayRule = z.strictObject({
  id: z.string(),
  month: z.int().min(1).max(12),
  day: z.int().min(1).max(31),
  names: z.string().describe('The names celebrated that day, comma-separated.'),
  description: z.string().optional(),
});
const tagItem = z.strictObject({
  id: z.string(),
  name: z.string(),
  entity: z.enum(TAG_ENTITIES),
  description: z.string().optional(),
  colour: z.string().optional(),
  state: z.enum(TAG_STATES),
});
const tagList = z.strictObject({ content: z.array(tagItem), paging: pagingResponse });
const organisationTagList = z.strictObject({ content: z.array(idName) });

async function entries(ctx: RestContext, kind: string): Promise<GqlReferenceEntry[]> {
  const data = await ctx.gateway.run(LIST_REFERENCE_ENTRIES, { kind }, snakeCaseFields);
  return (data['referenceEntries'] as GqlReferenceEntry[] | null | undefined) ?? [];
}

/** One page of a list already filtered and sorted (reference lists are short: the whole list is read). */
function page<T>(items: T[], paging: Paging) {
  const start = (paging.page - 1) * paging.size;
  return {
    content: items.slice(start, start + paging.size),
    paging: {
      page: paging.page,
      size: paging.size,
      ...(paging.includeTotal ? { total: items.length } : {}),
      has_more: start + paging.size < items.length,
    },
  };
}

function orderOf(params: Map<string, string>, fallback: 'ASC' | 'DESC'): 1 | -1 {
  const order = (params.get('order') ?? fallback).toUpperCase();
  if (order !== 'ASC' && order !== 'DESC') throw AppError.validation('order', 'must be ASC or DESC', 'INVALID_ENUM');
  return order === 'ASC' ? 1 : -1;
}

const byName = (dir: 1 | -1) => (a: GqlReferenceEntry, b: GqlReferenceEntry) => dir * (a.name ?? '').localeCompare(b.name ?? '');
const LIST_PARAMS = ['name', 'page', 'size', 'include_total', 'sort', 'order'] as const;

/** The sorts a name list takes (by name, the default, or by creation). */
function sorted(list: GqlReferenceEntry[], params: Map<string, string>): GqlReferenceEntry[] {
  const sort = (params.get('sort') ?? 'NAME').toUpperCase();
  const dir = orderOf(params, 'ASC');
  if (sort === 'NAME') return [...list].sort(byName(dir));
  if (sort === 'CREATED_DATE') return [...list].sort((a, b) => dir * a.createdAt.localeCompare(b.createdAt));
  throw AppError.validation('sort', 'must be NAME or CREATED_DATE', 'INVALID_ENUM');
}

/** A name list (industries, sub-industries, business activities) filtered by `?name=` and paged. */
function nameList(kind: string, extra: readonly string[], filter: (e: GqlReferenceEntry, params: Map<string, string>) => boolean): Handler {
  return async (ctx) => {
    const params = queryParams(ctx.url.searchParams, [...LIST_PARAMS, ...extra]);
    const paging = parsePaging(params);
    const list = (await entries(ctx, kind)).filter((e) => nameMatches(e.name, params.get('name')) && filter(e, params));
    const { content, paging: p } = page(sorted(list, params), paging);
    sendJson(ctx.res, 200, { content: content.map((e) => ({ id: e.id, name: e.name ?? '' })), paging: p });
  };
}

const listIndustries = nameList('INDUSTRY', [], () => true);
const listSubIndustries = nameList('SUB_INDUSTRY', ['industry_name', 'sub_industry_ids'], (e, params) => {
  const industry = params.get('industry_name');
  const ids = params.get('sub_industry_ids');
  return (
    (industry === undefined || (e.industryName ?? '').toLowerCase() === industry.trim().toLowerCase()) &&
    (ids === undefined || ids.split(',').some((id) => id.trim().toLowerCase() === e.id))
  );
});
const listBusinessActivities = nameList('BUSINESS_ACTIVITY', ['assigned_to_organisation'], (_e, params) => {
  const assigned = params.get('assigned_to_organisation');
  if (assigned !== undefined) boolean('assigned_to_organisation', assigned);
  return true;
});

/** GET /self-service/v2/languages → `{content: [{language_code}]}` (the tenant's languages, by code). */
const listLanguages: Handler = async (ctx) => {
  noQuery(ctx);
  sendJson(ctx.res, 200, { content: (await entries(ctx, 'LANGUAGE')).map((e) => ({ language_code: e.languageCode ?? '' })) });
};

/** GET /self-service/v2/name_day_rules?first_name= → the rule naming that first name (any case); none is 404. */
const getNameDayRule: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, ['first_name']);
  const firstName = params.get('first_name')?.trim().toLowerCase();
  if (!firstName) throw AppError.validation('first_name', 'is required: the rule of which name', 'REQUIRED');
  const rule = (await entries(ctx, 'NAME_DAY_RULE')).find((e) => (e.names ?? []).some((n) => n.toLowerCase() === firstName));
  if (!rule) throw recordNotFound(ENTRY, params.get('first_name')!);
  sendJson(ctx.res, 200, {
    id: rule.id,
    month: rule.month ?? 1,
    day: rule.day ?? 1,
    names: (rule.names ?? []).join(', '),
    ...(rule.description ? { description: rule.description } : {}),
  });
};

/** GET /self-service/v2/tags?entity= → the tags of an entity, paged (newest first by default). */
const listTags: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, ['entity', 'page', 'size', 'include_total', 'sort', 'order']);
  const entity = params.get('entity');
  if (!entity) throw AppError.validation('entity', 'is required', 'REQUIRED');
  if (!(TAG_ENTITIES as readonly string[]).includes(entity))
    throw AppError.validation('entity', `must be one of ${TAG_ENTITIES.join(', ')}`, 'INVALID_ENUM');
  const paging = parsePaging(params);
  const sort = (params.get('sort') ?? 'CREATED_DATE').toUpperCase();
  const dir = orderOf(params, 'DESC');
  const list = (await entries(ctx, 'TAG')).filter((e) => e.entity === entity);
  if (sort === 'CREATED_DATE') list.sort((a, b) => dir * a.createdAt.localeCompare(b.createdAt) || byName(1)(a, b));
  else if (sort === 'NAME') list.sort(byName(dir));
  else throw AppError.validation('sort', 'must be CREATED_DATE or NAME', 'INVALID_ENUM');
  const { content, paging: p } = page(list, paging);
  sendJson(ctx.res, 200, {
    content: content.map((e) => ({
      id: e.id,
      name: e.name ?? '',
      entity: e.entity as (typeof TAG_ENTITIES)[number],
      ...(e.description ? { description: e.description } : {}),
      ...(e.colour ? { colour: e.colour } : {}),
      state: (e.state ?? 'ACTIVE') as (typeof TAG_STATES)[number],
    })),
    paging: p,
  });
};

/** GET /self-service/v2/organisations/tags → the active tags of organisations, by name (what a network filter offers). */
const listOrganisationTags: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, ['industry', 'industry_sector']);
  const list = (await entries(ctx, 'TAG')).filter((e) => e.entity === 'ORGANISATIONS' && e.state === 'ACTIVE').sort(byName(1));
  sendJson(ctx.res, 200, { content: list.map((e) => ({ id: e.id, name: e.name ?? '' })) });
};

const PAGE = ['Page', 'Size', 'IncludeTotal'];
const NAME_LIST = ['ReferenceName', 'ReferenceSort', 'ReferenceOrder', ...PAGE];
const doc = { tag: TAG, audience: 'selfservice' as const, reads: true };

export const resource = defineResource({
  family: 'self-service',
  name: 'reference-lists',
  openapi: {
    tags: [{ name: TAG, description: 'What a self-service app reads at start-up: its configuration, custom field definitions and reference lists.' }],
    parameters: {
      ReferenceName: query('name', { type: 'string' }, 'Only entries whose name contains this (any case).'),
      ReferenceSort: query('sort', { type: 'string', enum: ['NAME', 'CREATED_DATE'], default: 'NAME' }, 'Sort key.'),
      ReferenceOrder: query('order', { type: 'string', enum: ['ASC', 'DESC'] }, 'Sort direction (ASC by default; tags: DESC).'),
      SubIndustryIndustryName: query('industry_name', { type: 'string' }, 'Only sub-industries of this industry (any case).'),
      SubIndustryIds: query('sub_industry_ids', { type: 'string' }, 'Only these sub-industries (comma-separated ids).'),
      AssignedToOrganisation: query('assigned_to_organisation', { type: 'boolean' }, 'Accepted; every activity is listed.'),
      FirstName: query('first_name', { type: 'string' }, 'The first name whose name day to find (required; any case).'),
      TagEntity: { ...query('entity', { type: 'string', enum: [...TAG_ENTITIES] }, 'The entity whose tags to list (required).'), required: true },
      TagSort: query('sort', { type: 'string', enum: ['CREATED_DATE', 'NAME'], default: 'CREATED_DATE' }, 'Sort key.'),
      TagOrder: query('order', { type: 'string', enum: ['ASC', 'DESC'], default: 'DESC' }, 'Sort direction.'),
      OrganisationTagIndustry: query('industry', { type: 'string' }, 'Accepted; every organisation tag is listed.'),
      OrganisationTagIndustrySector: query('industry_sector', { type: 'string' }, 'Accepted; every organisation tag is listed.'),
    },
    responseSchemas: [
      { name: 'SelfServiceIdNameList', schema: idNameList },
      { name: 'SelfServiceLanguageList', schema: languageList },
      { name: 'SelfServiceNameDayRule', schema: nameDayRule },
      { name: 'SelfServiceTagList', schema: tagList },
      { name: 'SelfServiceOrganisationTagList', schema: organisationTagList },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/languages',
      handler: listLanguages,
      operations: [LIST_REFERENCE_ENTRIES],
      doc: {
        ...doc,
        operationId: 'listLanguagesSS',
        summary: 'List the supported languages',
        success: { status: 200, description: 'The languages, by code.', schema: 'SelfServiceLanguageList' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/name_day_rules',
      handler: getNameDayRule,
      operations: [LIST_REFERENCE_ENTRIES],
      doc: {
        ...doc,
        operationId: 'getNameDayRuleSS',
        summary: 'Get the name-day rule of a first name',
        query: ['FirstName'],
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The rule naming the first name.', schema: 'SelfServiceNameDayRule' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/tags',
      handler: listTags,
      operations: [LIST_REFERENCE_ENTRIES],
      doc: {
        ...doc,
        audience: 'contactOrSecret',
        operationId: 'listTagsSS',
        summary: 'List the tags of an entity',
        description: "A contact's token (with the public api_key) or a secret api_key.",
        query: ['TagEntity', 'TagSort', 'TagOrder', ...PAGE],
        success: { status: 200, description: 'The tags.', schema: 'SelfServiceTagList' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/organisations/tags',
      handler: listOrganisationTags,
      operations: [LIST_REFERENCE_ENTRIES],
      doc: {
        ...doc,
        operationId: 'listOrganisationTagsSS',
        summary: 'List the tags of organisations',
        query: ['OrganisationTagIndustry', 'OrganisationTagIndustrySector'],
        success: { status: 200, description: 'The active organisation tags, by name.', schema: 'SelfServiceOrganisationTagList' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/industries',
      handler: listIndustries,
      operations: [LIST_REFERENCE_ENTRIES],
      doc: {
        ...doc,
        operationId: 'listIndustriesSS',
        summary: 'List industries',
        query: NAME_LIST,
        success: { status: 200, description: 'The industries.', schema: 'SelfServiceIdNameList' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/sub_industries',
      handler: listSubIndustries,
      operations: [LIST_REFERENCE_ENTRIES],
      doc: {
        ...doc,
        operationId: 'listSubIndustriesSS',
        summary: 'List sub-industries',
        query: ['SubIndustryIndustryName', 'SubIndustryIds', ...NAME_LIST],
        success: { status: 200, description: 'The sub-industries.', schema: 'SelfServiceIdNameList' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/business_activities',
      handler: listBusinessActivities,
      operations: [LIST_REFERENCE_ENTRIES],
      doc: {
        ...doc,
        operationId: 'listBusinessActivitiesSS',
        summary: 'List business activities',
        query: ['AssignedToOrganisation', ...NAME_LIST],
        success: { status: 200, description: 'The business activities.', schema: 'SelfServiceIdNameList' },
      },
    },
  ],
});
