import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { LedgerMutationsResolver } from './graphql/ledger-mutations.resolver';
import { LedgerSettingsResolver } from './graphql/ledger-settings.resolver';
import type { LedgerCommands } from './application/ledger-commands';
import type { LedgerSettingsCommands } from './application/settings-commands';
import type { WalletLinkCommands } from './application/wallet-links';
import { WalletLinksResolver } from './graphql/wallet-links.resolver';

export const SUBGRAPH_NAME = 'ledger-write';

export function buildLedgerWriteSchema(
  commands: LedgerCommands | null,
  settings: LedgerSettingsCommands | null = null,
  links: WalletLinkCommands | null = null,
): Promise<GraphQLSchema> {
  const mutations = new LedgerMutationsResolver(commands as LedgerCommands);
  const settingsResolver = new LedgerSettingsResolver(commands as LedgerCommands, settings as LedgerSettingsCommands);
  const linksResolver = new WalletLinksResolver(links as WalletLinkCommands);
  return buildFederatedSchema({
    resolvers: [LedgerMutationsResolver, LedgerSettingsResolver, WalletLinksResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: {
      get: (cls: unknown) => (cls === LedgerSettingsResolver ? settingsResolver : cls === WalletLinksResolver ? linksResolver : mutations),
    },
  });
}

/** SDL for composition (no database needed). */
export async function printLedgerWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildLedgerWriteSchema(null));
}
