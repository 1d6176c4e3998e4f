/** A GraphQL document the facade sends through the gateway (kept as constants: reviewable, validated against the supergraph in a test). */

export interface Operation {
  operationName: string;
  query: string;
  /** Mutations change state and produce a consistency token; queries read with the caller's tokens. */
  kind: 'query' | 'mutation';
}

export const op = (kind: Operation['kind'], operationName: string, query: string): Operation => ({ kind, operationName, query: query.trim() });

export const USER_ERROR_FIELDS = `errors { code reason field message }`;

export const DONE_FIELDS = `ok ${USER_ERROR_FIELDS}`;

export interface GqlUserError {
  code: string;
  reason: string | null;
  field: string | null;
  message: string;
}

export interface GqlDonePayload {
  ok: boolean;
  errors: GqlUserError[];
}
