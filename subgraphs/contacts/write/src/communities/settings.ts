import { AppError } from '@crm/platform/errors';
import type { CommunityPermission, Limits, MemberSettings, ProductAllowance } from '@crm/event-bus/contracts/contacts/community';
import { ALLOWANCE_ITEM_TYPES, COMMUNITY_PERMISSIONS } from '@crm/event-bus/contracts/contacts/community';

/** A limit or amount as given (a JSON number or decimal string): non-negative, at most 12 digits and 6 decimals. */
export function amount(field: string, v: number | string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'x') : v.trim();
  if (/e/i.test(text) || !/^\d{1,12}(\.\d{1,6})?$/.test(text))
    throw AppError.validation(field, 'must be a non-negative amount (at most 6 decimals)', 'INVALID_VALUE');
  return text.replace(/^0+(?=\d)/, '');
}

export interface LimitsInput {
  perTransaction?: number | string | null;
  perDay?: number | string | null;
  perBillingCycle?: number | string | null;
}

export function limitsOf(field: string, l: LimitsInput | null | undefined): Limits | null {
  if (!l) return null;
  return {
    perTransaction: amount(`${field}.per_transaction`, l.perTransaction),
    perDay: amount(`${field}.per_day`, l.perDay),
    perBillingCycle: amount(`${field}.per_billing_cycle`, l.perBillingCycle),
  };
}

const text = (field: string, v: string, max: number): string => {
  const t = v.trim();
  if (t.length === 0) throw AppError.validation(field, 'must not be empty', 'REQUIRED');
  if (t.length > max) throw AppError.validation(field, `must be at most ${max} characters`, 'TOO_LONG');
  return t;
};

/** A group name: 1–100 characters, trimmed; null when not given. */
export const groupOf = (v: string | null | undefined): string | null => (v === null || v === undefined ? null : text('group', v, 100));

export interface SettingsInput {
  isAdmin?: boolean | null;
  permissions?: string[] | null;
  devices?: string[] | null;
  walletSharing?: { isEnabled: boolean; commercePools?: string[] | null; method: string; maxAmount?: number | string | null } | null;
  usageAllowance?: { cashLimits?: LimitsInput | null; sameAsOwner?: boolean | null; organisations?: string[] | null } | null;
  termedTransfer?: {
    active?: boolean | null;
    amount?: number | string | null;
    currency?: string | null;
    commercePoolId?: string | null;
    frequency?: string | null;
    dayOfWeek?: string | null;
    dayOfMonth?: number | null;
  } | null;
}

const ids = (field: string, list: string[] | null | undefined, max: number): string[] => {
  const out = [...new Set((list ?? []).map((v) => text(field, v, 100)))];
  if (out.length > max) throw AppError.validation(field, `at most ${max}`, 'TOO_MANY');
  return out;
};

/**
 * The member's grants, checked. `base` is what an update starts from: a field left out keeps its
 * value, a field given replaces it.
 */
export function settingsOf(input: SettingsInput, base: MemberSettings | null): MemberSettings {
  const permissions = input.permissions === undefined || input.permissions === null ? (base?.permissions ?? []) : [...new Set(input.permissions)];
  for (const p of permissions)
    if (!(COMMUNITY_PERMISSIONS as readonly string[]).includes(p))
      throw AppError.validation('permissions', `must be ${COMMUNITY_PERMISSIONS.join(', ')}`, 'INVALID_ENUM');
  const ws = input.walletSharing;
  const walletSharing =
    ws === undefined
      ? (base?.walletSharing ?? null)
      : ws === null
        ? null
        : {
            isEnabled: ws.isEnabled,
            commercePools: ids('wallet_sharing.commerce_pools', ws.commercePools, 20),
            method: ws.method === 'AUTO' || ws.method === 'MANUAL' ? (ws.method as 'AUTO' | 'MANUAL') : invalidMethod(),
            maxAmount: amount('wallet_sharing.max_amount', ws.maxAmount),
          };
  const ua = input.usageAllowance;
  const usageAllowance =
    ua === undefined
      ? (base?.usageAllowance ?? null)
      : ua === null
        ? null
        : {
            cashLimits: limitsOf('usage_allowance.accumulated_allowance.cash_limits', ua.cashLimits),
            sameAsOwner: ua.sameAsOwner ?? false,
            organisations: ids('usage_allowance.organisations', ua.organisations, 20),
          };
  const tt = input.termedTransfer;
  const termedTransfer =
    tt === undefined
      ? (base?.termedTransfer ?? null)
      : tt === null
        ? null
        : {
            active: tt.active ?? false,
            amount: amount('termed_transfer.amount', tt.amount),
            currency: tt.currency ? currencyOf(tt.currency) : null,
            commercePoolId: tt.commercePoolId ? text('termed_transfer.commerce_pool_id', tt.commercePoolId, 100) : null,
            frequency: tt.frequency ? oneOf('termed_transfer.schedule.frequency', tt.frequency, ['WEEKLY', 'MONTHLY'] as const) : null,
            dayOfWeek: tt.dayOfWeek
              ? oneOf('termed_transfer.schedule.day_of_week', tt.dayOfWeek, [
                  'MONDAY',
                  'TUESDAY',
                  'WEDNESDAY',
                  'THURSDAY',
                  'FRIDAY',
                  'SATURDAY',
                  'SUNDAY',
                ] as const)
              : null,
            dayOfMonth: tt.dayOfMonth === null || tt.dayOfMonth === undefined ? null : dayOfMonth(tt.dayOfMonth),
          };
  return {
    isAdmin: input.isAdmin ?? base?.isAdmin ?? false,
    permissions: permissions as CommunityPermission[],
    devices: input.devices === undefined || input.devices === null ? (base?.devices ?? []) : ids('devices', input.devices, 50),
    walletSharing,
    usageAllowance,
    termedTransfer,
  };
}

function invalidMethod(): never {
  throw AppError.validation('wallet_sharing.method', 'must be AUTO or MANUAL', 'INVALID_ENUM');
}

function currencyOf(v: string): string {
  if (!/^[A-Z]{3}$/.test(v)) throw AppError.validation('termed_transfer.currency_code', 'must be an ISO 4217 code', 'INVALID_VALUE');
  return v;
}

function dayOfMonth(v: number): number {
  if (!Number.isInteger(v) || v < 1 || v > 31) throw AppError.validation('termed_transfer.schedule.day_of_month', 'must be 1 to 31', 'INVALID_VALUE');
  return v;
}

function oneOf<T extends string>(field: string, v: string, values: readonly T[]): T {
  if (!(values as readonly string[]).includes(v)) throw AppError.validation(field, `must be ${values.join(', ')}`, 'INVALID_ENUM');
  return v as T;
}

export interface AllowanceInput {
  groupId?: string | null;
  itemType?: string | null;
  itemId?: string | null;
  cashLimits?: LimitsInput | null;
  usageLimits?: LimitsInput | null;
}

/** One product allowance, checked: an item type and id, and at least one limit. */
export function allowanceOf(field: string, id: string, input: AllowanceInput, base: ProductAllowance | null = null): ProductAllowance {
  const itemType = input.itemType ?? base?.itemType;
  if (!itemType) throw AppError.validation(`${field}.item_type`, 'is required', 'REQUIRED');
  if (!(ALLOWANCE_ITEM_TYPES as readonly string[]).includes(itemType))
    throw AppError.validation(`${field}.item_type`, `must be ${ALLOWANCE_ITEM_TYPES.join(', ')}`, 'INVALID_ENUM');
  const itemId = input.itemId ?? base?.itemId;
  if (!itemId) throw AppError.validation(`${field}.item_id`, 'is required', 'REQUIRED');
  const allowance: ProductAllowance = {
    id,
    groupId: input.groupId === undefined ? (base?.groupId ?? null) : input.groupId === null ? null : text(`${field}.group_id`, input.groupId, 100),
    itemType: itemType as ProductAllowance['itemType'],
    itemId: text(`${field}.item_id`, itemId, 100),
    cashLimits: input.cashLimits === undefined ? (base?.cashLimits ?? null) : limitsOf(`${field}.cash_limits`, input.cashLimits),
    usageLimits: input.usageLimits === undefined ? (base?.usageLimits ?? null) : limitsOf(`${field}.usage_limits`, input.usageLimits),
  };
  if (!allowance.cashLimits && !allowance.usageLimits)
    throw AppError.validation(`${field}.cash_limits`, 'give cash_limits or usage_limits', 'REQUIRED');
  return allowance;
}
