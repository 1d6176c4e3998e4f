import type { NotFoundSubject } from '@crm/platform/errors';
import type { GroupKind } from '@crm/event-bus/contracts/catalogue';
import { noQuery, param, sendJson, type Handler, type RestContext } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { canonicalPathId, idempotencyKeyOf, isUuid } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import type { RestRoute } from '../../kit/resource';
import {
  CREATE_GROUP,
  DELETE_GROUP,
  GET_GROUP,
  LIST_GROUPS,
  UPDATE_GROUP,
  type GqlGroup,
  type GqlPage,
  type GqlPayload,
} from '../../domains/catalogue/operations';
import { groupBody } from '../../domains/catalogue/bodies';
import { pageOf, toBackOfficeGroup } from '../../domains/catalogue/mapper';
import { catalogueQueryParameters, docOf, listArgs } from '../../domains/catalogue/query';
import { backOfficeGroupListResponse, backOfficeGroupResponse } from '../../domains/catalogue/schemas';

const TAG = 'Product types, brands, families and categories';
/** PRODUCT_GROUP_NOT_FOUND is catalogued by catalogue-read and catalogue-write. */
const SUBJECT = 'product group' as NotFoundSubject;

/** The four kinds of product group and the path each is served under. */
const KINDS: { kind: GroupKind; path: string; one: string; many: string }[] = [
  { kind: 'TYPE', path: 'types', one: 'product type', many: 'ProductTypes' },
  { kind: 'BRAND', path: 'brands', one: 'brand', many: 'ProductBrands' },
  { kind: 'FAMILY', path: 'families', one: 'product family', many: 'ProductFamilies' },
  { kind: 'CATEGORY', path: 'categories', one: 'product category', many: 'ProductCategories' },
];

function groupId(ctx: RestContext): string {
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  return canonicalPathId(raw);
}

function inputOf(b: ReturnType<typeof groupBody.parse>) {
  return {
    name: b.name,
    description: b.description,
    code: b.code,
    parentId: b.parent_id,
    classification: b.classification,
    composition: b.composition_method,
  };
}

const create =
  (kind: GroupKind): Handler =>
  async (ctx) => {
    noQuery(ctx);
    const b = validateBody(groupBody, await ctx.readBody());
    const payload = await ctx.gateway.mutate<GqlPayload>(
      CREATE_GROUP,
      { kind, input: inputOf(b), idempotencyKey: idempotencyKeyOf(ctx.req) },
      'createProductGroup',
      snakeCaseFields,
    );
    sendJson(ctx.res, 201, { id: payload.id });
  };

const list =
  (kind: GroupKind): Handler =>
  async (ctx) => {
    const args = listArgs(ctx, ['search_value', ...(kind === 'CATEGORY' ? ['parent_id'] : [])]);
    const filter = { search: args.params.get('search_value'), parentId: args.params.get('parent_id') };
    const data = await ctx.gateway.run(LIST_GROUPS, { kind, filter, page: args.page }, snakeCaseFields);
    sendJson(ctx.res, 200, pageOf(data['productGroups'] as GqlPage<GqlGroup>, args.paging, toBackOfficeGroup));
  };

const get =
  (kind: GroupKind): Handler =>
  async (ctx) => {
    noQuery(ctx);
    const id = groupId(ctx);
    const data = await ctx.gateway.run(GET_GROUP, { kind, id }, snakeCaseFields);
    const group = data['productGroup'] as GqlGroup | null | undefined;
    if (!group) throw recordNotFound(SUBJECT, id);
    sendJson(ctx.res, 200, toBackOfficeGroup(group));
  };

const update =
  (kind: GroupKind): Handler =>
  async (ctx) => {
    noQuery(ctx);
    const id = groupId(ctx);
    const b = validateBody(groupBody, await ctx.readBody());
    await ctx.gateway.mutate<GqlPayload>(UPDATE_GROUP, { kind, id, input: inputOf(b) }, 'updateProductGroup', snakeCaseFields);
    sendJson(ctx.res, 200, { id });
  };

const remove =
  (kind: GroupKind): Handler =>
  async (ctx) => {
    noQuery(ctx);
    const id = groupId(ctx);
    await ctx.gateway.mutate<GqlPayload>(DELETE_GROUP, { kind, id }, 'deleteProductGroup', snakeCaseFields);
    sendJson(ctx.res, 204, undefined);
  };

function routesOf(k: (typeof KINDS)[number]): RestRoute[] {
  const base = `/backoffice/v2/products/${k.path}`;
  const d = docOf(TAG);
  return [
    {
      method: 'POST',
      path: base,
      handler: create(k.kind),
      operations: [CREATE_GROUP],
      doc: {
        ...d(`create${k.many}BO`, `Create a ${k.one}`, 'Needs catalogue.write.'),
        body: 'ProductGroupRequest',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: `Created; the id of the ${k.one}.`, schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: base,
      handler: list(k.kind),
      operations: [LIST_GROUPS],
      doc: {
        ...d(`list${k.many}BO`, `List ${k.one}s`, 'Needs catalogue.read. Deleted ones are left out.'),
        query: [
          'Page',
          'Size',
          'IncludeTotal',
          'CatalogueOrder',
          'CatalogueSort',
          'CatalogueSearchValue',
          ...(k.kind === 'CATEGORY' ? ['ParentIdFilter'] : []),
        ],
        reads: true,
        success: { status: 200, description: `A page of ${k.one}s.`, schema: 'BackOfficeProductGroupList' },
      },
    },
    {
      method: 'GET',
      path: `${base}/:id`,
      handler: get(k.kind),
      operations: [GET_GROUP],
      doc: {
        ...d(`get${k.many}BO`, `Get a ${k.one}`, 'Needs catalogue.read.'),
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: `The ${k.one}.`, schema: 'BackOfficeProductGroup' },
      },
    },
    {
      method: 'PUT',
      path: `${base}/:id`,
      handler: update(k.kind),
      operations: [UPDATE_GROUP],
      doc: {
        ...d(`update${k.many}BO`, `Update a ${k.one}`, 'Needs catalogue.write. Absent fields are unchanged.'),
        body: 'ProductGroupRequest',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 200, description: `Updated; the id of the ${k.one}.`, schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: `${base}/:id`,
      handler: remove(k.kind),
      operations: [DELETE_GROUP],
      doc: {
        ...d(`delete${k.many}BO`, `Delete a ${k.one}`, 'Needs catalogue.write. Products keep their reference; lists no longer show it.'),
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 204, description: 'Deleted. No body.' },
      },
    },
  ];
}

/** Product types, brands, families and categories: create, list, read, update, delete. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'product-groups',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [{ name: TAG, description: 'How products are grouped (the catalogue domain).' }],
    parameters: catalogueQueryParameters,
    requestSchemas: [{ name: 'ProductGroupRequest', schema: groupBody }],
    responseSchemas: [
      { name: 'BackOfficeProductGroup', schema: backOfficeGroupResponse },
      { name: 'BackOfficeProductGroupList', schema: backOfficeGroupListResponse },
    ],
  },
  routes: KINDS.flatMap(routesOf),
});
