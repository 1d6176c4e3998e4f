import type { WebhookChange, WebhookState } from './webhook';
import { liveEndpoint } from './live-endpoint';

/** Deletes an endpoint: nothing more is delivered to it (pure). */
export function deleteWebhook(state: WebhookState | null, cmd: { id: string }): WebhookChange[] {
  liveEndpoint(state, cmd.id);
  return [{ type: 'webhook_endpoint.deleted', data: {} }];
}
