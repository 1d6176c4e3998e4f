import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { EngagementMutationsResolver } from './graphql/engagement-mutations.resolver';
import { CommunicationMutationsResolver } from './graphql/communication-mutations.resolver';
import { ApprovalResolver } from './graphql/approval.resolver';
import type { ApprovalCommands } from './application/approval-commands';
import type { EngagementCommands } from './application/engagement-commands';
import type { CommunicationCommands } from './application/communication-commands';

export const SUBGRAPH_NAME = 'engagement-write';

export function buildEngagementWriteSchema(
  commands: EngagementCommands | null,
  communications: CommunicationCommands | null = null,
  approvals: ApprovalCommands | null = null,
): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [EngagementMutationsResolver, CommunicationMutationsResolver, ApprovalResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: {
      get: (cls: unknown) =>
        cls === CommunicationMutationsResolver
          ? new CommunicationMutationsResolver(communications as CommunicationCommands)
          : cls === ApprovalResolver
            ? new ApprovalResolver(approvals as ApprovalCommands)
            : new EngagementMutationsResolver(commands as EngagementCommands),
    },
  });
}

/** SDL for composition (no database needed). */
export async function printEngagementWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildEngagementWriteSchema(null));
}
