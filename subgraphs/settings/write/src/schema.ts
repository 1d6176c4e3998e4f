import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { FileResolver } from './graphql/file.resolver';
import { CustomFieldResolver } from './graphql/custom-field.resolver';
import type { CustomFieldCommands } from './application/custom-field-commands';
import type { FileCommands } from './application/file-commands';

export const SUBGRAPH_NAME = 'settings-write';

export function buildSettingsWriteSchema(commands: { files: FileCommands; customFields: CustomFieldCommands } | null): Promise<GraphQLSchema> {
  const files = new FileResolver(commands?.files as FileCommands);
  const customFields = new CustomFieldResolver(commands?.customFields as CustomFieldCommands);
  return buildFederatedSchema({
    resolvers: [FileResolver, CustomFieldResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: (cls) => (cls === CustomFieldResolver ? customFields : files) },
  });
}

/** SDL for composition (no database needed). */
export async function printSettingsWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildSettingsWriteSchema(null));
}
