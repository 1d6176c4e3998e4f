/** How the REST facade reaches the gateway: one GraphQL operation per call, same auth path as any client. */
export interface GraphQLCall {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  /** Caller headers to pass on (api_key, authorization, x-dev-*, x-consistency-token, x-request-id...). */
  headers: Record<string, string>;
  /** The REST caller's address (for per-address rate limits). */
  clientIp?: string | null;
}

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; reason?: string; field?: string; correlationId?: string; [k: string]: unknown };
}

export interface GraphQLResult {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: GraphQLErrorShape[]; extensions?: Record<string, unknown> };
  headers: Record<string, string>;
}

export interface GatewayClient {
  execute(call: GraphQLCall): Promise<GraphQLResult>;
}
