import { z } from 'zod';
import { COUNTRY_CODES } from '@crm/platform/reference';

/** An amount or limit: a non-negative JSON number (kept exactly as its decimal form). */
const amount = z.number().min(0).max(1e12);
const limits = z.strictObject({ per_transaction: amount.nullish(), per_day: amount.nullish(), per_billing_cycle: amount.nullish() });
const PERMISSIONS = ['CONTACT_MANAGEMENT', 'SERVICE_REQUESTS_MANAGEMENT', 'ORDERS_MANAGEMENT', 'FULL_ACCESS'] as const;
const shortText = z.string().min(1).max(100);

const phone = z.strictObject({ country_code: z.enum(COUNTRY_CODES).optional(), number: z.string().min(1).max(30) });
const walletSharing = z.strictObject({
  is_enabled: z.boolean(),
  commerce_pools: z.array(shortText).max(20).optional(),
  method: z.enum(['AUTO', 'MANUAL']),
  max_amount: amount.nullish(),
});
const usageAllowance = z.strictObject({
  accumulated_allowance: z.strictObject({ cash_limits: limits.nullish() }).nullish(),
  organisations: z
    .array(z.strictObject({ id: shortText }))
    .max(20)
    .optional(),
  same_as_owner: z.boolean().optional(),
});

/** POST /contacts/{id}/people: who to invite (phone, or email) and what the member may do. */
export const invitePersonBody = z
  .strictObject({
    email: z.string().min(3).max(254).optional(),
    phone: phone.optional(),
    relation_id: z.string().min(1).max(100).optional(),
    group: z.string().min(1).max(100).optional(),
    is_admin: z.boolean().optional(),
    permissions: z.array(z.enum(PERMISSIONS)).max(4).optional(),
    devices: z.array(shortText).max(50).optional(),
    wallet_sharing: walletSharing.optional(),
    usage_allowance: usageAllowance.optional(),
    contact: z
      .strictObject({
        first_name: z.string().min(1).max(100),
        last_name: z.string().min(1).max(100),
        email_address: z.string().min(3).max(254).optional(),
        phone: phone.optional(),
      })
      .optional(),
  })
  .refine((b) => b.phone !== undefined || b.email !== undefined || b.contact?.phone !== undefined || b.contact?.email_address !== undefined, {
    message: 'is required',
    path: ['phone'],
  });

/** PUT /contacts/{id}/people/{relationship_id}: fields left out keep their value. */
export const updatePersonBody = z.strictObject({
  id: z.string().max(100).optional(),
  relation_id: z.string().min(1).max(100).nullish(),
  group: z.string().min(1).max(100).nullish(),
  is_admin: z.boolean().optional(),
  permissions: z.array(z.enum(PERMISSIONS)).max(4).optional(),
  devices: z.array(shortText).max(50).optional(),
  wallet_sharing: walletSharing.nullish(),
  usage_allowance: usageAllowance.nullish(),
  termed_transfer: z
    .strictObject({
      active: z.boolean().optional(),
      amount: amount.nullish(),
      currency_code: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .optional(),
      commerce_pool_id: shortText.optional(),
      schedule: z
        .strictObject({
          frequency: z.enum(['WEEKLY', 'MONTHLY']).optional(),
          day_of_week: z.enum(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']).optional(),
          day_of_month: z.int().min(1).max(31).optional(),
        })
        .optional(),
    })
    .nullish(),
});

const ITEM_TYPES = ['PRODUCT', 'TYPE', 'FAMILY', 'CATEGORY'] as const;
export const productAllowanceBody = z.strictObject({
  group_id: shortText.optional(),
  item_type: z.enum(ITEM_TYPES).optional(),
  item_id: shortText.optional(),
  cash_limits: limits.optional(),
  usage_limits: limits.optional(),
});
export const addProductsAllowanceBody = z.strictObject({ products_allowance: z.array(productAllowanceBody).min(1).max(100) });

export const personActionBody = z.strictObject({ action: z.enum(['ACCEPT', 'REJECT']) });
export const renameGroupBody = z.strictObject({ name: z.string().trim().min(1).max(100) });

type Limits = z.infer<typeof limits>;
const dec = (v: number | null | undefined): string | null => (v === null || v === undefined ? null : String(v));
export const limitsInput = (l: Limits | null | undefined) =>
  l ? { perTransaction: dec(l.per_transaction), perDay: dec(l.per_day), perBillingCycle: dec(l.per_billing_cycle) } : l;

export function walletSharingInput(w: z.infer<typeof walletSharing> | null | undefined) {
  if (w === undefined || w === null) return w;
  return { isEnabled: w.is_enabled, commercePools: w.commerce_pools ?? [], method: w.method, maxAmount: dec(w.max_amount) };
}

export function usageAllowanceInput(u: z.infer<typeof usageAllowance> | null | undefined) {
  if (u === undefined || u === null) return u;
  return {
    cashLimits: limitsInput(u.accumulated_allowance?.cash_limits) ?? null,
    sameAsOwner: u.same_as_owner ?? false,
    organisations: (u.organisations ?? []).map((o) => o.id),
  };
}

export function allowanceInput(a: z.infer<typeof productAllowanceBody>) {
  return {
    ...(a.group_id !== undefined ? { groupId: a.group_id } : {}),
    ...(a.item_type !== undefined ? { itemType: a.item_type } : {}),
    ...(a.item_id !== undefined ? { itemId: a.item_id } : {}),
    ...(a.cash_limits !== undefined ? { cashLimits: limitsInput(a.cash_limits) } : {}),
    ...(a.usage_limits !== undefined ? { usageLimits: limitsInput(a.usage_limits) } : {}),
  };
}

/** Drops the keys whose value is undefined (GraphQL: left out = keep). */
export const defined = <T extends Record<string, unknown>>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
