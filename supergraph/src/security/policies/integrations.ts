import type { DomainPolicy } from '../policy-table';

/** Who may get past authorization on the integrations root fields: holders of integrations.read / integrations.write (owner, admin, the admin secret key). */
const MANAGERS = ['owner', 'admin', 'secret_key'] as const;

export const policy: DomainPolicy = {
  'Query.webhook': MANAGERS,
  'Query.webhookDeliveries': MANAGERS,
  'Mutation.createWebhook': MANAGERS,
  'Mutation.updateWebhook': MANAGERS,
  'Mutation.deleteWebhook': MANAGERS,
  'Mutation.rotateWebhookSecret': MANAGERS,
  'Mutation.replayWebhookDelivery': MANAGERS,
  'Mutation.replayWebhookDeliveries': MANAGERS,
};
