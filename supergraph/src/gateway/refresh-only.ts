import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from './context';

/** What a caller holding only a refresh token may ask for. */
const REFRESH_FIELDS = new Set(['refreshSession', '__typename']);

/** Whether an operation is a mutation selecting nothing but `refreshSession` (plain fields, no fragments). */
export function onlyRefreshes(operation: OperationDefinitionNode): boolean {
  return (
    operation.operation === 'mutation' &&
    operation.selectionSet.selections.every((sel) => sel.kind === Kind.FIELD && REFRESH_FIELDS.has(sel.name.value))
  );
}

/**
 * A refresh token is a credential for one thing only: its own refresh. A request authenticated
 * with one (a generated client's `Authorization: Bearer <refresh token>`) that asks for anything
 * but `refreshSession` is answered 401, as it was before refresh tokens named their tenant.
 */
export const refreshOnlyPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue }) {
        if (!contextValue.refreshOnly || !operation || onlyRefreshes(operation)) return;
        throw new GraphQLError('a refresh token only refreshes its session (mutation refreshSession); send the access token for anything else', {
          extensions: { code: 'UNAUTHENTICATED', reason: 'INVALID_TOKEN', http: { status: 401, headers: new Map() } },
        });
      },
    };
  },
};
