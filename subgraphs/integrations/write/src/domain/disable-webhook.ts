import type { WebhookChange, WebhookState } from './webhook';
import { liveEndpoint } from './live-endpoint';

/** The platform disables an endpoint (410 Gone, or failing for the whole retry schedule); nothing when it is off already. */
export function disableWebhook(
  state: WebhookState | null,
  cmd: { id: string; reason: 'GONE' | 'FAILING'; lastStatus: number | null },
): WebhookChange[] {
  const s = liveEndpoint(state, cmd.id);
  if (!s.enabled) return [];
  return [{ type: 'webhook_endpoint.disabled', data: { reason: cmd.reason, lastStatus: cmd.lastStatus } }];
}
