import { AppError } from '@crm/platform/errors';
import type { EndpointSettings, SealedSecret, WebhookChange, WebhookState } from './webhook';

/** The deciders of a webhook endpoint (pure): settings arrive normalised and address-checked. */

const live = (state: WebhookState | null, id: string): WebhookState => {
  if (!state || state.deleted) throw AppError.notFound('webhook endpoint', id);
  return state;
};

export interface CreateWebhook {
  settings: EndpointSettings;
  secret: SealedSecret;
}

export function createWebhook(state: WebhookState | null, cmd: CreateWebhook): WebhookChange[] {
  if (state) throw new AppError('CONFLICT', 'the webhook endpoint exists already', { reason: 'WEBHOOK_EXISTS' });
  return [{ type: 'webhook_endpoint.created', data: cmd.settings, stored: { secret: cmd.secret } }];
}

/** Replaces the settings; nothing when they are unchanged. Enabling an endpoint the platform disabled clears the reason. */
export function updateWebhook(state: WebhookState | null, cmd: { id: string; settings: EndpointSettings }): WebhookChange[] {
  const s = live(state, cmd.id);
  const same =
    s.url === cmd.settings.url &&
    s.description === cmd.settings.description &&
    s.enabled === cmd.settings.enabled &&
    s.events.join('\n') === cmd.settings.events.join('\n');
  return same ? [] : [{ type: 'webhook_endpoint.updated', data: cmd.settings }];
}

export function deleteWebhook(state: WebhookState | null, cmd: { id: string }): WebhookChange[] {
  live(state, cmd.id);
  return [{ type: 'webhook_endpoint.deleted', data: {} }];
}

/** A new current secret; the previous one keeps signing for `overlapMs` (receivers switch in that window). */
export function rotateWebhookSecret(
  state: WebhookState | null,
  cmd: { id: string; secret: SealedSecret; overlapMs: number },
  now: Date,
): WebhookChange[] {
  live(state, cmd.id);
  const previousSecretExpiresAt = new Date(now.getTime() + cmd.overlapMs).toISOString();
  return [{ type: 'webhook_endpoint.secret_rotated', data: { previousSecretExpiresAt }, stored: { secret: cmd.secret } }];
}

/** The platform disables an endpoint (410 Gone, or failing for the whole retry schedule); nothing when it is off already. */
export function disableWebhook(
  state: WebhookState | null,
  cmd: { id: string; reason: 'GONE' | 'FAILING'; lastStatus: number | null },
): WebhookChange[] {
  const s = live(state, cmd.id);
  if (!s.enabled) return [];
  return [{ type: 'webhook_endpoint.disabled', data: { reason: cmd.reason, lastStatus: cmd.lastStatus } }];
}
