import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { FileResolver } from './graphql/file.resolver';
import type { FileCommands } from './application/file-commands';

export const SUBGRAPH_NAME = 'settings-write';

export function buildSettingsWriteSchema(commands: FileCommands | null): Promise<GraphQLSchema> {
  const files = new FileResolver(commands as FileCommands);
  return buildFederatedSchema({
    resolvers: [FileResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: () => files },
  });
}

/** SDL for composition (no database needed). */
export async function printSettingsWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildSettingsWriteSchema(null));
}
