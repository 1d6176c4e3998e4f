import { registry } from '@crm/event-bus';
import { startWriteSide, type ServiceDeps, type WriteSide } from '@crm/event-bus/service';
import { SETTINGS_TOPIC } from '@crm/event-bus/contracts/settings';
import { FileCommands } from './application/file-commands';
import { CustomFieldCommands } from './application/custom-field-commands';
import { AttachmentCommands } from './application/attachment-commands';
import { AppSettingsCommands } from './application/app-settings-commands';
import { ReferenceEntryCommands } from './application/reference-entry-commands';
import { LandingPageCommands } from './application/landing-page-commands';
import { ContactProfileCommands } from './application/contact-profile-commands';
import { MediaSigner } from './application/media-signer';
import { databaseConfig } from './persistence/database';
import { PostgresFileContentStore } from './persistence/postgres-file-content-store';
import { buildSettingsWriteSchema, SUBGRAPH_NAME } from './schema';
import type { SettingsWriteConfig } from './env';

export interface SettingsWriteService extends WriteSide {
  files: FileCommands;
  customFields: CustomFieldCommands;
  attachments: AttachmentCommands;
  appSettings: AppSettingsCommands;
  referenceEntries: ReferenceEntryCommands;
  landingPages: LandingPageCommands;
  contactProfiles: ContactProfileCommands;
  mediaSigner: MediaSigner;
}

/** Starts the settings write subgraph and its outbox relay on the given bus. */
export function startSettingsWrite(config: SettingsWriteConfig, deps: ServiceDeps): Promise<SettingsWriteService> {
  return startWriteSide({ name: SUBGRAPH_NAME, database: databaseConfig, topics: [SETTINGS_TOPIC], config, deps }, async ({ dataSource, relay }) => {
    const limits = { maxBytes: config.FILE_MAX_BYTES, maxFilesPerContact: config.FILES_PER_CONTACT_MAX };
    const mediaSigner = new MediaSigner(config.MEDIA_SIGNING_SECRET, config.MEDIA_SIGNATURE_TTL_SECONDS);
    const files = new FileCommands(dataSource, registry, new PostgresFileContentStore(), limits, () => relay.kick(), mediaSigner);
    const customFields = new CustomFieldCommands(dataSource, registry, () => relay.kick());
    const attachments = new AttachmentCommands(dataSource, registry, () => relay.kick());
    const appSettings = new AppSettingsCommands(dataSource, registry, () => relay.kick());
    const referenceEntries = new ReferenceEntryCommands(dataSource, registry, () => relay.kick());
    const landingPages = new LandingPageCommands(dataSource, registry, () => relay.kick());
    const contactProfiles = new ContactProfileCommands(dataSource, registry, () => relay.kick());
    const app = { files, customFields, attachments, appSettings, referenceEntries, landingPages, contactProfiles, mediaSigner };
    return { schema: await buildSettingsWriteSchema(app), app };
  });
}
