import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { SUBSCRIPTIONS_TOPIC, USAGE_ALLOWANCE_AGGREGATE } from './topics';
import { decimalString, deviceText } from './device-shapes';

export const usageLimitsSchema = z.object({
  perTransaction: decimalString.nullable(),
  perDay: decimalString.nullable(),
  perBillingCycle: decimalString.nullable(),
});

export const UsageAllowanceSetV1 = defineEvent({
  type: 'usage.allowance_set',
  schemaVersion: 1,
  aggregateType: USAGE_ALLOWANCE_AGGREGATE,
  topic: SUBSCRIPTIONS_TOPIC,
  description:
    "A service's usage allowance was set (the whole list, replacing the previous one): per usage product, limits per transaction, per day and per billing cycle (exact decimals; null = no limit).",
  data: z.object({
    serviceId: z.uuid(),
    contactId: z.uuid(),
    subscriptionId: z.uuid(),
    allowances: z.array(z.object({ productId: deviceText(64), measurementUnit: deviceText(32).nullable(), limits: usageLimitsSchema })).max(50),
  }),
});
export type UsageAllowanceSetV1 = EventOf<typeof UsageAllowanceSetV1>;
