import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { PRINCIPAL_HEADER } from '@crm/platform/auth';
import { CLIENT_IP_HEADER, CONSISTENCY_HEADER } from '@crm/platform/graphql';
import { traceHeaders } from '@crm/platform/observability';
import type { GatewayContext } from './context';

const SUBGRAPH_CLIENT_CODES = new Set(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'VALIDATION']);

/**
 * Calls one subgraph. Client headers are never forwarded as-is: the data source sets exactly the
 * signed principal, the request/correlation ids and the consistency tokens, so a client cannot
 * inject internal headers. Freshness reported by read subgraphs is collected into the context.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers || !context?.principalToken) return;
    headers.set(PRINCIPAL_HEADER, context.principalToken);
    if (context.requestId) headers.set('x-request-id', context.requestId);
    if (context.correlationId) headers.set('x-correlation-id', context.correlationId);
    if (context.consistencyTokens) headers.set(CONSISTENCY_HEADER, context.consistencyTokens);
    if (context.clientIp) headers.set(CLIENT_IP_HEADER, context.clientIp);
    // W3C trace context: the subgraph's spans and log lines join the gateway request's trace
    const trace = traceHeaders();
    if (trace.traceparent) headers.set('traceparent', trace.traceparent);
    if (trace.tracestate) headers.set('tracestate', trace.tracestate);
  }

  /**
   * A subgraph refuses a request with 400 when an argument the supergraph cannot check (a custom
   * scalar such as DateTimeISO) is malformed: pass its client error on (code and message) instead
   * of Apollo's generic "400: Bad Request", which formatError would mask as INTERNAL.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    if (response.status !== 400) return super.errorFromResponse(response);
    const text = await response.text();
    let first: { message?: unknown; extensions?: { code?: unknown } } | undefined;
    try {
      first = (JSON.parse(text) as { errors?: (typeof first)[] }).errors?.[0];
    } catch {
      first = undefined;
    }
    const code = first?.extensions?.code;
    if (typeof first?.message === 'string' && typeof code === 'string' && SUBGRAPH_CLIENT_CODES.has(code)) {
      return new GraphQLError(first.message, { extensions: { code } });
    }
    return new GraphQLError(`${response.status}: ${response.statusText}`, { extensions: { response: { status: response.status } } });
  }

  override async didReceiveResponse({
    response,
    context,
  }: {
    response: GatewayGraphQLResponse;
    context: GatewayContext;
  }): Promise<GatewayGraphQLResponse> {
    const f = response.extensions?.['freshness'] as { lagMs?: number; pendingEvents?: number; consistent?: boolean } | undefined;
    if (f && context) {
      const prev = context.freshness;
      // one read side answering several fetches of a query counts its pending events once
      const pendingBy = { ...prev?.pendingBy, [this.url ?? '']: Math.max(prev?.pendingBy?.[this.url ?? ''] ?? 0, f.pendingEvents ?? 0) };
      context.freshness = {
        lagMs: Math.max(prev?.lagMs ?? 0, f.lagMs ?? 0),
        pendingEvents: Object.values(pendingBy).reduce((n, x) => n + x, 0),
        consistent: (prev?.consistent ?? true) && f.consistent !== false,
        pendingBy,
      };
    }
    return response;
  }
}
