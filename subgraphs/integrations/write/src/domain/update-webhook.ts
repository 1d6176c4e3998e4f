import type { EndpointSettings, WebhookChange, WebhookState } from './webhook';
import { liveEndpoint } from './live-endpoint';

/** Replaces the settings; nothing when they are unchanged. Enabling an endpoint the platform disabled clears the reason. */
export function updateWebhook(state: WebhookState | null, cmd: { id: string; settings: EndpointSettings }): WebhookChange[] {
  const s = liveEndpoint(state, cmd.id);
  const same =
    s.url === cmd.settings.url &&
    s.description === cmd.settings.description &&
    s.enabled === cmd.settings.enabled &&
    s.events.join('\n') === cmd.settings.events.join('\n');
  return same ? [] : [{ type: 'webhook_endpoint.updated', data: cmd.settings }];
}
