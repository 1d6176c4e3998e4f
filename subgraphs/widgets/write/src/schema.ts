import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { WidgetMutationsResolver } from './graphql/widget-mutations.resolver';
import type { WidgetCommands } from './application/widget-commands';

export const SUBGRAPH_NAME = 'widgets-write';

export function buildWidgetsWriteSchema(commands: WidgetCommands | null): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [WidgetMutationsResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: () => new WidgetMutationsResolver(commands as WidgetCommands) },
  });
}

/** SDL for composition (no database needed). */
export async function printWidgetsWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildWidgetsWriteSchema(null));
}
