import { z } from 'zod';
import { epoch, pagingResponse } from '../../kit/response-schemas';

/** Shapes shared by the ledger resources (the contract's where it has them). */
const currency = z.string().regex(/^[A-Z]{3}$/);

export const selfServiceWalletFields = {
  id: z.string(),
  code: z.string().describe('16 digits'),
  balances: z.array(
    z.strictObject({
      type: z.enum(['CRM', 'BUSINESS']).describe('CRM: the contact’s own money (OPEN pocket); BUSINESS: store credit, with commerce pools'),
      currency_code: currency,
      open: z.number(),
      commerce: z.number(),
      total: z.number(),
    }),
  ),
  total_open: z.number(),
  total_commerce: z.number(),
  total_balance: z.number(),
  activated_commerce_pools: z.int().min(0),
};

/** GET /self-service/v2/wallets/{id}. */
export const selfServiceWalletResponse = z.strictObject(selfServiceWalletFields);

const journalFields = {
  id: z.string().describe('The transaction id'),
  type: z.enum(['CREDIT', 'DEBIT']),
  transaction_type: z.string(),
  amount: z.number().describe('Major units, positive'),
  currency: currency,
  posted_on: epoch,
  description: z.string().optional(),
};

export const selfServiceJournalResponse = z.strictObject(journalFields);
export const selfServiceJournalListResponse = z.strictObject({ paging: pagingResponse, content: z.array(selfServiceJournalResponse) });

export const backOfficeJournalResponse = z.strictObject({
  ...journalFields,
  currency_code: currency,
  account_id: z.string(),
  wallet_id: z.string().optional(),
  contact_id: z.string().optional(),
  balance_after: z.number(),
  reference: z.string().optional(),
  reverses_id: z.string().optional(),
});
export const backOfficeJournalListResponse = z.strictObject({ paging: pagingResponse, content: z.array(backOfficeJournalResponse) });
export const backOfficeTransactionResponse = z.strictObject({
  id: z.string(),
  transaction_type: z.string(),
  posted_on: epoch,
  entries: z.array(backOfficeJournalResponse),
});

export const backOfficeWalletResponse = z.strictObject({
  ...selfServiceWalletFields,
  contact_id: z.string(),
  currency_code: currency,
  created_date: epoch,
  pockets: z.array(
    z.strictObject({
      account_id: z.string(),
      pocket: z.enum(['OPEN', 'BUSINESS', 'COMMERCE']),
      commerce_pool_id: z.string().optional(),
      currency_code: currency,
      balance: z.number(),
      blocked: z.number(),
      available: z.number(),
    }),
  ),
});
export const backOfficeWalletListResponse = z.strictObject({ paging: pagingResponse, content: z.array(backOfficeWalletResponse) });

/** The 400 of routes that move value: the kit's invalid input, plus the CRM.COM exception clients handle for insufficient funds. */
export const SPEND_BAD_REQUEST = 'SpendBadRequest';
export const spendBadRequestResponse = {
  description:
    'Invalid input (CRM.EXCEPTIONS.INVALIDVALUEEXCEPTION, `field` names it: an amount <= 0 or with too many decimals for the currency, a currency the wallet does not hold…), or the balance cannot cover the amount (CRM.EXCEPTIONS.CANNOTSPENDAMOUNTWALLETBALANCENOTENOUGHEXCEPTION). Nothing moves.',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};
