import { AppError } from '@crm/platform/errors';
import type { WalletLimitRule } from '@crm/event-bus/contracts/ledger';
import { parseAmount } from './money';

export type LimitKind = WalletLimitRule['appliesFor'][number];

/** Where a rule's period began at `now` (UTC): today, this ISO week (Monday) or this month. */
export function periodStart(period: WalletLimitRule['period'], now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (period === 'WEEKLY') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  if (period === 'MONTHLY') d.setUTCDate(1);
  return d;
}

/**
 * Whether a movement of `amount` (minor units) fits the rules that apply to its kind and currency,
 * given what the wallet already moved in each rule's period (`usage`); refuses naming `amount` (pure).
 */
export function checkWalletLimits(
  rules: WalletLimitRule[],
  kind: LimitKind,
  currency: string,
  amount: bigint,
  usage: (rule: WalletLimitRule) => { amount: bigint; count: number },
): void {
  for (const rule of rules) {
    if (rule.currency !== currency || !rule.appliesFor.includes(kind)) continue;
    const used = usage(rule);
    const max = rule.maximumAmount === null ? null : parseAmount(rule.maximumAmount, currency, 'amount');
    if (max !== null && used.amount + amount > max)
      throw new AppError('VALIDATION', `amount: exceeds the wallet's ${rule.period.toLowerCase()} limit of ${rule.maximumAmount} ${currency}`, {
        field: 'amount',
        reason: 'WALLET_LIMIT_EXCEEDED',
      });
    if (rule.maximumNumber !== null && used.count + 1 > rule.maximumNumber)
      throw new AppError('VALIDATION', `amount: exceeds the wallet's ${rule.period.toLowerCase()} limit of ${rule.maximumNumber} movements`, {
        field: 'amount',
        reason: 'WALLET_LIMIT_EXCEEDED',
      });
  }
}
