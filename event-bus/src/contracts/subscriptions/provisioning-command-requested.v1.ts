import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { PROVISIONING_COMMAND_AGGREGATE, SUBSCRIPTIONS_TOPIC } from './topics';
import { deviceText } from './device-shapes';

export const PROVISIONING_COMMAND_CODES = ['REFRESH', 'RESET_PIN'] as const;

/** The commands a provisioning integration takes, with their metadata attributes (GET /provisioning/service_commands). */
export const SERVICE_COMMANDS = [
  { code: 'REFRESH', name: 'Refresh the service on its devices', attributes: [] },
  { code: 'RESET_PIN', name: 'Reset the PIN of the service', attributes: [{ key: 'pin', label: 'New PIN', type: 'TEXT', mandatory: true }] },
] as const;

export const ProvisioningCommandRequestedV1 = defineEvent({
  type: 'provisioning.command_requested',
  schemaVersion: 1,
  aggregateType: PROVISIONING_COMMAND_AGGREGATE,
  topic: SUBSCRIPTIONS_TOPIC,
  description:
    "A service command was sent to a provisioning integration (state PENDING): the integration's plugin consumes this event, carries the command out and answers (provisioning.command_answered).",
  data: z.object({
    serviceId: z.uuid(),
    subscriptionId: z.uuid(),
    contactId: z.uuid(),
    integrationId: deviceText(64),
    code: z.enum(PROVISIONING_COMMAND_CODES),
    metadata: z.array(z.object({ key: deviceText(64), value: z.string().max(1024) })).max(20),
  }),
});
export type ProvisioningCommandRequestedV1 = EventOf<typeof ProvisioningCommandRequestedV1>;
