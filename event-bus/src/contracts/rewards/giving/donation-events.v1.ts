import { z } from 'zod';
import { defineEvent, type EventOf } from '../../define-event';
import { decimalString, LIFE_CYCLE_STATES } from '../rewards-shapes';
import { REWARDS_TOPIC } from '../topics';
import {
  DONATION_AGGREGATE,
  DONATION_OFFER_AGGREGATE,
  DONATION_OFFER_TYPES,
  DONATION_OPT_IN_AGGREGATE,
  DONATION_RULES,
  DONATION_TYPES,
  GIVING_OUTCOMES,
} from './shapes';

export const DonationOfferCreatedV1 = defineEvent({
  type: 'donation_offer.created',
  schemaVersion: 1,
  aggregateType: DONATION_OFFER_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A donation offer (a charity organisation contacts can give to) was created.',
  data: z.object({
    name: z.string().min(1).max(200),
    shortDescription: z.string().nullable(),
    longDescription: z.string().nullable(),
    termsAndConditions: z.string().nullable(),
    donationType: z.enum(DONATION_TYPES),
    offerType: z.enum(DONATION_OFFER_TYPES),
    rule: z.enum(DONATION_RULES).nullable(),
    percent: decimalString.nullable(),
    termedAmount: decimalString.nullable(),
    currency: z.string().length(3),
    organisation: z.object({ id: z.string(), name: z.string() }),
    state: z.enum(LIFE_CYCLE_STATES),
  }),
});
export type DonationOfferCreatedV1 = EventOf<typeof DonationOfferCreatedV1>;

export const DonationOfferStateChangedV1 = defineEvent({
  type: 'donation_offer.state_changed',
  schemaVersion: 1,
  aggregateType: DONATION_OFFER_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A donation offer was turned on or off.',
  data: z.object({ state: z.enum(LIFE_CYCLE_STATES) }),
});
export type DonationOfferStateChangedV1 = EventOf<typeof DonationOfferStateChangedV1>;

const terms = { multiplier: z.number().int().min(1).max(100), amount: decimalString.nullable() };

export const DonationOptedInV1 = defineEvent({
  type: 'donation.opted_in',
  schemaVersion: 1,
  aggregateType: DONATION_OPT_IN_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A contact opted in to a donation offer (again, after opting out: a new opt-in date).',
  data: z.object({ contactId: z.string(), offerId: z.string(), organisationId: z.string(), optedInAt: z.string(), ...terms }),
});
export type DonationOptedInV1 = EventOf<typeof DonationOptedInV1>;

export const DonationTermsChangedV1 = defineEvent({
  type: 'donation.terms_changed',
  schemaVersion: 1,
  aggregateType: DONATION_OPT_IN_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A contact changed its multiplier or amount of a donation it is opted in to.',
  data: z.object(terms),
});
export type DonationTermsChangedV1 = EventOf<typeof DonationTermsChangedV1>;

export const DonationOptedOutV1 = defineEvent({
  type: 'donation.opted_out',
  schemaVersion: 1,
  aggregateType: DONATION_OPT_IN_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A contact opted out of a donation offer: no further donations.',
  data: z.object({ optedOutAt: z.string() }),
});
export type DonationOptedOutV1 = EventOf<typeof DonationOptedOutV1>;

export const DonationMadeV1 = defineEvent({
  type: 'donation.made',
  schemaVersion: 1,
  aggregateType: DONATION_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A donation is due (for a purchase, or a month of a termed donation): its amount is debited from the contact’s wallet once.',
  data: z.object({
    contactId: z.string(),
    optInId: z.string(),
    offerId: z.string(),
    offerName: z.string(),
    organisation: z.object({ id: z.string(), name: z.string() }),
    amount: decimalString,
    currency: z.string().length(3),
    purchaseId: z.string().nullable(),
    period: z.string().nullable(),
  }),
});
export type DonationMadeV1 = EventOf<typeof DonationMadeV1>;

export const DonationCompletedV1 = defineEvent({
  type: 'donation.completed',
  schemaVersion: 1,
  aggregateType: DONATION_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A donation was debited from the wallet (POSTED) or refused by the ledger (DECLINED: nothing moved).',
  data: z.object({ outcome: z.enum(GIVING_OUTCOMES), transactionId: z.string().nullable(), reason: z.string().nullable() }),
});
export type DonationCompletedV1 = EventOf<typeof DonationCompletedV1>;

export const DonationReversalRequestedV1 = defineEvent({
  type: 'donation.reversal_requested',
  schemaVersion: 1,
  aggregateType: DONATION_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'The purchase a posted donation was made for was cancelled: the donation is to be given back to the wallet (once).',
  data: z.object({ reason: z.string() }),
});
export type DonationReversalRequestedV1 = EventOf<typeof DonationReversalRequestedV1>;

export const DonationReversedV1 = defineEvent({
  type: 'donation.reversed',
  schemaVersion: 1,
  aggregateType: DONATION_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A donation was given back to the contact’s wallet (the ledger reversed its debit).',
  data: z.object({ transactionId: z.string().nullable() }),
});
export type DonationReversedV1 = EventOf<typeof DonationReversedV1>;
