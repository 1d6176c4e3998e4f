import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { FileResolver } from './graphql/file.resolver';
import { CustomFieldResolver } from './graphql/custom-field.resolver';
import { AttachmentResolver } from './graphql/attachment.resolver';
import type { AttachmentCommands } from './application/attachment-commands';
import type { CustomFieldCommands } from './application/custom-field-commands';
import type { FileCommands } from './application/file-commands';

export const SUBGRAPH_NAME = 'settings-write';

export function buildSettingsWriteSchema(
  commands: { files: FileCommands; customFields: CustomFieldCommands; attachments: AttachmentCommands } | null,
): Promise<GraphQLSchema> {
  const files = new FileResolver(commands?.files as FileCommands);
  const customFields = new CustomFieldResolver(commands?.customFields as CustomFieldCommands);
  const attachments = new AttachmentResolver(commands?.attachments as AttachmentCommands);
  const byClass = new Map<unknown, unknown>([
    [FileResolver, files],
    [CustomFieldResolver, customFields],
    [AttachmentResolver, attachments],
  ]);
  return buildFederatedSchema({
    resolvers: [FileResolver, CustomFieldResolver, AttachmentResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: (cls) => byClass.get(cls) },
  });
}

/** SDL for composition (no database needed). */
export async function printSettingsWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildSettingsWriteSchema(null));
}
