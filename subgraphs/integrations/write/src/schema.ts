import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { AutomationResolver, type AutomationApi } from './graphql/automation.resolver';
import { WebhookResolver, type WebhookApi } from './graphql/webhook.resolver';

export const SUBGRAPH_NAME = 'integrations-write';

export type IntegrationsWriteApi = WebhookApi & AutomationApi;

export function buildIntegrationsWriteSchema(api: IntegrationsWriteApi | null): Promise<GraphQLSchema> {
  const webhooks = new WebhookResolver(api as WebhookApi);
  const automations = new AutomationResolver(api as AutomationApi);
  return buildFederatedSchema({
    resolvers: [WebhookResolver, AutomationResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: (someClass) => (someClass === AutomationResolver ? automations : webhooks) },
  });
}

/** SDL for composition (no database needed). */
export async function printIntegrationsWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildIntegrationsWriteSchema(null));
}
