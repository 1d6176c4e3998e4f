import { AppError } from '@crm/platform/errors';
import type { PurchaseStep } from '@crm/event-bus/contracts/rewards';
import type { PurchaseChange, PurchaseState } from './purchase';
import { spendKey } from './post-purchase';

/**
 * Cancels a purchase (pure): one REVERSE step per award and one for the spend, each reversing the
 * ledger transaction of what it undoes (an award still pending is posted first, then reversed, so
 * nothing depends on timing). Cancelling twice changes nothing; a purchase with returns is refused.
 */
export function cancelPurchase(state: PurchaseState | null): PurchaseChange[] {
  if (!state) throw AppError.notFound('purchase', '');
  if (state.state === 'CANCELLED') return [];
  if (state.returns.length > 0) throw new AppError('CONFLICT', 'a purchase with returns cannot be cancelled', { reason: 'PURCHASE_CANCELLED' });
  const steps: PurchaseStep[] = state.steps
    .filter((s) => s.kind === 'AWARD')
    .map((s) => ({
      key: `purchase:${state.id}:cancel:${s.offerId}`,
      kind: 'REVERSE' as const,
      offerId: s.offerId,
      amount: s.amount,
      currency: s.currency,
      commercePoolId: s.commercePoolId,
      expiresAt: null,
      reverses: s.key,
    }));
  if (state.spend && state.spend.transactionId) {
    steps.push({
      key: `purchase:${state.id}:cancel:spend`,
      kind: 'REVERSE',
      offerId: null,
      amount: state.spend.spent,
      currency: state.currency,
      commercePoolId: null,
      expiresAt: null,
      reverses: spendKey(state.id),
    });
  }
  return [{ type: 'purchase.cancelled', data: { steps } }];
}
