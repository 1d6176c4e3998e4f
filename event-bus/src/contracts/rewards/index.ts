import { RewardSchemeCreatedV1 } from './reward-scheme-created.v1';
import { RewardSchemeStateChangedV1 } from './reward-scheme-state-changed.v1';
import { RewardMembershipSignedUpV1 } from './reward-membership-signed-up.v1';
import { RewardMembershipVerifiedV1 } from './reward-membership-verified.v1';
import { RewardMembershipSignedOutV1 } from './reward-membership-signed-out.v1';
import { RewardOfferCreatedV1 } from './reward-offer-created.v1';
import { RewardOfferStateChangedV1 } from './reward-offer-state-changed.v1';
import { PurchasePostedV1 } from './purchase-posted.v1';
import { PurchaseStepCompletedV1 } from './purchase-step-completed.v1';
import { PurchaseCancelledV1 } from './purchase-cancelled.v1';
import { PurchaseReturnedV1 } from './purchase-returned.v1';
import { ContactTokenIssuedV1 } from './contact-token-issued.v1';
import { ContactTokenUsedV1 } from './contact-token-used.v1';
import { PassPlanCreatedV1 } from './pass-plan-created.v1';
import { PassPlanUpdatedV1 } from './pass-plan-updated.v1';
import { PassPlanPassesIssuedV1 } from './pass-plan-passes-issued.v1';
import { PassIssuedV1 } from './pass-issued.v1';
import { PassStateChangedV1 } from './pass-state-changed.v1';
import { PassRedeemedV1 } from './pass-redeemed.v1';
import { PassCreditPostedV1 } from './pass-credit-posted.v1';
import { PromotionCreatedV1 } from './promotion-created.v1';
import { PromotionUpdatedV1 } from './promotion-updated.v1';
import { PromotionDeletedV1 } from './promotion-deleted.v1';
import { ProcessorPurchaseReceivedV1 } from './processor-purchase-received.v1';
import { ProcessorPurchaseClaimedV1 } from './processor-purchase-claimed.v1';
import type { EventOf } from '../define-event';
import { givingEvents } from './giving';

export * from './topics';
export * from './rewards-shapes';
export * from './reward-scheme-created.v1';
export * from './reward-scheme-state-changed.v1';
export * from './reward-membership-signed-up.v1';
export * from './reward-membership-verified.v1';
export * from './reward-membership-signed-out.v1';
export * from './reward-offer-created.v1';
export * from './reward-offer-state-changed.v1';
export * from './purchase-posted.v1';
export * from './purchase-step-completed.v1';
export * from './purchase-cancelled.v1';
export * from './purchase-returned.v1';
export * from './contact-token-issued.v1';
export * from './contact-token-used.v1';
export * from './giving';
export * from './passes-shapes';
export * from './processor-purchase-shapes';
export * from './processor-purchase-received.v1';
export * from './processor-purchase-claimed.v1';
export * from './pass-plan-created.v1';
export * from './pass-plan-updated.v1';
export * from './pass-plan-passes-issued.v1';
export * from './pass-issued.v1';
export * from './pass-state-changed.v1';
export * from './pass-redeemed.v1';
export * from './pass-credit-posted.v1';
export * from './promotion-created.v1';
export * from './promotion-updated.v1';
export * from './promotion-deleted.v1';

/** Every rewards event contract (the platform's event registry collects each registered domain's `domainEvents`). */
export const domainEvents = [
  RewardSchemeCreatedV1,
  RewardSchemeStateChangedV1,
  RewardMembershipSignedUpV1,
  RewardMembershipVerifiedV1,
  RewardMembershipSignedOutV1,
  RewardOfferCreatedV1,
  RewardOfferStateChangedV1,
  PurchasePostedV1,
  PurchaseStepCompletedV1,
  PurchaseCancelledV1,
  PurchaseReturnedV1,
  ContactTokenIssuedV1,
  ContactTokenUsedV1,
  ...givingEvents,
  // passes and promotions
  PassPlanCreatedV1,
  PassPlanUpdatedV1,
  PassPlanPassesIssuedV1,
  PassIssuedV1,
  PassStateChangedV1,
  PassRedeemedV1,
  PassCreditPostedV1,
  PromotionCreatedV1,
  PromotionUpdatedV1,
  PromotionDeletedV1,
  ProcessorPurchaseReceivedV1,
  ProcessorPurchaseClaimedV1,
] as const;

/** Every rewards event, as the union of its contracts' envelopes. */
export type RewardsEvent = EventOf<(typeof domainEvents)[number]>;
export type RewardSchemeEvent = Extract<RewardsEvent, { aggregateType: 'reward_scheme' }>;
