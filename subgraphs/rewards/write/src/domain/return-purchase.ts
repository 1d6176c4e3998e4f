import { AppError } from '@crm/platform/errors';
import type { PurchaseStep } from '@crm/event-bus/contracts/rewards';
import { fromMinor, minorOf, toMinor } from './money';
import type { PurchaseChange, PurchaseState } from './purchase';

/** What a share of an amount is after `returned` of `total` was returned (rounded down, so the shares of a full return add up to the amount). */
const shareOf = (amount: bigint, returned: bigint, total: bigint) => (total === 0n ? 0n : (amount * returned) / total);

/**
 * Returns part of a purchase (pure): the net amount returned, at most what is left. Each award is
 * clawed back in proportion — cumulatively, the clawbacks of all returns equal the award's share of
 * everything returned, so rounding never loses or adds a minor unit over several returns.
 */
export function returnPurchase(state: PurchaseState | null, cmd: { net: string }): PurchaseChange[] {
  if (!state) throw AppError.notFound('purchase', '');
  if (state.state === 'CANCELLED') throw new AppError('CONFLICT', 'the purchase is cancelled', { reason: 'PURCHASE_CANCELLED' });
  const net = toMinor(cmd.net, state.currency, 'transaction_amounts.net');
  if (net <= 0n) throw AppError.validation('transaction_amounts.net', 'must be above 0', 'INVALID_VALUE');
  const total = minorOf(state.amounts.net, state.currency);
  const before = state.returns.reduce((n, r) => n + minorOf(r.net, state.currency), 0n);
  if (before + net > total) {
    throw AppError.validation(
      'transaction_amounts.net',
      `at most ${fromMinor(total - before, state.currency)} is left to return`,
      'RETURN_EXCEEDS_PURCHASE',
    );
  }
  const number = state.returns.length + 1;
  const steps: PurchaseStep[] = [];
  for (const award of state.steps.filter((s) => s.kind === 'AWARD')) {
    const amount = minorOf(award.amount, award.currency);
    const claw = shareOf(amount, before + net, total) - shareOf(amount, before, total);
    if (claw <= 0n) continue;
    steps.push({
      key: `purchase:${state.id}:return:${number}:${award.offerId}`,
      kind: 'CLAWBACK',
      offerId: award.offerId,
      amount: fromMinor(claw, award.currency),
      currency: award.currency,
      commercePoolId: award.commercePoolId,
      expiresAt: null,
      reverses: award.key,
    });
  }
  return [{ type: 'purchase.returned', data: { number, net: fromMinor(net, state.currency), steps } }];
}
