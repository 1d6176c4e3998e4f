import { z } from 'zod';
import { epoch, pagingResponse } from '../../kit/response-schemas';

const scalar = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

export const OPERATORS = ['EQUALS', 'NOT_EQUALS', 'CONTAINS', 'STARTS_WITH', 'ENDS_WITH', 'GT', 'GTE', 'LT', 'LTE', 'IN'] as const;

const condition = z.strictObject({
  field: z.string().min(1).max(200).describe('A dot path into the event data (e.g. contactType, address.city).'),
  operator: z.enum(OPERATORS),
  value: z.union([scalar, z.array(scalar).max(100)]).describe('A string, number, boolean or null; a list for IN. Decimals compare exactly.'),
});

const webhookAction = z.strictObject({
  type: z.literal('WEBHOOK'),
  webhook_id: z.string().min(1).max(100).describe('A webhook endpoint of the tenant: the event is delivered to it (signed, retried, logged).'),
});
const activityAction = z.strictObject({
  type: z.literal('ACTIVITY'),
  name: z.string().min(1).max(200),
  description: z.string().max(2000).nullable().optional(),
  due_in_days: z.int().min(0).max(365).nullable().optional().describe('Due this many days after the event.'),
});
const adapterAction = z.strictObject({
  type: z.literal('ADAPTER'),
  adapter: z.enum(['SENDGRID', 'MIXPANEL', 'GA4', 'TWILIO']),
  params: z.record(z.string(), z.string().max(2000)).optional().describe('Provider fields (template, text, event name); never credentials.'),
});

export const action = z.discriminatedUnion('type', [webhookAction, activityAction, adapterAction]);

/** POST and PUT /backoffice/v2/automations(/{id}). */
export const automationBody = z.strictObject({
  name: z.string().min(1).max(200),
  event: z.string().min(1).max(200).describe('The event type that triggers it (e.g. contact.created).'),
  conditions: z.array(condition).max(20).optional().describe('All must pass (default none).'),
  actions: z.array(action).min(1).max(10).describe('Run in order, each once per matching event, recorded with its outcome.'),
  enabled: z.boolean().optional().describe('Default true.'),
});

/** POST /backoffice/v2/automations/{id}/actions. */
export const automationActionBody = z.strictObject({ action: z.enum(['ENABLE', 'DISABLE']) });

/** POST /backoffice/v2/automations/{id}/dry_run. */
export const dryRunBody = z.strictObject({
  event: z.strictObject({
    type: z.string().min(1).max(200),
    data: z.record(z.string(), z.unknown()).describe('The entity the event is about, as its events carry it (camelCase fields).'),
  }),
});

const actionResponse = z.union([
  z.strictObject({ type: z.literal('WEBHOOK'), webhook_id: z.string() }),
  z.strictObject({ type: z.literal('ACTIVITY'), name: z.string(), description: z.string().optional(), due_in_days: z.int().optional() }),
  z.strictObject({ type: z.literal('ADAPTER'), adapter: z.string(), params: z.record(z.string(), z.string()) }),
]);

/** GET /backoffice/v2/automations/{id}. */
export const automationResponse = z.strictObject({
  id: z.string(),
  name: z.string(),
  event: z.string(),
  conditions: z.array(z.strictObject({ field: z.string(), operator: z.enum(OPERATORS), value: z.unknown() })),
  actions: z.array(actionResponse),
  enabled: z.boolean(),
  created_date: epoch,
  updated_date: epoch,
});

export const automationPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(automationResponse) });

/** 200 of a dry run: nothing ran. */
export const dryRunResponse = z.strictObject({
  matched: z.boolean().describe('The event is of the trigger type and every condition passes.'),
  event_matched: z.boolean().describe('The event is of the trigger type.'),
  conditions: z.array(
    z.strictObject({
      field: z.string(),
      operator: z.enum(OPERATORS),
      value: z.unknown(),
      actual: z.unknown().describe('The value found in the event data (null when none).'),
      passed: z.boolean(),
    }),
  ),
  actions: z
    .array(
      z.union([
        z.strictObject({ index: z.int(), type: z.literal('WEBHOOK'), webhook_id: z.string() }),
        z.strictObject({
          index: z.int(),
          type: z.literal('ACTIVITY'),
          name: z.string(),
          description: z.string().optional(),
          due_in_days: z.int().optional(),
          contact_id: z.string().optional().describe('The contact the activity would be for.'),
        }),
        z.strictObject({ index: z.int(), type: z.literal('ADAPTER'), adapter: z.string(), params: z.record(z.string(), z.string()) }),
      ]),
    )
    .describe('What would run, in order (empty unless matched).'),
});

/** GET /backoffice/v2/automations/{id}/runs. */
export const runPageResponse = z.strictObject({
  paging: pagingResponse,
  content: z.array(
    z.strictObject({
      id: z.string(),
      event_id: z.string(),
      event_type: z.string(),
      action_index: z.int().min(0),
      action_type: z.enum(['WEBHOOK', 'ACTIVITY', 'ADAPTER']),
      state: z.enum(['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED']),
      attempts: z.int().min(0),
      outcome: z.string().optional(),
      result_id: z.string().optional().describe('What the action created or targeted: the activity, the webhook endpoint, the provider message.'),
      created_date: epoch,
      finished_date: epoch.optional(),
    }),
  ),
});
