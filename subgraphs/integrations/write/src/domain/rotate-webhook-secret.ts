import type { SealedSecret, WebhookChange, WebhookState } from './webhook';
import { liveEndpoint } from './live-endpoint';

/** A new current secret; the previous one keeps signing for `overlapMs` (receivers switch in that window). */
export function rotateWebhookSecret(
  state: WebhookState | null,
  cmd: { id: string; secret: SealedSecret; overlapMs: number },
  now: Date,
): WebhookChange[] {
  liveEndpoint(state, cmd.id);
  const previousSecretExpiresAt = new Date(now.getTime() + cmd.overlapMs).toISOString();
  return [{ type: 'webhook_endpoint.secret_rotated', data: { previousSecretExpiresAt }, stored: { secret: cmd.secret } }];
}
