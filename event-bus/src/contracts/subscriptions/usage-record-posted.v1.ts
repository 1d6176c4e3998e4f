import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { SUBSCRIPTIONS_TOPIC, USAGE_RECORD_AGGREGATE } from './topics';
import { decimalString, deviceText } from './device-shapes';
import { isoDateTime } from './subscription-shapes';

export const USAGE_BILLING_DIRECTIVES = ['TO_BE_BILLED', 'NOT_TO_BE_BILLED', 'TO_BE_CREDITED'] as const;

export const UsageRecordPostedV1 = defineEvent({
  type: 'usage.record_posted',
  schemaVersion: 1,
  aggregateType: USAGE_RECORD_AGGREGATE,
  topic: SUBSCRIPTIONS_TOPIC,
  description:
    "A usage detail record was posted against a contact's EFFECTIVE service: what was used (an exact decimal amount of a usage product), when, and what it was charged.",
  data: z.object({
    contactId: z.uuid(),
    subscriptionId: z.uuid(),
    serviceId: z.uuid(),
    usageProductId: deviceText(64),
    usageAmount: decimalString,
    measurementUnit: deviceText(32).nullable(),
    usageTimestamp: isoDateTime,
    chargedAmount: decimalString.nullable(),
    currencyCode: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .nullable(),
    billingDirective: z.enum(USAGE_BILLING_DIRECTIVES),
  }),
});
export type UsageRecordPostedV1 = EventOf<typeof UsageRecordPostedV1>;
