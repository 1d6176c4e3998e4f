import { z } from 'zod';

export const PAYMENT_METHOD_TYPES = ['CARD', 'ACCOUNT_DEBIT', 'WALLET'] as const;
export const CARD_BRANDS = [
  'VISA',
  'MASTERCARD',
  'AMERICANEXPRESS',
  'DINERSCLUB',
  'DISCOVER',
  'JCB',
  'MAESTRO',
  'UNIONPAY',
  'VERVE',
  'UNKNOWN',
] as const;
export const GATEWAYS = ['TEST', 'STRIPE', 'JCC', 'JCC_MERCHANT', 'SETTLE'] as const;

/** A gateway's token for a stored method: the only way a card is known (never its number). */
export const gatewayTokenSchema = z.strictObject({ gateway: z.enum(GATEWAYS), token: z.string().min(1).max(255) });

/** What is kept of a card: first six and last four digits, brand and expiry (PCI: never the number). */
export const cardSchema = z.strictObject({
  name: z.string().max(100).nullable(),
  first6: z.string().regex(/^\d{6}$/),
  last4: z.string().regex(/^\d{4}$/),
  brand: z.enum(CARD_BRANDS),
  fundingType: z.string().max(20).nullable(),
  expirationMonth: z.int().min(1).max(12),
  expirationYear: z.int().min(2000).max(2100),
  holderName: z.string().max(100).nullable(),
});

export const accountDebitSchema = z.strictObject({
  accountName: z.string().max(100).nullable(),
  ibanLast4: z.string().max(4).nullable(),
  bank: z.string().max(100).nullable(),
});

export const walletMethodSchema = z.strictObject({ email: z.string().max(200).nullable() });

export const paymentMethodSchema = z.strictObject({
  id: z.uuid(),
  type: z.enum(PAYMENT_METHOD_TYPES),
  name: z.string().max(100).nullable(),
  notes: z.string().max(500).nullable(),
  card: cardSchema.nullable(),
  accountDebit: accountDebitSchema.nullable(),
  wallet: walletMethodSchema.nullable(),
  gatewayTokens: z.array(gatewayTokenSchema).max(5),
});

/** Decimal string in minor-unit-exact form, e.g. "12.50". */
export const decimalSchema = z.string().regex(/^\d+(\.\d+)?$/);
