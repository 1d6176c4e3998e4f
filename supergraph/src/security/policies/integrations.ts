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
  'Query.webhooks': MANAGERS,
  'Query.automation': MANAGERS,
  'Query.automations': MANAGERS,
  'Query.automationDryRun': MANAGERS,
  'Query.automationRuns': MANAGERS,
  'Query.businessEvents': MANAGERS,
  'Query.integrationsExport': MANAGERS,
  'Mutation.createAutomation': MANAGERS,
  'Mutation.updateAutomation': MANAGERS,
  'Mutation.deleteAutomation': MANAGERS,
  'Mutation.enableAutomation': MANAGERS,
  'Mutation.disableAutomation': MANAGERS,
  'Mutation.importIntegrations': MANAGERS,
  'Mutation.configureIntegrationAdapter': MANAGERS,
  'Mutation.removeIntegrationAdapter': MANAGERS,
  'Query.integrationAdapters': MANAGERS,
};
