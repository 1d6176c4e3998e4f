import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Logger } from 'pino';
import { graphqlHttpHandler, type InProcessGraphQL } from '@crm/platform/graphql';
import { formatGraphQLError } from '@crm/platform/errors';
import { currentRequestContext } from '@crm/platform/logging';
import { graphqlMetricsPlugin } from '@crm/platform/observability';
import { AppError, httpStatusOf } from '@crm/platform/errors';
import type { GatewayClient, GraphQLResult } from '../rest/kit/gateway-client';
import { gatewayContextFactory, type GatewayContext } from './context';
import { SubgraphDataSource } from './subgraph-data-source';
import { inProcessFetcher, subgraphFetcher } from './subgraph-fetcher';
import { requestHygienePlugin, singleRootMutationRule, withoutSuggestions } from './request-hygiene';
import { refreshOnlyPlugin } from './refresh-only';
import { backOfficeIntrospectionPlugin } from './introspection-access';
import type { Authenticator } from './authenticate';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Subgraph name → GraphQL URL. */
  subgraphUrls: Record<string, string>;
  /**
   * Subgraphs running in this process (`npm start`), by name: called without the HTTP hop, with
   * the same headers and body (see inProcessFetcher). Every other subgraph is called over HTTP.
   */
  inProcessSubgraphs?: Record<string, InProcessGraphQL>;
  authenticate: Authenticator;
  internalAuthSecret: string;
  logger: Logger;
  production: boolean;
  /** `back-office`: only for user tokens and secret keys (production with the playground on). */
  introspection: boolean | 'back-office';
  limits: { maxDepth: number; maxAliases: number; maxTokens: number; maxBodyBytes: number };
  /** Abort a subgraph call after this long. */
  subgraphTimeoutMs: number;
}

/** Adds the read side's freshness to the response (extension + header). */
const freshnessPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (!contextValue.freshness) return;
        const { pendingBy: _, ...f } = contextValue.freshness;
        response.http.headers.set('x-projection-lag-ms', String(f.lagMs));
        if (response.body.kind === 'single') {
          response.body.singleResult.extensions = { ...(response.body.singleResult.extensions ?? {}), freshness: f };
        }
      },
    };
  },
};

export interface Gateway {
  apollo: ApolloServer<GatewayContext>;
  /** node:http handler for /graphql. */
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** In-process client for the REST facade: same auth, limits and routing as HTTP callers. */
  client: GatewayClient;
  stop(): Promise<void>;
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { logger } = options;
  const fetcher = subgraphFetcher(options.subgraphTimeoutMs);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => {
      const url = options.subgraphUrls[name];
      if (!url) throw new Error(`no URL configured for subgraph ${name}`);
      const local = options.inProcessSubgraphs?.[name];
      return new SubgraphDataSource({ url, fetcher: local ? inProcessFetcher(local, options.subgraphTimeoutMs) : fetcher });
    },
    logger: {
      debug: () => undefined,
      info: (m: unknown) => logger.debug({ m }, 'gateway'),
      warn: (m: unknown) => logger.warn({ m }, 'gateway'),
      error: (m: unknown) => logger.error({ m }, 'gateway'),
    },
  });
  const armor = new ApolloArmor({
    maxDepth: { n: options.limits.maxDepth, flattenFragments: true },
    maxAliases: { n: options.limits.maxAliases },
    // armor's token plugin re-parses in parsingDidStart, where any syntax error (and the limit
    // itself) escapes as an unexpected error → HTTP 500; graphql-js enforces the same limit
    // while parsing (parseOptions below), which Apollo answers as GRAPHQL_PARSE_FAILED / 400
    maxTokens: { enabled: false },
    maxDirectives: { n: 50 },
    costLimit: { maxCost: 5000 },
    // armor hides field suggestions only; enum-value and argument hints ("Did you mean the enum
    // value …?") still leaked the schema, so production formatError strips every hint instead
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: options.introspection !== false,
    csrfPrevention: true,
    // we drain and stop on SIGTERM ourselves (onShutdownSignal); Apollo's handler would re-raise the signal
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    nodeEnv: options.production ? 'production' : 'development',
    parseOptions: { maxTokens: options.limits.maxTokens },
    validationRules: [...armor.validationRules, singleRootMutationRule],
    plugins: [
      ...armor.plugins,
      requestHygienePlugin,
      refreshOnlyPlugin,
      freshnessPlugin,
      graphqlMetricsPlugin<GatewayContext>('gateway'),
      ...(options.introspection === 'back-office' ? [backOfficeIntrospectionPlugin] : []),
      // browsers get our own offline playground (devtools/), served before Apollo sees the request
      ApolloServerPluginLandingPageDisabled(),
    ],
    formatError: (formatted, error) => {
      const out = formatGraphQLError(formatted, error, currentRequestContext()?.correlationId, (err) =>
        logger.error({ err }, 'unexpected gateway error'),
      );
      return options.production ? { ...out, message: withoutSuggestions(out.message) } : out;
    },
  });
  await apollo.start();
  const contextFor = gatewayContextFactory(options.authenticate, options.internalAuthSecret);
  const handle = graphqlHttpHandler(apollo, {
    maxBodyBytes: options.limits.maxBodyBytes,
    context: (head) => contextFor(head.headers, head.remoteAddress),
  });

  const client: GatewayClient = {
    async execute(call): Promise<GraphQLResult> {
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(call.headers)) headers.set(k.toLowerCase(), v);
      headers.set('content-type', 'application/json');
      let contextValue: GatewayContext;
      try {
        contextValue = await contextFor(Object.fromEntries(headers), call.clientIp ?? null);
      } catch (err) {
        const e = err instanceof AppError ? err : new AppError('UNAUTHENTICATED', 'invalid credentials');
        return { status: httpStatusOf(e.code), body: { errors: [{ message: e.message, extensions: { code: e.code } }] }, headers: {} };
      }
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: 'POST',
          headers,
          search: '',
          body: { query: call.query, variables: call.variables ?? {}, ...(call.operationName ? { operationName: call.operationName } : {}) },
        },
        context: async () => contextValue,
      });
      let text = '';
      if (response.body.kind === 'complete') text = response.body.string;
      else for await (const chunk of response.body.asyncIterator) text += chunk;
      return { status: response.status ?? 200, body: JSON.parse(text) as GraphQLResult['body'], headers: Object.fromEntries(response.headers) };
    },
  };
  return { apollo, handle, client, stop: () => apollo.stop() };
}
