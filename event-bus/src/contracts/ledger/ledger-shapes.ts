import { z } from 'zod';

/** ISO-4217 alpha-3 code (points use a code of their own, e.g. `PTS`). */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/);
/** An exact amount in the currency's minor units, as a signed integer string (never a float). */
export const minorSchema = z.string().regex(/^-?\d{1,19}$/);
/** An exact non-negative amount in minor units. */
export const positiveMinorSchema = z.string().regex(/^\d{1,19}$/);

export const ACCOUNT_KINDS = ['WALLET_POCKET', 'CONTACT_ACCOUNT', 'SYSTEM'] as const;
/** CRM.COM's pockets: OPEN = the contact's own money (CRMCOM), BUSINESS = store credit, COMMERCE = per commerce pool. */
export const POCKETS = ['OPEN', 'BUSINESS', 'COMMERCE'] as const;
export const SYSTEM_ACCOUNTS = ['REWARDS_LIABILITY', 'TOPUP_CLEARING', 'PAYOUT_CLEARING', 'REVENUE', 'WRITE_OFF', 'EXPIRY'] as const;
export const TRANSACTION_TYPES = [
  'CREDIT',
  'DEBIT',
  'TRANSFER',
  'CAPTURE',
  'REVERSAL',
  'EXPIRY',
  'MANUAL_JOURNAL',
  'TOP_UP',
  'PAYOUT',
  'PAYMENT',
  'REFUND',
  'AWARD',
  'SPEND',
  // billing's documents on a contact's account
  'INVOICE',
  'CREDIT_NOTE',
] as const;
export const RELEASE_OUTCOMES = ['RELEASED', 'CAPTURED', 'EXPIRED'] as const;

export const lotSchema = z.object({
  id: z.uuid(),
  amount: positiveMinorSchema,
  expiresAt: z.iso.datetime().nullable(),
  unlockAt: z.iso.datetime().nullable(),
});
