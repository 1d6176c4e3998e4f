import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/** Every error reason orders-write raises besides the platform's (platform/src/errors/catalogue.ts); the REST facade maps them. */
export const errors = defineErrors('orders-write', {
  ORDER_NOT_FOUND: { code: 'NOT_FOUND' },
  ORDER_ESTIMATE_NOT_FOUND: { code: 'NOT_FOUND' },
  ACCOUNT_NOT_FOUND: { code: 'NOT_FOUND' },
  ORDER_EXISTS: { code: 'CONFLICT' },
  ORDER_ESTIMATE_EXISTS: { code: 'CONFLICT' },
  ORDER_ESTIMATE_ALREADY_ORDERED: { code: 'CONFLICT' },
  ORDER_ESTIMATE_EXPIRED: { code: 'CONFLICT' },
  ORDER_ESTIMATE_EMPTY: { code: 'CONFLICT' },
  ORDER_TRANSITION_NOT_ALLOWED: { code: 'CONFLICT' },
  ORDER_ACTION_NOT_ALLOWED: { code: 'FORBIDDEN' },
  WALLET_FUNDS_NOT_CAPTURED: { code: 'CONFLICT' },
  LEDGER_UNAVAILABLE: { code: 'UNAVAILABLE' },
  VERSION_CONFLICT: { code: 'CONFLICT' },
});

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
