import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { PROVISIONING_COMMAND_AGGREGATE, SUBSCRIPTIONS_TOPIC } from './topics';

export const PROVISIONING_ANSWERS = ['COMPLETED', 'REJECTED', 'IGNORED'] as const;

export const ProvisioningCommandAnsweredV1 = defineEvent({
  type: 'provisioning.command_answered',
  schemaVersion: 1,
  aggregateType: PROVISIONING_COMMAND_AGGREGATE,
  topic: SUBSCRIPTIONS_TOPIC,
  description:
    "The provisioning integration answered a service command: COMPLETED, REJECTED (with its reason) or IGNORED; the service shows its last command's state.",
  data: z.object({ serviceId: z.uuid(), state: z.enum(PROVISIONING_ANSWERS), reason: z.string().max(256).nullable() }),
});
export type ProvisioningCommandAnsweredV1 = EventOf<typeof ProvisioningCommandAnsweredV1>;
