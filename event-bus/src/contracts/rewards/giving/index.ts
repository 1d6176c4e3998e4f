import { ReferralAwardCompletedV1, ReferralInvitationDeliveredV1, ReferralInvitationsSentV1, ReferralRecordedV1 } from './referral-events.v1';
import {
  DonationCompletedV1,
  DonationMadeV1,
  DonationOfferCreatedV1,
  DonationOfferStateChangedV1,
  DonationOptedInV1,
  DonationOptedOutV1,
  DonationReversalRequestedV1,
  DonationReversedV1,
  DonationTermsChangedV1,
} from './donation-events.v1';

export * from './shapes';
export * from './referral-events.v1';
export * from './donation-events.v1';

/** The referral and donation events of the rewards domain (part of its `domainEvents`). */
export const givingEvents = [
  ReferralRecordedV1,
  ReferralAwardCompletedV1,
  ReferralInvitationsSentV1,
  ReferralInvitationDeliveredV1,
  DonationOfferCreatedV1,
  DonationOfferStateChangedV1,
  DonationOptedInV1,
  DonationTermsChangedV1,
  DonationOptedOutV1,
  DonationMadeV1,
  DonationCompletedV1,
  DonationReversalRequestedV1,
  DonationReversedV1,
] as const;
