import { AppError, type NotFoundSubject } from '@crm/platform/errors';
import { recordNotFound } from '../../kit/errors';
import { param, sendJson, type Handler, type RestContext } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { boolean, PAGING_PARAMS, parsePaging, pagingOut, type Paging } from '../../kit/paging';
import { canonicalPathId, idempotencyKeyOf, isUuid, queryParams } from '../../kit/request';
import { contactNotFound } from '../contacts/errors';
import {
  addProductsAllowanceBody,
  allowanceInput,
  defined,
  invitePersonBody,
  personActionBody,
  productAllowanceBody,
  renameGroupBody,
  updatePersonBody,
  usageAllowanceInput,
  walletSharingInput,
} from './bodies';
import {
  ADD_ALLOWANCES,
  GET_PERSON,
  INVITE_PERSON,
  LEAVE,
  LIST_COMMUNITIES,
  LIST_GROUPS,
  LIST_MEMBERS,
  LIST_PEOPLE,
  LIST_RELATIONS,
  LIST_SHARED_DEVICES,
  REMOVE_ALLOWANCE,
  REMOVE_PERSON,
  RENAME_GROUP,
  RESPOND,
  UPDATE_ALLOWANCE,
  UPDATE_PERSON,
  type GqlCommunityContact,
  type GqlCommunityPayload,
  type GqlPage,
  type GqlProductAllowance,
  type GqlRelationship,
} from './operations';
import { allowanceOut, communityOut, displayName, memberOut, personOut, remainingAllowanceOut } from './schemas';
import type { Operation } from '../../kit/operation';

/** Subject of contacts-write's catalogued COMMUNITY_RELATIONSHIP_NOT_FOUND (src/errors.ts, loaded through the registry). */
const RELATIONSHIP = 'community relationship' as NotFoundSubject;
export const relationshipNotFound = (id: string): AppError => recordNotFound(RELATIONSHIP, id);

/** A GUID path parameter, canonical; anything else names nothing (404). */
function guid(ctx: RestContext, name: string, notFound: (raw: string) => AppError): string {
  const raw = param(ctx, name);
  if (!isUuid(raw)) throw notFound(raw);
  return canonicalPathId(raw);
}
const contactId = (ctx: RestContext, name = 'id') => guid(ctx, name, contactNotFound);
const relationshipId = (ctx: RestContext) => guid(ctx, 'relationship_id', relationshipNotFound);

function ascendingOf(params: Map<string, string>): boolean {
  const raw = params.get('order')?.toUpperCase();
  if (raw === undefined || raw === 'DESC') return false;
  if (raw === 'ASC') return true;
  throw AppError.validation('order', 'must be ASC or DESC', 'INVALID_ENUM');
}

function checkSort(params: Map<string, string>): void {
  const raw = params.get('sort');
  if (raw !== undefined && raw.toUpperCase() !== 'CREATED_DATE') throw AppError.validation('sort', 'only CREATED_DATE is supported', 'INVALID_ENUM');
}

const LIST = [...PAGING_PARAMS, 'order', 'sort'] as const;
const flag = (params: Map<string, string>, name: string): boolean => (params.has(name) ? boolean(name, params.get(name)!) : false);
const window = (p: Paging) => ({ offset: (p.page - 1) * p.size, limit: p.size });
const sendPage = (ctx: RestContext, paging: Paging, total: number, content: unknown[]) =>
  sendJson(ctx.res, 200, { paging: pagingOut(paging, total), content });

function mutate(ctx: RestContext, op: Operation, variables: Record<string, unknown>, field: string): Promise<GqlCommunityPayload> {
  return ctx.gateway.mutate<GqlCommunityPayload>(op, variables, field, snakeCaseFields);
}

async function person(ctx: RestContext, ownerId: string, rid: string): Promise<GqlRelationship> {
  const data = await ctx.gateway.run(GET_PERSON, { ownerId, relationshipId: rid }, snakeCaseFields);
  const r = data['communityPerson'] as GqlRelationship | null;
  if (!r) throw relationshipNotFound(rid);
  return r;
}

/** GET /communities/relations: the organisation's relations (name filter, paged in memory: a handful). */
export const listRelations: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...LIST, 'name']);
  const paging = parsePaging(params);
  checkSort(params);
  const ascending = ascendingOf(params);
  const data = await ctx.gateway.run(LIST_RELATIONS, { name: params.get('name') ?? null }, snakeCaseFields);
  const all = (data['communityRelations'] as { id: string; name: string; isDefault: boolean }[]).map((r) => ({
    id: r.id,
    name: r.name,
    is_default: r.isDefault,
  }));
  if (!ascending) all.reverse();
  const { offset, limit } = window(paging);
  sendPage(ctx, paging, all.length, all.slice(offset, offset + limit));
};

/** GET /contacts/community/members?owner_id=&group=: the owner and the people of one group. */
export const listMembers: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...LIST, 'owner_id', 'group']);
  const paging = parsePaging(params);
  checkSort(params);
  ascendingOf(params);
  const ownerRaw = params.get('owner_id');
  if (!ownerRaw) throw AppError.validation('owner_id', 'is required', 'REQUIRED');
  const group = params.get('group');
  if (!group) throw AppError.validation('group', 'is required', 'REQUIRED');
  if (!isUuid(ownerRaw)) throw contactNotFound(ownerRaw);
  const ownerId = canonicalPathId(ownerRaw);
  const data = await ctx.gateway.run(LIST_MEMBERS, { ownerId, group, ...window(paging) }, snakeCaseFields);
  const page = data['communityMembers'] as GqlPage<{
    id: string;
    relationshipId: string | null;
    state: string | null;
    isOwner: boolean;
    contact: GqlCommunityContact | null;
  }> | null;
  if (!page) throw contactNotFound(ownerId);
  sendPage(ctx, paging, page.total, page.items.map(memberOut));
};

/** GET /contacts/{id}/communities: the communities the contact is in or invited to. */
export const listCommunities: Handler = async (ctx) => {
  const id = contactId(ctx);
  const params = queryParams(ctx.url.searchParams, [...LIST, 'include_product_allowance']);
  const paging = parsePaging(params);
  checkSort(params);
  const withProducts = flag(params, 'include_product_allowance');
  const data = await ctx.gateway.run(LIST_COMMUNITIES, { contactId: id, ...window(paging), ascending: ascendingOf(params) }, snakeCaseFields);
  const page = data['contactCommunities'] as GqlPage<GqlRelationship> | null;
  if (!page) throw contactNotFound(id);
  sendPage(
    ctx,
    paging,
    page.total,
    page.items.map((r) => communityOut(r, withProducts)),
  );
};

/** DELETE /contacts/{id}/communities/{community_owner_id}: the member leaves → 204. */
export const leaveCommunity: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const id = contactId(ctx);
  const ownerId = guid(ctx, 'community_owner_id', relationshipNotFound);
  await mutate(ctx, LEAVE, { contactId: id, ownerId }, 'leaveCommunity');
  sendJson(ctx.res, 204, undefined);
};

/** GET /contacts/{id}/groups → `{groups}`. */
export const listGroups: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const id = contactId(ctx);
  const data = await ctx.gateway.run(LIST_GROUPS, { ownerId: id }, snakeCaseFields);
  const groups = data['communityGroups'] as string[] | null;
  if (!groups) throw contactNotFound(id);
  sendJson(ctx.res, 200, { groups });
};

/** PUT /contacts/{id}/groups/{name} `{name}`: renames the group → `{id}` (the owner). */
export const renameGroup: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const id = contactId(ctx);
  const name = param(ctx, 'name');
  const body = validateBody(renameGroupBody, await ctx.readBody());
  await mutate(ctx, RENAME_GROUP, { ownerId: id, name, newName: body.name }, 'renameCommunityGroup');
  sendJson(ctx.res, 200, { id });
};

/** GET /contacts/{id}/people: the owner's people. */
export const listPeople: Handler = async (ctx) => {
  const id = contactId(ctx);
  const params = queryParams(ctx.url.searchParams, [
    ...LIST,
    'group',
    'include_devices',
    'include_product_allowance',
    'include_remaining_allowance',
    'include_termed_transfers',
  ]);
  const paging = parsePaging(params);
  checkSort(params);
  const include = {
    devices: flag(params, 'include_devices'),
    products: flag(params, 'include_product_allowance') || flag(params, 'include_remaining_allowance'),
    termedTransfers: flag(params, 'include_termed_transfers'),
  };
  const data = await ctx.gateway.run(
    LIST_PEOPLE,
    { ownerId: id, group: params.get('group') ?? null, ...window(paging), ascending: ascendingOf(params) },
    snakeCaseFields,
  );
  const page = data['communityPeople'] as GqlPage<GqlRelationship> | null;
  if (!page) throw contactNotFound(id);
  sendPage(
    ctx,
    paging,
    page.total,
    page.items.map((r) => personOut(r, include)),
  );
};

/** POST /contacts/{id}/people: invites a contact (by phone or email) → 201 `{id}` of the relationship. */
export const invitePerson: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const id = contactId(ctx);
  const body = validateBody(invitePersonBody, await ctx.readBody());
  const phone = body.phone ?? body.contact?.phone;
  const payload = await mutate(
    ctx,
    INVITE_PERSON,
    {
      ownerId: id,
      invitee: {
        email: body.email ?? body.contact?.email_address ?? null,
        phoneNumber: phone?.number ?? null,
        countryCode: phone?.country_code ?? null,
      },
      input: defined({
        relationId: body.relation_id,
        group: body.group,
        isAdmin: body.is_admin,
        permissions: body.permissions,
        devices: body.devices,
        walletSharing: walletSharingInput(body.wallet_sharing),
        usageAllowance: usageAllowanceInput(body.usage_allowance),
      }),
      idempotencyKey: idempotencyKeyOf(ctx.req),
      newContact: body.contact ? { firstName: body.contact.first_name, lastName: body.contact.last_name } : null,
    },
    'inviteCommunityPerson',
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

/** GET /contacts/{id}/people/{relationship_id}. */
export const getPerson: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const r = await person(ctx, contactId(ctx), relationshipId(ctx));
  sendJson(ctx.res, 200, personOut(r, { devices: true, products: true, termedTransfers: true }));
};

/** PUT /contacts/{id}/people/{relationship_id}: fields left out keep their value → `{id}`. */
export const updatePerson: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const id = contactId(ctx);
  const rid = relationshipId(ctx);
  const body = validateBody(updatePersonBody, await ctx.readBody());
  const t = body.termed_transfer;
  await mutate(
    ctx,
    UPDATE_PERSON,
    {
      ownerId: id,
      relationshipId: rid,
      input: defined({
        relationId: body.relation_id,
        group: body.group,
        isAdmin: body.is_admin,
        permissions: body.permissions,
        devices: body.devices,
        walletSharing: walletSharingInput(body.wallet_sharing),
        usageAllowance: usageAllowanceInput(body.usage_allowance),
        termedTransfer:
          t === undefined || t === null
            ? t
            : {
                active: t.active ?? false,
                amount: t.amount === undefined || t.amount === null ? null : String(t.amount),
                currency: t.currency_code ?? null,
                commercePoolId: t.commerce_pool_id ?? null,
                frequency: t.schedule?.frequency ?? null,
                dayOfWeek: t.schedule?.day_of_week ?? null,
                dayOfMonth: t.schedule?.day_of_month ?? null,
              },
      }),
    },
    'updateCommunityPerson',
  );
  sendJson(ctx.res, 200, { id: rid });
};

/** DELETE /contacts/{id}/people/{relationship_id} → 204. */
export const removePerson: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  await mutate(ctx, REMOVE_PERSON, { ownerId: contactId(ctx), relationshipId: relationshipId(ctx) }, 'removeCommunityPerson');
  sendJson(ctx.res, 204, undefined);
};

/** POST /contacts/{id}/people/{relationship_id}/actions `{action: ACCEPT|REJECT}`: the invitee ({id}) answers → `{id}`. */
export const actOnInvitation: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const id = contactId(ctx);
  const rid = relationshipId(ctx);
  const body = validateBody(personActionBody, await ctx.readBody());
  await mutate(ctx, RESPOND, { contactId: id, relationshipId: rid, action: body.action }, 'respondToCommunityInvitation');
  sendJson(ctx.res, 200, { id: rid });
};

const ALLOWANCE_FILTERS = ['product_id', 'type_id', 'family_id', 'category_id', 'product_sku'] as const;
const ITEM_TYPE_OF: Record<string, string> = { product_id: 'PRODUCT', type_id: 'TYPE', family_id: 'FAMILY', category_id: 'CATEGORY' };

async function allowancePage(ctx: RestContext): Promise<{ paging: Paging; items: GqlProductAllowance[] }> {
  const params = queryParams(ctx.url.searchParams, [...LIST, ...ALLOWANCE_FILTERS]);
  const paging = parsePaging(params);
  checkSort(params);
  const ascending = ascendingOf(params);
  if (params.has('product_sku')) throw AppError.validation('product_sku', 'filtering by SKU is not supported; use product_id', 'INVALID_VALUE');
  const r = await person(ctx, contactId(ctx), relationshipId(ctx));
  let items = r.productsAllowance.filter((a) =>
    Object.entries(ITEM_TYPE_OF).every(([p, type]) => !params.has(p) || (a.itemType === type && a.itemId === params.get(p))),
  );
  if (!ascending) items = [...items].reverse();
  return { paging, items };
}

/** GET …/products_allowance. */
export const listAllowances: Handler = async (ctx) => {
  const { paging, items } = await allowancePage(ctx);
  const { offset, limit } = window(paging);
  sendPage(ctx, paging, items.length, items.slice(offset, offset + limit).map(allowanceOut));
};

/** GET …/remaining_products_allowance: the allowances with what remains of them. */
export const listRemainingAllowances: Handler = async (ctx) => {
  const { paging, items } = await allowancePage(ctx);
  const { offset, limit } = window(paging);
  sendPage(ctx, paging, items.length, items.slice(offset, offset + limit).map(remainingAllowanceOut));
};

/** POST …/products_allowance `{products_allowance:[…]}` → 201 `{id}` (of the first allowance added). */
export const addAllowances: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const id = contactId(ctx);
  const rid = relationshipId(ctx);
  const body = validateBody(addProductsAllowanceBody, await ctx.readBody());
  const payload = await mutate(
    ctx,
    ADD_ALLOWANCES,
    { ownerId: id, relationshipId: rid, items: body.products_allowance.map(allowanceInput) },
    'addCommunityProductsAllowance',
  );
  sendJson(ctx.res, 201, { id: payload.allowanceIds[0] });
};

/** PUT …/products_allowance/{product_allowance_id} → 204. */
export const updateAllowance: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const id = contactId(ctx);
  const rid = relationshipId(ctx);
  const allowanceId = param(ctx, 'product_allowance_id');
  const body = validateBody(productAllowanceBody, await ctx.readBody());
  await mutate(
    ctx,
    UPDATE_ALLOWANCE,
    { ownerId: id, relationshipId: rid, allowanceId, input: allowanceInput(body) },
    'updateCommunityProductAllowance',
  );
  sendJson(ctx.res, 204, undefined);
};

/** DELETE …/products_allowance/{product_allowance_id} → 204. */
export const removeAllowance: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  await mutate(
    ctx,
    REMOVE_ALLOWANCE,
    { ownerId: contactId(ctx), relationshipId: relationshipId(ctx), allowanceId: param(ctx, 'product_allowance_id') },
    'removeCommunityProductAllowance',
  );
  sendJson(ctx.res, 204, undefined);
};

/** GET /contacts/{id}/communities/devices: devices the contact's community owners share with it. */
export const listSharedDevices: Handler = async (ctx) => {
  const id = contactId(ctx);
  const params = queryParams(ctx.url.searchParams, [...LIST, 'include_custom_fields']);
  const paging = parsePaging(params);
  checkSort(params);
  ascendingOf(params);
  flag(params, 'include_custom_fields');
  const data = await ctx.gateway.run(LIST_SHARED_DEVICES, { contactId: id, ...window(paging) }, snakeCaseFields);
  const page = data['communitySharedDevices'] as GqlPage<{ deviceId: string; owner: GqlCommunityContact | null }> | null;
  if (!page) throw contactNotFound(id);
  sendPage(
    ctx,
    paging,
    page.total,
    page.items.map((d) => {
      const name = displayName(d.owner);
      return { community_owner: { id: d.owner?.id ?? '', ...(name ? { name } : {}) }, device: { id: d.deviceId } };
    }),
  );
};

export const COMMUNITY_OPERATIONS = {
  listRelations: [LIST_RELATIONS],
  listMembers: [LIST_MEMBERS],
  listCommunities: [LIST_COMMUNITIES],
  leaveCommunity: [LEAVE],
  listGroups: [LIST_GROUPS],
  renameGroup: [RENAME_GROUP],
  listPeople: [LIST_PEOPLE],
  invitePerson: [INVITE_PERSON],
  getPerson: [GET_PERSON],
  updatePerson: [UPDATE_PERSON],
  removePerson: [REMOVE_PERSON],
  actOnInvitation: [RESPOND],
  listAllowances: [GET_PERSON],
  addAllowances: [ADD_ALLOWANCES],
  updateAllowance: [UPDATE_ALLOWANCE],
  removeAllowance: [REMOVE_ALLOWANCE],
  listSharedDevices: [LIST_SHARED_DEVICES],
} as const;
