import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { BILLING_TOPIC, TOPUP_AGGREGATE } from './topics';

export const TopupChargedV1 = defineEvent({
  type: 'topup.charged',
  schemaVersion: 1,
  aggregateType: TOPUP_AGGREGATE,
  topic: BILLING_TOPIC,
  description: 'The gateway charged the payment method for the top-up (its charge reference).',
  data: z.strictObject({ chargeId: z.string().min(1).max(255) }),
});
export type TopupChargedV1 = EventOf<typeof TopupChargedV1>;
