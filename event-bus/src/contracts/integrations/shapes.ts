import { z } from 'zod';

export const MAX_URL_LENGTH = 2000;
export const MAX_EVENT_TYPES = 100;
export const MAX_DESCRIPTION_LENGTH = 500;

/** What an endpoint's events say about it: never its secrets. */
export const endpointSettings = z.object({
  url: z.string().min(1).max(MAX_URL_LENGTH),
  /** Event types delivered to it (`*` = every type it may receive). */
  events: z.array(z.string().min(1).max(200)).min(1).max(MAX_EVENT_TYPES),
  description: z.string().max(MAX_DESCRIPTION_LENGTH).nullable(),
  enabled: z.boolean(),
});

export const MAX_CONDITIONS = 20;
export const MAX_ACTIONS = 10;

/** The operators of an automation condition (CRM.COM's filters). */
export const CONDITION_OPERATORS = ['EQUALS', 'NOT_EQUALS', 'CONTAINS', 'STARTS_WITH', 'ENDS_WITH', 'GT', 'GTE', 'LT', 'LTE', 'IN'] as const;
/** The action types an automation may run (CRM.COM's categories; COMMUNICATION and APPROVAL are refused until their domains exist). */
export const ACTION_TYPES = ['WEBHOOK', 'ACTIVITY', 'ADAPTER'] as const;
export const ADAPTER_KINDS = ['SENDGRID', 'MIXPANEL', 'GA4', 'TWILIO'] as const;

const scalar = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

/** One filter: `field` (a dot path into the event's data) compared to `value`. */
export const automationCondition = z.object({
  field: z.string().min(1).max(200),
  operator: z.enum(CONDITION_OPERATORS),
  value: z.union([scalar, z.array(scalar).max(100)]),
});

/** One action, run once per matching event, in order. */
export const automationAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('WEBHOOK'), webhookId: z.guid() }),
  z.object({
    type: z.literal('ACTIVITY'),
    name: z.string().min(1).max(200),
    description: z.string().max(2000).nullable(),
    dueInDays: z.number().int().min(0).max(365).nullable(),
  }),
  z.object({
    type: z.literal('ADAPTER'),
    adapter: z.enum(ADAPTER_KINDS),
    /** Provider-specific fields (email template, SMS text, analytics event name), never credentials. */
    params: z.record(z.string(), z.string().max(2000)),
  }),
]);

/** What an automation's events say about it. */
export const automationSettings = z.object({
  name: z.string().min(1).max(200),
  /** The event type that triggers it (e.g. contact.created). */
  event: z.string().min(1).max(200),
  conditions: z.array(automationCondition).max(MAX_CONDITIONS),
  actions: z.array(automationAction).min(1).max(MAX_ACTIONS),
  enabled: z.boolean(),
});

/** An adapter's settings as its events carry them: never its credentials (those are sealed beside the state). */
export const adapterSettings = z.object({
  kind: z.enum(ADAPTER_KINDS),
  /** Non-secret settings: base_url, from_email, from_number, measurement_id … */
  settings: z.record(z.string(), z.string().max(500)),
});
