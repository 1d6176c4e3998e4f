import { z } from 'zod';
import { epoch, pagingResponse } from '../../kit/response-schemas';

/** POST and PUT /backoffice/v2/webhooks(/{id}). */
export const webhookBody = z.strictObject({
  url: z.string().min(1).max(2000).describe('http(s) URL on a public address; private, loopback, link-local and metadata addresses are refused.'),
  events: z
    .array(z.string().min(1).max(200))
    .min(1)
    .max(100)
    .describe('Event types to deliver (e.g. contact.created, contact.updated), or "*" for every deliverable type.'),
  description: z.string().max(500).nullable().optional(),
  enabled: z.boolean().optional().describe('Default true.'),
});

/** POST /backoffice/v2/webhooks/{id}/replay: a time range of deliveries (epoch seconds, `to` exclusive). */
export const replayRangeBody = z.strictObject({
  from: z.int().min(0).describe('Epoch seconds: deliveries created at or after.'),
  to: z.int().min(0).describe('Epoch seconds: deliveries created before (at most 31 days after from).'),
});

/** 201 of a create and 200 of a rotation: the secret is shown this once. */
export const webhookSecretResponse = z.strictObject({
  id: z.string(),
  secret: z.string().describe('The signing secret, whsec_ + base64 (Standard Webhooks); stored sealed and never shown again.'),
});

/** GET /backoffice/v2/webhooks/{id}. */
export const webhookResponse = z.strictObject({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().optional(),
  enabled: z.boolean(),
  disabled_reason: z
    .enum(['GONE', 'FAILING'])
    .optional()
    .describe('Why the platform disabled it: answered 410, or failed for the whole retry schedule.'),
  created_date: epoch,
  updated_date: epoch,
});

/** GET /backoffice/v2/webhooks. */
export const webhookPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(webhookResponse) });

/** GET /backoffice/v2/webhooks/{id}/deliveries (the shape issue 17 fixes). */
export const deliveryPageResponse = z.strictObject({
  paging: pagingResponse,
  content: z.array(
    z.strictObject({
      id: z.string(),
      event_id: z.string().describe('Sent as webhook-id on every attempt and replay.'),
      event_type: z.string(),
      state: z.enum(['PENDING', 'SUCCEEDED', 'FAILED']),
      attempts: z.int().min(0),
      last_status: z.int().optional().describe('HTTP status of the last attempt; absent when none answered.'),
      last_attempt_at: epoch.optional(),
      next_attempt_at: epoch.optional(),
    }),
  ),
});

/** 202 of a bulk replay. */
export const replayCountResponse = z.strictObject({ replayed: z.int().min(0) });
