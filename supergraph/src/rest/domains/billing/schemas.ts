import { z } from 'zod';
import { pagingResponse } from '../../kit/response-schemas';

/** Case-insensitive enum (`visa` is read as `VISA`). */
const upper = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(50)
    .transform((v) => v.trim().toUpperCase())
    .pipe(z.enum(values, { error: `must be one of ${values.join(', ')}` }));

const gatewayToken = z.strictObject({
  id: z.string().max(64).optional(),
  gateway: upper(['TEST', 'STRIPE', 'JCC', 'JCC_MERCHANT', 'SETTLE']).nullable().optional(),
  token: z.string().min(1).max(255),
  alternative_token: z.string().max(255).optional(),
  integration_id: z.string().max(64).nullable().optional(),
});

const holderDetails = z.strictObject({
  card_holder_name: z.string().max(100),
  address_line_1: z.string().max(200).nullable().optional(),
  address_line_2: z.string().max(200).nullable().optional(),
  address_city: z.string().max(100).nullable().optional(),
  address_zip: z.string().max(20).nullable().optional(),
  address_state: z.string().max(100).nullable().optional(),
  address_country: z.string().max(3).nullable().optional(),
  use_billing_address: z.boolean().nullable().optional(),
});

/** A card as the contract sends it: first6 / last4 / brand / expiry and gateway tokens (a card number anywhere is refused). */
const card = z.strictObject({
  id: z.string().max(64).optional(),
  name: z.string().max(100).nullable().optional(),
  first6: z.string().regex(/^\d{6}$/, 'must be the first 6 digits of the card'),
  last4: z.string().regex(/^\d{4}$/, 'must be the last 4 digits of the card'),
  brand: upper(['VISA', 'MASTERCARD', 'AMERICANEXPRESS', 'DINERSCLUB', 'DISCOVER', 'JCB', 'MAESTRO', 'UNIONPAY', 'VERVE', 'UNKNOWN'])
    .nullable()
    .optional(),
  funding_type: z.string().max(20).nullable().optional(),
  expiration_month: z.int().min(1).max(12),
  expiration_year: z.int().min(2000).max(2100),
  country_of_issue: z.string().max(3).nullable().optional(),
  card_holder_details: holderDetails.nullable().optional(),
  gateway_token: z.array(gatewayToken).min(1).max(5),
});

const accountDebit = z.strictObject({
  account_name: z.string().max(100).optional(),
  account_number: z.string().max(64).nullable().optional(),
  iban: z.string().max(64).nullable().optional(),
  sort_code: z.string().max(20).nullable().optional(),
  routing_number: z.string().max(20).nullable().optional(),
  bank: z.string().max(100).nullable().optional(),
  bank_code: z.string().max(20).nullable().optional(),
  branch: z.string().max(100).nullable().optional(),
  swift: z.string().max(20).nullable().optional(),
  account_type: upper(['SAVINGS', 'CHECKING', 'BUSINESS_CHECKING']).optional(),
  gateway_token: z.array(gatewayToken).max(5).optional(),
  country: z.string().max(3).optional(),
  currency: z.string().max(3).optional(),
});

const wallet = z.strictObject({
  email: z.string().max(200).nullable().optional(),
  name: z.string().max(100).nullable().optional(),
  gateway_token: z.array(gatewayToken).max(5).optional(),
});

/** POST /self-service/v2/contacts/{id}/payment_methods (the contract's body). */
export const addPaymentMethodBody = z.strictObject({
  id: z.string().max(64).optional(),
  contact_id: z.string().max(64).optional(),
  name: z.string().max(100).optional(),
  is_primary: z.boolean().nullable().optional(),
  payment_method_type: upper(['CARD', 'ACCOUNT_DEBIT', 'WALLET']),
  notes: z.string().max(500).nullable().optional(),
  card: card.nullable().optional(),
  wallet: wallet.nullable().optional(),
  account_debit: accountDebit.nullable().optional(),
});

/** PUT /self-service/v2/contacts/{id}/payment_methods/{payment_method_id} (the contract's body). */
export const updatePaymentMethodBody = z.strictObject({
  name: z.string().max(100).optional(),
  is_primary: z.boolean().optional(),
  notes: z.string().max(500).optional(),
  card: z
    .strictObject({
      exp_month: z.int().min(1).max(12).nullable().optional(),
      exp_year: z.int().min(2000).max(2100).nullable().optional(),
      alternative_token: z.string().max(255).nullable().optional(),
      integration_id: z.string().max(64).nullable().optional(),
    })
    .optional(),
});

/** POST /self-service/v2/topups (the contract's body; `id`, `code`, `topup_date`, `client_secret`, `custom_fields` accepted and not used). */
export const topupBody = z.strictObject({
  id: z.string().max(64).optional(),
  wallet_id: z.string().min(1).max(64),
  topup_date: z.int().optional(),
  amount: z.number(),
  code: z.string().max(64).optional(),
  payment_method: z
    .strictObject({ id: z.string().max(64).optional(), type: upper(['ACCOUNT_DEBIT', 'CARD', 'A2A', 'WALLET', 'ONE_TIME_CARD_PAYMENT']).optional() })
    .optional(),
  client_secret: z.string().max(255).optional(),
  commerce_pool_id: z.string().max(64).optional(),
  custom_fields: z
    .array(z.strictObject({ key: z.string().max(100), value: z.string().max(500) }))
    .max(50)
    .optional(),
  notes: z.string().max(500).nullable().optional(),
});

const tokenOut = z.strictObject({ gateway: z.string(), token: z.string() });

/** One payment method in the list (the contract's item; absent values omitted). */
export const paymentMethodResponse = z.strictObject({
  id: z.string(),
  is_primary: z.boolean(),
  is_rewards: z.boolean(),
  payment_method_type: z.enum(['CARD', 'ACCOUNT_DEBIT', 'WALLET']),
  classification: z.enum(['CONTACT', 'WALLET']),
  name: z.string().optional(),
  notes: z.string().optional(),
  card: z
    .strictObject({
      name: z.string().optional(),
      first6: z.string(),
      last4: z.string(),
      brand: z.string(),
      funding_type: z.string().optional(),
      expiration_month: z.int(),
      expiration_year: z.int(),
      card_holder_details: z.strictObject({ card_holder_name: z.string() }).optional(),
      gateway_token: z.array(tokenOut),
    })
    .optional(),
  account_debit: z
    .strictObject({ account_name: z.string().optional(), iban: z.string().optional(), bank: z.string().optional(), gateway_token: z.array(tokenOut) })
    .optional(),
  wallet: z.strictObject({ email: z.string().optional(), gateway_token: z.array(tokenOut) }).optional(),
});

export const paymentMethodListResponse = z.strictObject({ paging: pagingResponse, content: z.array(paymentMethodResponse) });
