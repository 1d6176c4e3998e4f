import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { FileResolver } from './graphql/file.resolver';
import { CustomFieldResolver } from './graphql/custom-field.resolver';
import { AttachmentResolver } from './graphql/attachment.resolver';
import { AppSettingsResolver } from './graphql/app-settings.resolver';
import { ReferenceEntryResolver } from './graphql/reference-entry.resolver';
import { LandingPageResolver } from './graphql/landing-page.resolver';
import { ContactProfileResolver } from './graphql/contact-profile.resolver';
import type { LandingPageCommands } from './application/landing-page-commands';
import type { ContactProfileCommands } from './application/contact-profile-commands';
import type { MediaSigner } from './application/media-signer';
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
    landingPages: LandingPageCommands;
    contactProfiles: ContactProfileCommands;
    mediaSigner: MediaSigner;
  } | null,
): Promise<GraphQLSchema> {
  const files = new FileResolver(commands?.files as FileCommands);
  const customFields = new CustomFieldResolver(commands?.customFields as CustomFieldCommands);
  const attachments = new AttachmentResolver(commands?.attachments as AttachmentCommands);
  const appSettings = new AppSettingsResolver(commands?.appSettings as AppSettingsCommands);
  const referenceEntries = new ReferenceEntryResolver(commands?.referenceEntries as ReferenceEntryCommands);
  const landingPages = new LandingPageResolver(commands?.landingPages as LandingPageCommands);
  const contactProfiles = new ContactProfileResolver(
    commands?.contactProfiles as ContactProfileCommands,
    commands?.files as FileCommands,
    commands?.mediaSigner as MediaSigner,
  );
  const byClass = new Map<unknown, unknown>([
    [FileResolver, files],
    [CustomFieldResolver, customFields],
    [AttachmentResolver, attachments],
    [AppSettingsResolver, appSettings],
    [ReferenceEntryResolver, referenceEntries],
    [LandingPageResolver, landingPages],
    [ContactProfileResolver, contactProfiles],
  ]);
  return buildFederatedSchema({
    resolvers: [
      FileResolver,
      CustomFieldResolver,
      AttachmentResolver,
      AppSettingsResolver,
      ReferenceEntryResolver,
      LandingPageResolver,
      ContactProfileResolver,
    ],
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
