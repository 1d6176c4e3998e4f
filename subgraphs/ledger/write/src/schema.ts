import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { LedgerMutationsResolver } from './graphql/ledger-mutations.resolver';
import { LedgerSettingsResolver } from './graphql/ledger-settings.resolver';
import type { LedgerCommands } from './application/ledger-commands';
import type { LedgerSettingsCommands } from './application/settings-commands';

export const SUBGRAPH_NAME = 'ledger-write';

export function buildLedgerWriteSchema(commands: LedgerCommands | null, settings: LedgerSettingsCommands | null = null): Promise<GraphQLSchema> {
  const mutations = new LedgerMutationsResolver(commands as LedgerCommands);
  const settingsResolver = new LedgerSettingsResolver(commands as LedgerCommands, settings as LedgerSettingsCommands);
  return buildFederatedSchema({
    resolvers: [LedgerMutationsResolver, LedgerSettingsResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: (cls: unknown) => (cls === LedgerSettingsResolver ? settingsResolver : mutations) },
  });
}

/** SDL for composition (no database needed). */
export async function printLedgerWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildLedgerWriteSchema(null));
}
