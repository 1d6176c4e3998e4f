import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/** Every error reason billing-write raises besides the platform's (platform/src/errors/catalogue.ts); the REST facade maps them. */
export const errors = defineErrors('billing-write', {
  // invoicing: invoices, credit notes, billing runs
  INVOICE_NOT_FOUND: { code: 'NOT_FOUND' },
  BILLING_RUN_NOT_FOUND: { code: 'NOT_FOUND' },
  STATEMENT_NOT_FOUND: { code: 'NOT_FOUND' },
  INVOICE_VOIDED: { code: 'VALIDATION' },
  AMOUNT_ABOVE_INVOICE: { code: 'VALIDATION' },
  INVOICE_NOT_POSTED: { code: 'CONFLICT' },
  PRODUCT_NOT_FOUND: { code: 'VALIDATION' },
  CARD_NUMBER_REFUSED: { code: 'VALIDATION' },
  CARD_EXPIRED: { code: 'VALIDATION' },
  PAYMENT_DECLINED: { code: 'VALIDATION' },
  PAYMENT_METHOD_NOT_USABLE: { code: 'VALIDATION' },
  INVALID_AMOUNT: { code: 'VALIDATION' },
  PAYMENT_METHOD_NOT_FOUND: { code: 'NOT_FOUND' },
  PAYMENT_METHODS_NOT_FOUND: { code: 'NOT_FOUND' },
  TOPUP_NOT_FOUND: { code: 'NOT_FOUND' },
  WALLET_NOT_FOUND: { code: 'NOT_FOUND' },
  CONTACT_NOT_FOUND: { code: 'NOT_FOUND' },
  PAYMENT_METHOD_EXISTS: { code: 'CONFLICT' },
  TOPUP_STATE: { code: 'CONFLICT' },
  VERSION_CONFLICT: { code: 'CONFLICT' },
  GATEWAY_UNAVAILABLE: { code: 'UNAVAILABLE' },
  GATEWAY_TIMEOUT: { code: 'UNAVAILABLE' },
  LEDGER_UNAVAILABLE: { code: 'UNAVAILABLE' },
});

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
