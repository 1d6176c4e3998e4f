import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/** Every error reason ledger-write raises besides the platform's (platform/src/errors/catalogue.ts); the REST facade maps them. */
export const errors = defineErrors('ledger-write', {
  // the code CRM.COM clients already handle for a spend the wallet cannot cover
  INSUFFICIENT_FUNDS: { code: 'VALIDATION', exception: 'CANNOTSPENDAMOUNTWALLETBALANCENOTENOUGHEXCEPTION' },
  INVALID_AMOUNT: { code: 'VALIDATION' },
  AMOUNT_NOT_POSITIVE: { code: 'VALIDATION' },
  AMOUNT_TOO_LARGE: { code: 'VALIDATION' },
  TOO_MANY_DECIMALS: { code: 'VALIDATION' },
  INVALID_CURRENCY: { code: 'VALIDATION' },
  CURRENCY_MISMATCH: { code: 'VALIDATION' },
  UNBALANCED_TRANSACTION: { code: 'VALIDATION' },
  SAME_ACCOUNT: { code: 'VALIDATION' },
  NOT_A_SYSTEM_ACCOUNT: { code: 'VALIDATION' },
  WALLET_NOT_FOUND: { code: 'NOT_FOUND' },
  LEDGER_ACCOUNT_NOT_FOUND: { code: 'NOT_FOUND' },
  RESERVATION_NOT_FOUND: { code: 'NOT_FOUND' },
  LEDGER_TRANSACTION_NOT_FOUND: { code: 'NOT_FOUND' },
  WALLET_EXISTS: { code: 'CONFLICT' },
  RESERVATION_NOT_ACTIVE: { code: 'CONFLICT' },
  ALREADY_REVERSED: { code: 'CONFLICT' },
  NOT_REVERSIBLE: { code: 'CONFLICT' },
  VERSION_CONFLICT: { code: 'CONFLICT' },
  CREDIT_LIMIT_BELOW_BALANCE: { code: 'VALIDATION' },
  PRIMARY_REQUIRED: { code: 'VALIDATION' },
  COMMERCE_POOL_NOT_FOUND: { code: 'NOT_FOUND' },
  COMMERCE_POOL_INACTIVE: { code: 'VALIDATION' },
  INVALID_VALIDITY: { code: 'VALIDATION' },
  WALLET_LIMIT_EXCEEDED: { code: 'VALIDATION' },
  // flow 16: wallet identities and links
  WALLET_IDENTITY_TAKEN: { code: 'CONFLICT' },
  WALLET_ALREADY_LINKED: { code: 'CONFLICT' },
  WALLET_NOT_EMPTY: { code: 'CONFLICT' },
  INVALID_OTP: { code: 'VALIDATION' },
  WALLET_OTP_RATE_LIMITED: { code: 'RATE_LIMITED' },
});

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
