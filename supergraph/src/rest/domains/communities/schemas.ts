import { z } from 'zod';
import { countryCodeResponse, pagingResponse } from '../../kit/response-schemas';
import type { GqlCommunityContact, GqlLimits, GqlProductAllowance, GqlRelationship } from './operations';

const PERMISSIONS = ['CONTACT_MANAGEMENT', 'SERVICE_REQUESTS_MANAGEMENT', 'ORDERS_MANAGEMENT', 'FULL_ACCESS'] as const;
const STATES = ['PENDING', 'ACCEPTED', 'REJECTED'] as const;
const ITEM_TYPES = ['PRODUCT', 'TYPE', 'FAMILY', 'CATEGORY'] as const;

const limits = z.strictObject({ per_transaction: z.number().optional(), per_day: z.number().optional(), per_billing_cycle: z.number().optional() });
const phone = z.strictObject({ country_code: countryCodeResponse.optional(), number: z.string() });
const idName = z.strictObject({ id: z.string(), name: z.string() });

export const productAllowanceResponse = z.strictObject({
  id: z.string(),
  group_id: z.string().optional(),
  item_type: z.enum(ITEM_TYPES),
  item_id: z.string(),
  cash_limits: limits.optional(),
  usage_limits: limits.optional(),
});
export const remainingAllowanceResponse = productAllowanceResponse.extend({ remaining_cash: limits.optional(), remaining_usage: limits.optional() });

const walletSharing = z.strictObject({
  is_enabled: z.boolean(),
  commerce_pools: z.array(z.strictObject({ id: z.string() })),
  method: z.enum(['AUTO', 'MANUAL']),
  max_amount: z.number().optional(),
});
const usageAllowance = z.strictObject({
  accumulated_allowance: z.strictObject({ cash_limits: limits }).optional(),
  same_as_owner: z.boolean(),
  products_allowance: z.array(productAllowanceResponse).optional(),
  organisations: z.array(z.strictObject({ id: z.string() })),
});

/** One person of an owner's community (GET /contacts/{id}/people and …/{relationship_id}). */
export const personResponse = z.strictObject({
  id: z.string(),
  relation: idName.optional(),
  group: z.string().optional(),
  is_admin: z.boolean(),
  permissions: z.array(z.enum(PERMISSIONS)),
  devices: z.array(z.strictObject({ id: z.string() })).optional(),
  contact: z
    .strictObject({
      id: z.string(),
      first_name: z.string().optional(),
      last_name: z.string().optional(),
      phone: phone.optional(),
      email: z.string().optional(),
    })
    .optional(),
  wallet_sharing: walletSharing.optional(),
  usage_allowance: usageAllowance.optional(),
  state: z.enum(STATES),
  termed_transfer: z
    .strictObject({
      is_enabled: z.boolean(),
      amount: z.number().optional(),
      currency_code: z.string().optional(),
      commerce_pool: z.strictObject({ id: z.string() }).optional(),
      schedule: z
        .strictObject({
          frequency: z.enum(['WEEKLY', 'MONTHLY']).optional(),
          day_of_week: z.enum(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']).optional(),
          day_of_month: z.int().optional(),
        })
        .optional(),
    })
    .optional(),
});
export const personPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(personResponse) });

/** One community a contact is in or invited to (GET /contacts/{id}/communities). */
export const communityResponse = z.strictObject({
  community_owner: z.strictObject({
    id: z.string(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    company_name: z.string().optional(),
  }),
  relation: idName.optional(),
  is_admin: z.boolean(),
  permissions: z.array(z.enum(PERMISSIONS)),
  wallet_sharing: walletSharing.optional(),
  usage_allowance: usageAllowance.optional(),
  state: z.enum(STATES),
  group: z.string().optional(),
});
export const communityPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(communityResponse) });

export const memberResponse = z.strictObject({
  id: z.string(),
  contact: z.strictObject({
    id: z.string(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    phone: phone.optional(),
    email: z.string().optional(),
  }),
  state: z.enum(STATES).optional(),
  is_owner: z.boolean(),
  relationship_id: z.string().optional(),
});
export const memberPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(memberResponse) });

export const relationPageResponse = z.strictObject({
  paging: pagingResponse,
  content: z.array(z.strictObject({ id: z.string(), name: z.string(), is_default: z.boolean() })),
});
export const groupsResponse = z.strictObject({ groups: z.array(z.string()) });
export const allowancePageResponse = z.strictObject({ paging: pagingResponse, content: z.array(productAllowanceResponse) });
export const remainingAllowancePageResponse = z.strictObject({ paging: pagingResponse, content: z.array(remainingAllowanceResponse) });
export const sharedDevicePageResponse = z.strictObject({
  paging: pagingResponse,
  content: z.array(
    z.strictObject({
      community_owner: z.strictObject({ id: z.string(), name: z.string().optional() }),
      device: z.strictObject({ id: z.string() }),
    }),
  ),
});

// ---- mappers (GraphQL → contract shapes; absent values omitted) ----

const num = (v: string | null | undefined): number | undefined => (v === null || v === undefined ? undefined : Number(v));
const opt = <K extends string, V>(key: K, v: V | null | undefined): Partial<Record<K, V>> =>
  v === null || v === undefined ? {} : ({ [key]: v } as Record<K, V>);

export function limitsOut(l: GqlLimits | null): z.infer<typeof limits> | undefined {
  if (!l) return undefined;
  return { ...opt('per_transaction', num(l.perTransaction)), ...opt('per_day', num(l.perDay)), ...opt('per_billing_cycle', num(l.perBillingCycle)) };
}

export function allowanceOut(a: GqlProductAllowance): z.infer<typeof productAllowanceResponse> {
  return {
    id: a.id,
    ...opt('group_id', a.groupId),
    item_type: a.itemType as (typeof ITEM_TYPES)[number],
    item_id: a.itemId,
    ...opt('cash_limits', limitsOut(a.cashLimits)),
    ...opt('usage_limits', limitsOut(a.usageLimits)),
  };
}

/** What remains of an allowance: nothing consumed through the community is counted yet, so all of it. */
export function remainingAllowanceOut(a: GqlProductAllowance): z.infer<typeof remainingAllowanceResponse> {
  return { ...allowanceOut(a), ...opt('remaining_cash', limitsOut(a.cashLimits)), ...opt('remaining_usage', limitsOut(a.usageLimits)) };
}

function contactOut(c: GqlCommunityContact | null, id: string) {
  return {
    id,
    ...opt('first_name', c?.firstName),
    ...opt('last_name', c?.lastName),
    ...(c?.phoneNumber
      ? { phone: { ...opt('country_code', c.phoneCountryCode as z.infer<typeof countryCodeResponse> | null), number: c.phoneNumber } }
      : {}),
    ...opt('email', c?.email),
  };
}

function walletSharingOut(r: GqlRelationship) {
  const w = r.walletSharing;
  if (!w) return {};
  return {
    wallet_sharing: {
      is_enabled: w.isEnabled,
      commerce_pools: w.commercePools.map((id) => ({ id })),
      method: w.method as 'AUTO' | 'MANUAL',
      ...opt('max_amount', num(w.maxAmount)),
    },
  };
}

function usageAllowanceOut(r: GqlRelationship, withProducts: boolean) {
  const u = r.usageAllowance;
  if (!u && !withProducts) return {};
  const cash = limitsOut(u?.cashLimits ?? null);
  return {
    usage_allowance: {
      ...(cash ? { accumulated_allowance: { cash_limits: cash } } : {}),
      same_as_owner: u?.sameAsOwner ?? false,
      ...(withProducts ? { products_allowance: r.productsAllowance.map(allowanceOut) } : {}),
      organisations: (u?.organisations ?? []).map((id) => ({ id })),
    },
  };
}

const stateOut = (s: string) => s as (typeof STATES)[number];

export function personOut(
  r: GqlRelationship,
  include: { devices: boolean; products: boolean; termedTransfers: boolean },
): z.infer<typeof personResponse> {
  const t = r.termedTransfer;
  return {
    id: r.id,
    ...opt('relation', r.relation),
    ...opt('group', r.group),
    is_admin: r.isAdmin,
    permissions: r.permissions as (typeof PERMISSIONS)[number][],
    ...(include.devices ? { devices: r.devices.map((id) => ({ id })) } : {}),
    contact: contactOut(r.member, r.memberId),
    ...walletSharingOut(r),
    ...usageAllowanceOut(r, include.products),
    state: stateOut(r.state),
    ...(include.termedTransfers && t
      ? {
          termed_transfer: {
            is_enabled: t.active,
            ...opt('amount', num(t.amount)),
            ...opt('currency_code', t.currency),
            ...(t.commercePoolId ? { commerce_pool: { id: t.commercePoolId } } : {}),
            ...(t.frequency || t.dayOfWeek || t.dayOfMonth
              ? {
                  schedule: {
                    ...opt('frequency', t.frequency as 'WEEKLY' | 'MONTHLY' | null),
                    ...opt('day_of_week', t.dayOfWeek as 'MONDAY' | null),
                    ...opt('day_of_month', t.dayOfMonth),
                  },
                }
              : {}),
          },
        }
      : {}),
  };
}

export function communityOut(r: GqlRelationship, withProducts: boolean): z.infer<typeof communityResponse> {
  return {
    community_owner: {
      id: r.ownerId,
      ...opt('first_name', r.owner?.firstName),
      ...opt('last_name', r.owner?.lastName),
      ...opt('company_name', r.owner?.companyName),
    },
    ...opt('relation', r.relation),
    is_admin: r.isAdmin,
    permissions: r.permissions as (typeof PERMISSIONS)[number][],
    ...walletSharingOut(r),
    ...usageAllowanceOut(r, withProducts),
    state: stateOut(r.state),
    ...opt('group', r.group),
  };
}

export function memberOut(m: {
  id: string;
  relationshipId: string | null;
  state: string | null;
  isOwner: boolean;
  contact: GqlCommunityContact | null;
}) {
  return {
    id: m.id,
    contact: contactOut(m.contact, m.id),
    ...(m.state ? { state: stateOut(m.state) } : {}),
    is_owner: m.isOwner,
    ...opt('relationship_id', m.relationshipId),
  };
}

export const displayName = (c: GqlCommunityContact | null): string | undefined =>
  c
    ? c.type === 'COMPANY' && c.companyName
      ? c.companyName
      : [c.firstName, c.lastName].filter(Boolean).join(' ') || c.companyName || undefined
    : undefined;
