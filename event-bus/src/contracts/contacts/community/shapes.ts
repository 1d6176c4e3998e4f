import { z } from 'zod';

/** The aggregate of one community relationship: an owner contact and a member contact. */
export const COMMUNITY_RELATIONSHIP_AGGREGATE = 'community_relationship';

export const COMMUNITY_STATES = ['PENDING', 'ACCEPTED', 'REJECTED', 'REMOVED'] as const;
export type CommunityStateName = (typeof COMMUNITY_STATES)[number];
export const COMMUNITY_PERMISSIONS = ['CONTACT_MANAGEMENT', 'SERVICE_REQUESTS_MANAGEMENT', 'ORDERS_MANAGEMENT', 'FULL_ACCESS'] as const;
export type CommunityPermission = (typeof COMMUNITY_PERMISSIONS)[number];
export const WALLET_SHARING_METHODS = ['AUTO', 'MANUAL'] as const;
export const ALLOWANCE_ITEM_TYPES = ['PRODUCT', 'TYPE', 'FAMILY', 'CATEGORY'] as const;
export type AllowanceItemType = (typeof ALLOWANCE_ITEM_TYPES)[number];

const id = z.uuid();
/** A non-negative decimal amount, kept exactly as its decimal string. */
export const decimal = z.string().regex(/^\d{1,12}(\.\d{1,6})?$/);

export const limits = z.object({ perTransaction: decimal.nullable(), perDay: decimal.nullable(), perBillingCycle: decimal.nullable() });
export type Limits = z.infer<typeof limits>;

export const relationRef = z.object({ id, name: z.string().min(1).max(100) });

/** What the owner grants the member (all replaced together on an update). */
export const memberSettings = z.object({
  isAdmin: z.boolean(),
  permissions: z.array(z.enum(COMMUNITY_PERMISSIONS)).max(4),
  devices: z.array(z.string().min(1).max(100)).max(50),
  walletSharing: z
    .object({
      isEnabled: z.boolean(),
      commercePools: z.array(z.string().min(1).max(100)).max(20),
      method: z.enum(WALLET_SHARING_METHODS),
      maxAmount: decimal.nullable(),
    })
    .nullable(),
  usageAllowance: z
    .object({
      cashLimits: limits.nullable(),
      sameAsOwner: z.boolean(),
      organisations: z.array(z.string().min(1).max(100)).max(20),
    })
    .nullable(),
  termedTransfer: z
    .object({
      active: z.boolean(),
      amount: decimal.nullable(),
      currency: z.string().length(3).nullable(),
      commercePoolId: z.string().max(100).nullable(),
      frequency: z.enum(['WEEKLY', 'MONTHLY']).nullable(),
      dayOfWeek: z.enum(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']).nullable(),
      dayOfMonth: z.number().int().min(1).max(31).nullable(),
    })
    .nullable(),
});
export type MemberSettings = z.infer<typeof memberSettings>;

export const productAllowance = z.object({
  id,
  groupId: z.string().max(100).nullable(),
  itemType: z.enum(ALLOWANCE_ITEM_TYPES),
  itemId: z.string().min(1).max(100),
  cashLimits: limits.nullable(),
  usageLimits: limits.nullable(),
});
export type ProductAllowance = z.infer<typeof productAllowance>;
