import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { WebhookResolver, type WebhookApi } from './graphql/webhook.resolver';

export const SUBGRAPH_NAME = 'integrations-write';

export function buildIntegrationsWriteSchema(api: WebhookApi | null): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [WebhookResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: () => new WebhookResolver(api as WebhookApi) },
  });
}

/** SDL for composition (no database needed). */
export async function printIntegrationsWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildIntegrationsWriteSchema(null));
}
