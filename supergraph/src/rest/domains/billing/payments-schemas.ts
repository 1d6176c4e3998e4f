import { z } from 'zod';
import { pagingResponse } from '../../kit/response-schemas';

/** POST /self-service/v2/payments (the contract's body; `id`, `type_id`, dates, `state`, `client_secret`, `invoices_paid`, `external_payable`, `custom_fields` accepted). */
export const paymentBody = z.strictObject({
  id: z.string().max(64).optional(),
  account_id: z.string().min(1).max(64),
  type_id: z.string().max(64).optional(),
  posted_date: z.int().optional(),
  issued_date: z.int().optional(),
  notes: z.string().max(500).optional(),
  state: z.enum(['DRAFT', 'POSTED']).optional(),
  code: z.string().min(1).max(64).optional(),
  client_secret: z.string().max(255).optional(),
  amount: z.number(),
  currency_code: z.string().length(3).optional(),
  contact_id: z.string().max(64).optional(),
  payment_method: z.strictObject({
    id: z.string().max(64).optional(),
    type: z.enum(['CARD', 'ACCOUNT', 'ACCOUNT_DEBIT', 'PHONE', 'TOKEN', 'WALLET', 'CRM_WALLET', 'ONE_TIME_CARD_PAYMENT']).optional(),
  }),
  invoices_paid: z
    .array(z.strictObject({ id: z.string().max(64) }))
    .max(100)
    .optional(),
  external_payable: z
    .array(z.strictObject({ reference: z.string().max(100) }))
    .max(100)
    .optional(),
  custom_fields: z
    .array(z.strictObject({ key: z.string().max(100), value: z.string().max(500) }))
    .max(50)
    .optional(),
});

/** POST /self-service/v2/payouts (the contract's body). */
export const payoutBody = z.strictObject({
  wallet_id: z.string().min(1).max(64).optional(),
  amount: z.number(),
  payment_method: z.strictObject({
    id: z.string().min(1).max(64),
    type: z.enum([
      'CASH',
      'CARD',
      'ACCOUNT',
      'ACCOUNT_DEBIT',
      'WALLET',
      'SETTLE',
      'CHEQUE',
      'ELECTRONIC_TRANSFER',
      'CRM_WALLET',
      'ONE_TIME_CARD_PAYMENT',
    ]),
  }),
  notes: z.string().max(500).optional(),
});

/** POST /self-service/v2/contacts/{id}/intents (the contract's body). */
export const intentBody = z.strictObject({
  integration_id: z.string().max(64).optional(),
  payment_method_id: z.string().max(64).optional(),
  payment_method_type: z.enum(['CASH', 'CARD', 'ACCOUNT', 'PHONE', 'A2A', 'ONE_TIME_CARD_PAYMENT']).optional(),
  payment_gateway: z.string().max(50).optional(),
  capture: z.enum(['AUTOMATIC', 'ON_HOLD']).optional(),
  amount: z.number(),
  currency_code: z.string().length(3),
  statement_info: z.string().max(200).optional(),
});

export const intentResponse = z.strictObject({
  client_secret: z.string(),
  state: z.enum(['REQUIRES_CAPTURING', 'REJECTED', 'COMPLETED', 'PENDING', 'CANCELLED']),
  parameters: z.array(z.strictObject({ key: z.string(), value: z.string() })),
});

/** POST /backoffice/v2/payments/{id}/refunds. */
export const refundBody = z.strictObject({ amount: z.number().optional(), notes: z.string().max(500).optional() });
/** POST /backoffice/v2/payments/{id}/void. */
export const voidBody = z.strictObject({ notes: z.string().max(500).optional() });

const refundOut = z.strictObject({
  id: z.string(),
  amount: z.number(),
  void: z.boolean(),
  gateway_reference: z.string(),
  ledger_transaction_id: z.string(),
  notes: z.string().optional(),
  created_date: z.int(),
});

/** A payment or payout as the Back-Office reads it. */
export const backOfficePaymentResponse = z.strictObject({
  id: z.string(),
  state: z.string(),
  contact_id: z.string(),
  account_id: z.string().optional(),
  wallet_id: z.string().optional(),
  payment_method_id: z.string().optional(),
  gateway: z.string(),
  amount: z.number(),
  currency_code: z.string(),
  code: z.string().optional(),
  notes: z.string().optional(),
  intent_id: z.string().optional(),
  gateway_reference: z.string().optional(),
  failure: z.strictObject({ code: z.string(), reason: z.string() }).optional(),
  ledger_transaction_id: z.string().optional(),
  refunded_amount: z.number(),
  refunds: z.array(refundOut),
  created_date: z.int(),
  updated_date: z.int(),
});

export const backOfficePaymentListResponse = z.strictObject({ paging: pagingResponse, content: z.array(backOfficePaymentResponse) });
