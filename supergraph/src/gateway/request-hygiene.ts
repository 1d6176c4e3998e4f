import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type ASTVisitor, type DocumentNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/** A client error Apollo answers with HTTP 400 and our formatError keeps (the code is a client code). */
function clientError(message: string, code: 'OPERATION_RESOLUTION_FAILURE' | 'BAD_REQUEST' | 'BAD_USER_INPUT'): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400, headers: new Map() } } });
}

function documentHasNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (node.value.includes('\u0000')) found = true;
    },
  });
  return found;
}

/** Iterative (request variables may nest thousands of levels deep). */
function valueHasNul(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return true;
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

const shorten = (s: string) => (s.length > 64 ? `${s.slice(0, 64)}…` : s);

/**
 * Refuses, before the gateway plans anything, what the Apollo Gateway would otherwise fail on as an
 * unexpected error (HTTP 500 / INTERNAL): an operationName the document does not define, a
 * subscription (the supergraph has no subscription root), and strings holding NUL characters
 * (PostgreSQL text cannot store them, so they surfaced as database errors in the subgraphs).
 */
export const requestHygienePlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request, document }) {
        if (!operation) {
          throw clientError(
            request.operationName
              ? `Unknown operation named "${shorten(request.operationName)}".`
              : 'Must provide operation name if query contains multiple operations.',
            'OPERATION_RESOLUTION_FAILURE',
          );
        }
        if (operation.operation === 'subscription') throw clientError('Subscriptions are not supported.', 'BAD_REQUEST');
        if (documentHasNul(document) || valueHasNul(request.variables))
          throw clientError('Strings must not contain NUL (\\u0000) characters.', 'BAD_USER_INPUT');
      },
    };
  },
};

/** "Did you mean …?" hints (fields, arguments, types, enum values) that would leak the schema. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

/** Root fields of a selection set, through inline fragments and fragment spreads. */
function rootFields(
  context: ValidationContext,
  set: SelectionSetNode,
  seenFragments = new Set<string>(),
): { name: string; node: SelectionSetNode['selections'][number] }[] {
  return set.selections.flatMap((sel) => {
    if (sel.kind === Kind.FIELD) return [{ name: sel.name.value, node: sel }];
    if (sel.kind === Kind.INLINE_FRAGMENT) return rootFields(context, sel.selectionSet, seenFragments);
    if (seenFragments.has(sel.name.value)) return [];
    seenFragments.add(sel.name.value);
    const fragment = context.getFragment(sel.name.value);
    return fragment ? rootFields(context, fragment.selectionSet, seenFragments) : [];
  });
}

/**
 * Each mutation field at most once per operation: aliases cannot batch sign-in, OTP or
 * password-reset attempts into one request past the per-request rate limits.
 */
export function singleRootMutationRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (node.operation !== 'mutation') return;
      const seen = new Set<string>();
      const reported = new Set<string>();
      for (const { name, node: field } of rootFields(context, node.selectionSet)) {
        if (seen.has(name) && !reported.has(name)) {
          reported.add(name);
          context.reportError(new GraphQLError(`The mutation "${name}" may be selected only once per operation.`, { nodes: field }));
        }
        seen.add(name);
      }
    },
  };
}
