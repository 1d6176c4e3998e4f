import { Projector } from '@crm/event-bus/kit';
import { projectorGroupOf, readSideRebuild, startReadSide, type ReadSide, type ReadSideDefinition, type ServiceDeps } from '@crm/event-bus/service';
import { SETTINGS_TOPIC } from '@crm/event-bus/contracts/settings';
import { FileQueries } from './graphql/file-queries.resolver';
import { databaseConfig } from './persistence/database';
import { fileViewsReadModel } from './persistence/file-views';
import { customFieldViewsReadModel } from './persistence/custom-field-views';
import { attachmentViewsReadModel } from './persistence/attachment-views';
import {
  appSettingsViewsReadModel,
  contactProfileViewsReadModel,
  landingPageViewsReadModel,
  referenceEntryViewsReadModel,
} from './persistence/settings-views';
import { buildSettingsReadSchema, SUBGRAPH_NAME } from './schema';
import type { SettingsReadConfig } from './env';
import { GooglePlacesAddressLookup, unconfiguredAddressLookup } from './address-lookup/address-lookup';

export const PROJECTOR_GROUP = projectorGroupOf(SUBGRAPH_NAME);

/** The settings read side: `file_views`, `custom_field_views`, `attachment_views`, `app_settings_views` and `reference_entry_views` projected from the settings topic (nothing cached). */
export const settingsReadSide: ReadSideDefinition<Projector> = {
  name: SUBGRAPH_NAME,
  database: databaseConfig,
  topics: [SETTINGS_TOPIC],
  projector: (dataSource, _cache, logger) =>
    new Projector(
      dataSource,
      [
        fileViewsReadModel,
        customFieldViewsReadModel,
        attachmentViewsReadModel,
        appSettingsViewsReadModel,
        referenceEntryViewsReadModel,
        landingPageViewsReadModel,
        contactProfileViewsReadModel,
      ],
      logger,
    ),
};

export type SettingsReadService = ReadSide<Projector>;

/** Starts the settings read subgraph and/or its projector, per PROCESS_ROLE. */
export function startSettingsRead(config: SettingsReadConfig, deps: ServiceDeps): Promise<SettingsReadService> {
  return startReadSide(settingsReadSide, config, deps, ({ dataSource, projector, freshness }) =>
    buildSettingsReadSchema(
      new FileQueries(dataSource, projector, config.CONSISTENCY_WAIT_MS),
      freshness,
      config.ADDRESS_LOOKUP_API_KEY
        ? new GooglePlacesAddressLookup(
            config.ADDRESS_LOOKUP_API_KEY,
            config.ADDRESS_LOOKUP_BASE_URL ?? 'https://maps.googleapis.com',
            config.ADDRESS_LOOKUP_TIMEOUT_MS,
          )
        : unconfiguredAddressLookup,
    ),
  );
}

/** Rebuilds `settings_read` from the settings topic into a shadow schema and swaps it in (`npm run rebuild -- settings-read`). */
export const rebuildSettingsRead = readSideRebuild(settingsReadSide);
