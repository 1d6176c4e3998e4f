import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, visit, type DocumentNode } from 'graphql';
import type { GatewayContext } from './context';

/** Whether the document asks for the schema (`__schema` / `__type`, in fragments too). */
export function asksForSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

/**
 * Production with the playground enabled: introspection is served to back-office callers only (a
 * user's access token or a secret key); anyone else (anonymous, a contact, a public key alone)
 * gets the same refusal as with introspection off.
 */
export const backOfficeIntrospectionPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, contextValue }) {
        const kind = contextValue.principal.kind;
        if ((kind === 'user' || kind === 'service') && contextValue.principal.subjectId !== null) return;
        if (!asksForSchema(document)) return;
        throw new GraphQLError('GraphQL introspection is served to back-office callers only (a user access token or a secret key).', {
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400, headers: new Map() } },
        });
      },
    };
  },
};
