import { AppError } from '@crm/platform/errors';
import type { WalletLimitRule, WalletSettings } from '@crm/event-bus/contracts/ledger';
import type { CommercePoolState, SettingsChange, WalletState } from './settings';
import { formatMinor, parseAmount } from './money';

/** An exact positive amount in the currency, normalised ("12.5" → "12.50"), naming `field` when refused. */
const exact = (amount: string, currency: string, field: string) => formatMinor(parseAmount(amount, currency, field), currency);

export type WalletSettingsPatch = Partial<Pick<WalletSettings, 'autoTopup' | 'termedTopup' | 'limitRules'>>;

/** Checks limit rules (exact amounts in their currency, a maximum of some kind), naming the field. */
export function checkedLimitRules(rules: WalletLimitRule[], field = 'limitRules'): WalletLimitRule[] {
  return rules.map((r, i) => {
    if (r.maximumAmount === null && r.maximumNumber === null)
      throw AppError.validation(`${field}.${i}.maximumAmount`, 'a rule needs a maximum_amount or a maximum_number', 'REQUIRED');
    return { ...r, maximumAmount: r.maximumAmount === null ? null : exact(r.maximumAmount, r.currency, `${field}.${i}.maximumAmount`) };
  });
}

/** Changes a wallet's top-up settings and/or its own limit rules (the rest unchanged) (pure). */
export function updateWalletSettings(wallet: WalletState, patch: WalletSettingsPatch): SettingsChange[] {
  const s = wallet.settings;
  const autoTopup =
    patch.autoTopup === undefined
      ? s.autoTopup
      : patch.autoTopup && {
          ...patch.autoTopup,
          threshold: exact(patch.autoTopup.threshold, patch.autoTopup.currency, 'autoTopup.threshold'),
          amount: exact(patch.autoTopup.amount, patch.autoTopup.currency, 'autoTopup.amount'),
        };
  const termedTopup =
    patch.termedTopup === undefined
      ? s.termedTopup
      : patch.termedTopup && { ...patch.termedTopup, amount: exact(patch.termedTopup.amount, patch.termedTopup.currency, 'termedTopup.amount') };
  const limitRules = patch.limitRules === undefined ? s.limitRules : patch.limitRules && checkedLimitRules(patch.limitRules);
  return [
    { aggregateType: 'wallet', aggregateId: wallet.id, type: 'wallet.updated', data: { settings: { ...s, autoTopup, termedTopup, limitRules } } },
  ];
}

/**
 * A contact activates or deactivates a commerce pool on its wallet. The pool must exist and be
 * active (and within its validity to activate); doing what is already done changes nothing (pure).
 */
export function setCommercePoolActivation(
  wallet: WalletState,
  pool: CommercePoolState | null,
  cmd: { commercePoolId: string; active: boolean },
  now: Date,
): SettingsChange[] {
  if (!pool) throw AppError.notFound('commerce pool', cmd.commercePoolId);
  const list = wallet.settings.activatedCommercePools;
  const has = list.includes(pool.id);
  if (cmd.active === has) return [];
  if (cmd.active) {
    const d = pool.definition;
    const open = d.isActive && (d.validFrom === null || new Date(d.validFrom) <= now) && (d.validTo === null || new Date(d.validTo) > now);
    if (!open) throw new AppError('VALIDATION', 'id: the commerce pool is not active', { field: 'id', reason: 'COMMERCE_POOL_INACTIVE' });
  }
  const activatedCommercePools = cmd.active ? [...list, pool.id] : list.filter((p) => p !== pool.id);
  return [
    { aggregateType: 'wallet', aggregateId: wallet.id, type: 'wallet.updated', data: { settings: { ...wallet.settings, activatedCommercePools } } },
  ];
}

/** The tenant's default wallet limit rules (the whole set) (pure). */
export function setTenantLimits(rules: WalletLimitRule[]): SettingsChange[] {
  return [{ aggregateType: 'ledger_limits', aggregateId: 'default', type: 'ledger_limits.set', data: { limitRules: checkedLimitRules(rules) } }];
}
