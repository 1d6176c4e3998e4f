import { AppError } from '@crm/platform/errors';
import type { PurchasePostedV1 } from '@crm/event-bus/contracts/rewards';
import { fromMinor } from './money';
import type { EngineResult } from './offer-engine';
import type { PurchaseChange, PurchaseState } from './purchase';

export interface PostPurchase {
  purchaseId: string;
  referenceNumber: string;
  contactId: string;
  organisationId: string | null;
  currency: string;
  amounts: PurchasePostedV1['data']['amounts'];
  classification: string | null;
  products: PurchasePostedV1['data']['products'];
  /** The spend already debited synchronously (null: none asked). */
  spend: PurchasePostedV1['data']['spend'];
  engine: EngineResult;
  purchasedAt: Date;
}

/** The ledger key of a purchase's award of one offer (the ledger posts it once whatever the retries). */
export const awardKey = (purchaseId: string, offerId: string) => `purchase:${purchaseId}:award:${offerId}`;
export const spendKey = (purchaseId: string) => `purchase:${purchaseId}:spend`;

/** Posts a purchase (pure): its facts, the spend, one AWARD step per awarded offer and the engine's explanation. A posted purchase is not posted twice. */
export function postPurchase(state: PurchaseState | null, cmd: PostPurchase): PurchaseChange[] {
  if (state) return [];
  if (!cmd.contactId) throw AppError.validation('contact', 'the purchase needs a contact', 'REQUIRED');
  return [
    {
      type: 'purchase.posted',
      data: {
        referenceNumber: cmd.referenceNumber,
        contactId: cmd.contactId,
        organisationId: cmd.organisationId,
        currency: cmd.currency,
        amounts: cmd.amounts,
        classification: cmd.classification,
        products: cmd.products,
        spend: cmd.spend,
        steps: cmd.engine.awards.map((a) => ({
          key: awardKey(cmd.purchaseId, a.offerId),
          kind: 'AWARD' as const,
          offerId: a.offerId,
          amount: fromMinor(a.amount, a.currency),
          currency: a.currency,
          commercePoolId: a.commercePoolId,
          expiresAt: a.expiresAt?.toISOString() ?? null,
          reverses: null,
        })),
        evaluations: cmd.engine.evaluations,
        resolutions: cmd.engine.resolutions,
        purchasedAt: cmd.purchasedAt.toISOString(),
      },
    },
  ];
}
