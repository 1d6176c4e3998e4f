import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker, ReadConsistency, type Freshness } from '@crm/platform/graphql';
import { FileQueriesResolver, type FileQueries } from './graphql/file-queries.resolver';
import { CustomFieldQueriesResolver } from './graphql/custom-field-queries.resolver';
import { AttachmentQueriesResolver } from './graphql/attachment-queries.resolver';
import { AppSettingsQueriesResolver } from './graphql/app-settings-queries.resolver';
import { ReferenceEntryQueriesResolver } from './graphql/reference-entry-queries.resolver';
import { ProfileQueriesResolver } from './graphql/profile-queries.resolver';
import { AddressLookupResolver } from './graphql/address-lookup.resolver';
import { unconfiguredAddressLookup, type AddressLookup } from './address-lookup/address-lookup';

export const SUBGRAPH_NAME = 'settings-read';

export function buildSettingsReadSchema(
  queries: FileQueries | null,
  freshness: () => Freshness = () => ({ lagMs: 0, pendingEvents: 0 }),
  addressLookup: AddressLookup = unconfiguredAddressLookup,
): Promise<GraphQLSchema> {
  const consistency = new ReadConsistency(freshness, (tenantId, tokens) => queries!.awaitTokens(tenantId, tokens));
  const files = new FileQueriesResolver(queries as FileQueries, consistency);
  const customFields = new CustomFieldQueriesResolver(queries as FileQueries, consistency);
  const attachments = new AttachmentQueriesResolver(queries as FileQueries, consistency);
  const byClass = new Map<unknown, unknown>([
    [FileQueriesResolver, files],
    [CustomFieldQueriesResolver, customFields],
    [AttachmentQueriesResolver, attachments],
    [AppSettingsQueriesResolver, new AppSettingsQueriesResolver(queries as FileQueries, consistency)],
    [ReferenceEntryQueriesResolver, new ReferenceEntryQueriesResolver(queries as FileQueries, consistency)],
    [ProfileQueriesResolver, new ProfileQueriesResolver(queries as FileQueries, consistency)],
    [AddressLookupResolver, new AddressLookupResolver(addressLookup)],
  ]);
  return buildFederatedSchema({
    resolvers: [
      FileQueriesResolver,
      CustomFieldQueriesResolver,
      AttachmentQueriesResolver,
      AppSettingsQueriesResolver,
      ReferenceEntryQueriesResolver,
      ProfileQueriesResolver,
      AddressLookupResolver,
    ],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: (cls) => byClass.get(cls) },
  });
}

/** SDL for composition (no database needed). */
export async function printSettingsReadSdl(): Promise<string> {
  return printSubgraphSchema(await buildSettingsReadSchema(null));
}
