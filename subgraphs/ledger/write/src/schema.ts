import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { LedgerMutationsResolver } from './graphql/ledger-mutations.resolver';
import type { LedgerCommands } from './application/ledger-commands';

export const SUBGRAPH_NAME = 'ledger-write';

export function buildLedgerWriteSchema(commands: LedgerCommands | null): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [LedgerMutationsResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: () => new LedgerMutationsResolver(commands as LedgerCommands) },
  });
}

/** SDL for composition (no database needed). */
export async function printLedgerWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildLedgerWriteSchema(null));
}
