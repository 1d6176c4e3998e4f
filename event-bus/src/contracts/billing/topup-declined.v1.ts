import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { BILLING_TOPIC, TOPUP_AGGREGATE } from './topics';

export const TopupDeclinedV1 = defineEvent({
  type: 'topup.declined',
  schemaVersion: 1,
  aggregateType: TOPUP_AGGREGATE,
  topic: BILLING_TOPIC,
  description: 'The gateway declined the charge: nothing moved.',
  data: z.strictObject({ code: z.string().min(1).max(100), reason: z.string().min(1).max(500) }),
});
export type TopupDeclinedV1 = EventOf<typeof TopupDeclinedV1>;
