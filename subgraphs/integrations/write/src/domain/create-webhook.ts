import { AppError } from '@crm/platform/errors';
import type { SealedSecret, EndpointSettings, WebhookChange, WebhookState } from './webhook';

export interface CreateWebhook {
  settings: EndpointSettings;
  secret: SealedSecret;
}

/** Registers an endpoint: its settings arrive normalised and address-checked, its secret sealed (pure). */
export function createWebhook(state: WebhookState | null, cmd: CreateWebhook): WebhookChange[] {
  if (state) throw new AppError('CONFLICT', 'the webhook endpoint exists already', { reason: 'WEBHOOK_EXISTS' });
  return [{ type: 'webhook_endpoint.created', data: cmd.settings, stored: { secret: cmd.secret } }];
}
