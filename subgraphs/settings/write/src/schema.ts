import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { FileResolver } from './graphql/file.resolver';
import { CustomFieldResolver } from './graphql/custom-field.resolver';
import { AttachmentResolver } from './graphql/attachment.resolver';
import { AppSettingsResolver } from './graphql/app-settings.resolver';
import { ReferenceEntryResolver } from './graphql/reference-entry.resolver';
import type { AppSettingsCommands } from './application/app-settings-commands';
import type { ReferenceEntryCommands } from './application/reference-entry-commands';
import type { AttachmentCommands } from './application/attachment-commands';
import type { CustomFieldCommands } from './application/custom-field-commands';
import type { FileCommands } from './application/file-commands';

export const SUBGRAPH_NAME = 'settings-write';

export function buildSettingsWriteSchema(
  commands: {
    files: FileCommands;
    customFields: CustomFieldCommands;
    attachments: AttachmentCommands;
    appSettings: AppSettingsCommands;
    referenceEntries: ReferenceEntryCommands;
  } | null,
): Promise<GraphQLSchema> {
  const files = new FileResolver(commands?.files as FileCommands);
  const customFields = new CustomFieldResolver(commands?.customFields as CustomFieldCommands);
  const attachments = new AttachmentResolver(commands?.attachments as AttachmentCommands);
  const appSettings = new AppSettingsResolver(commands?.appSettings as AppSettingsCommands);
  const referenceEntries = new ReferenceEntryResolver(commands?.referenceEntries as ReferenceEntryCommands);
  const byClass = new Map<unknown, unknown>([
    [FileResolver, files],
    [CustomFieldResolver, customFields],
    [AttachmentResolver, attachments],
    [AppSettingsResolver, appSettings],
    [ReferenceEntryResolver, referenceEntries],
  ]);
  return buildFederatedSchema({
    resolvers: [FileResolver, CustomFieldResolver, AttachmentResolver, AppSettingsResolver, ReferenceEntryResolver],
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
