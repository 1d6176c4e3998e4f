import { z } from 'zod';
import { guid } from '../../kit/body';
import { amount } from '../rewards/bodies';

const text = (max: number) => z.string().max(max);

/** POST /self-service/v2/referrals. */
export const referralBody = z.strictObject({ code: z.string().min(1).max(32).describe('The referral code the new contact registered with.') });

/** POST /self-service/v2/referrals/actions. `contact_id` only for a secret key (a contact invites as itself). */
export const referralActionBody = z.strictObject({
  action: z.string().max(20).describe('SEND.'),
  recipients: z.array(z.string().max(320)).max(20).describe('Email addresses or phone numbers (1 to 20).'),
  contact_id: guid.optional().describe('The referrer, when a secret key sends (a contact sends as itself).'),
});

/** POST and PUT /self-service/v2/contacts/{id}/donations[/{donation_id}]. */
export const donationOptInBody = z.strictObject({
  donation_offer_id: guid,
  multiplier: z.int().min(1).max(100).optional().describe('Multiplies the round-up, percentage or termed amount (default 1).'),
  amount: amount.optional().describe('VARIABLE offers: the amount given on each purchase.'),
});

/** POST /backoffice/v2/donation_offers. */
export const createDonationOfferBody = z.strictObject({
  name: text(200),
  short_description: text(1000).optional(),
  long_description: text(10_000).optional(),
  terms_and_conditions: text(10_000).optional(),
  donation_type: z.enum(['PER_TRANSACTION', 'TERMED', 'VARIABLE']),
  type: z.enum(['GIFT', 'DISCOUNT', 'BUNDLE', 'ONE_OFF']).optional(),
  rule: z
    .enum(['ROUND_UP', 'PERCENT'])
    .optional()
    .describe('PER_TRANSACTION: round the purchase up to the next whole unit, or give a percentage of its net.'),
  percent: amount.optional().describe('PERCENT: above 0 and at most 100.'),
  termed_amount: amount.optional().describe('TERMED: the amount given each month.'),
  currency_code: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  charity_organisation: z.strictObject({ id: text(100).min(1), name: text(200).optional() }),
  state: z.enum(['ACTIVE', 'INACTIVE']).optional(),
});
