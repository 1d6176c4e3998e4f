import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { AuthResolver } from './graphql/auth.resolver';
import { KeysResolver } from './graphql/keys.resolver';
import type { UserAuth } from './application/auth/user-auth';
import type { UnitOfWork } from './application/unit-of-work';
import type { IdentitySecrets } from './application/identity-secrets';

export const SUBGRAPH_NAME = 'identity-write';

export interface IdentityWriteResolvers {
  users: UserAuth;
  uow: UnitOfWork;
  secrets: IdentitySecrets;
}

export function buildIdentityWriteSchema(deps: IdentityWriteResolvers | null): Promise<GraphQLSchema> {
  const d = deps as IdentityWriteResolvers;
  const instances = new Map<unknown, unknown>([
    [AuthResolver, new AuthResolver(d?.users)],
    [KeysResolver, new KeysResolver(d?.uow, d?.secrets)],
  ]);
  return buildFederatedSchema({
    resolvers: [AuthResolver, KeysResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: (cls) => instances.get(cls) },
  });
}

/** SDL for composition (no database needed). */
export async function printIdentityWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildIdentityWriteSchema(null));
}
