import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { LEDGER_ACCOUNT_AGGREGATE, LEDGER_TOPIC } from './topics';
import { currencySchema, positiveMinorSchema, RELEASE_OUTCOMES } from './ledger-shapes';

export const LedgerAccountReservationReleasedV1 = defineEvent({
  type: 'ledger_account.reservation_released',
  schemaVersion: 1,
  aggregateType: LEDGER_ACCOUNT_AGGREGATE,
  topic: LEDGER_TOPIC,
  description:
    'A reservation stopped blocking funds: RELEASED by its owner, CAPTURED (the capture posting follows in the same transaction) or EXPIRED by the schedule; `blocked` is the total blocked after it.',
  data: z.object({
    reservationId: z.uuid(),
    amount: positiveMinorSchema,
    currency: currencySchema,
    blocked: positiveMinorSchema,
    outcome: z.enum(RELEASE_OUTCOMES),
  }),
});
export type LedgerAccountReservationReleasedV1 = EventOf<typeof LedgerAccountReservationReleasedV1>;
