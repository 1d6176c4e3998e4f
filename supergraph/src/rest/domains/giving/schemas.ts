import { z } from 'zod';
import { epoch, pagingResponse } from '../../kit/response-schemas';

const named = z.strictObject({ id: z.string(), name: z.string() });
const DONATION_TYPE = z.enum(['PER_TRANSACTION', 'TERMED', 'VARIABLE']);
const OFFER_TYPE = z.enum(['GIFT', 'DISCOUNT', 'BUNDLE', 'ONE_OFF']);
const currency = z.string().regex(/^[A-Z]{3}$/);

export const donationOfferSummary = z.strictObject({
  id: z.string(),
  name: z.string(),
  donation_type: DONATION_TYPE,
  type: OFFER_TYPE,
  termed_amount: z.number().optional(),
});
export const donationOfferListResponse = z.strictObject({ paging: pagingResponse, content: z.array(donationOfferSummary) });

export const donationOfferResponse = z.strictObject({
  id: z.string(),
  name: z.string(),
  short_description: z.string().optional(),
  long_description: z.string().optional(),
  terms_and_conditions: z.string().optional(),
  donation_type: DONATION_TYPE,
  type: OFFER_TYPE,
  termed_amount: z.number().optional(),
  charity_organisation: named,
});

export const donationOrganisationListResponse = z.strictObject({ content: z.array(named) });

export const contactDonationResponse = z.strictObject({
  id: z.string(),
  opted_in: epoch,
  opted_out: epoch.optional(),
  donations: z.int().min(0),
  amount: z.number(),
  currency_code: currency.optional(),
  donation_offer: named,
  organisation: named.optional(),
  details: z.strictObject({ multiplier: z.int(), amount: z.number().optional() }),
});
export const contactDonationListResponse = z.strictObject({ paging: pagingResponse, content: z.array(contactDonationResponse) });

export const donationHistoryItem = z.strictObject({
  amount: z.number(),
  currency_code: currency,
  donation_offer: named,
  organisation: named,
  date: epoch,
});
export const donationHistoryResponse = z.strictObject({ paging: pagingResponse, content: z.array(donationHistoryItem) });

export const createdResponse = z.strictObject({ id: z.string() });

/** Back-Office: a donation offer as staff see it (with its rule, state and dates). */
export const backOfficeDonationOfferResponse = z.strictObject({
  id: z.string(),
  name: z.string(),
  short_description: z.string().optional(),
  long_description: z.string().optional(),
  terms_and_conditions: z.string().optional(),
  donation_type: DONATION_TYPE,
  type: OFFER_TYPE,
  rule: z.enum(['ROUND_UP', 'PERCENT']).optional(),
  percent: z.number().optional(),
  termed_amount: z.number().optional(),
  currency_code: currency,
  charity_organisation: named,
  state: z.enum(['ACTIVE', 'INACTIVE']),
  created_date: epoch,
  updated_date: epoch,
});
export const backOfficeDonationOfferListResponse = z.strictObject({ paging: pagingResponse, content: z.array(backOfficeDonationOfferResponse) });
