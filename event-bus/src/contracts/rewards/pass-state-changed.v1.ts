import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { REWARDS_TOPIC } from './topics';
import { PASS_AGGREGATE } from './passes-shapes';

export const PassStateChangedV1 = defineEvent({
  type: 'pass.state_changed',
  schemaVersion: 1,
  aggregateType: PASS_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A pass was cancelled (it can no longer be redeemed) or re-activated.',
  data: z.object({ state: z.enum(['ACTIVE', 'CANCELLED']) }),
});
export type PassStateChangedV1 = EventOf<typeof PassStateChangedV1>;
