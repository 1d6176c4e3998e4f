import type { IncomingMessage } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { PRINCIPAL_HEADER, PrincipalVerifier } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { formatGraphQLError } from '../errors/to-graphql-error';
import { annotateRequest, currentRequestContext } from '../logging/context';
import { graphqlMetricsPlugin } from '../observability/graphql-metrics';
import { sendJson, startHttpService, type HttpService, type ReadinessCheck } from '../http/service';
import { toHttpError } from '../errors/to-http-error';
import { CLIENT_IP_HEADER, CONSISTENCY_HEADER, parseConsistencyTokens, type SubgraphContext } from './context';
import { graphqlHttpHandler } from './http-handler';

export interface SubgraphServiceOptions {
  name: string;
  schema: GraphQLSchema;
  logger: Logger;
  port: number;
  host: string;
  internalAuthSecret: string;
  maxBodyBytes?: number;
  readiness?: ReadinessCheck[];
  /** See HttpServiceOptions.shutdownDelayMs. */
  shutdownDelayMs?: number;
  plugins?: ApolloServerPlugin<SubgraphContext>[];
  /** See HttpServiceOptions.metrics. */
  metrics?: { enabled?: boolean; token?: string | undefined };
  /** Extra (internal) routes served beside /graphql; return true when handled. */
  routes?: (req: IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>;
}

/** Copies `context.extensions` (freshness etc.) into the response's `extensions`. */
const contextExtensionsPlugin: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single' || Object.keys(contextValue.extensions).length === 0) return;
        const result = response.body.singleResult;
        result.extensions = { ...(result.extensions ?? {}), ...contextValue.extensions };
      },
    };
  },
};

export function createSubgraphApollo(
  options: Pick<SubgraphServiceOptions, 'schema' | 'logger' | 'plugins'> & { name?: string },
): ApolloServer<SubgraphContext> {
  return new ApolloServer<SubgraphContext>({
    schema: options.schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // we drain and stop on SIGTERM ourselves (onShutdownSignal); Apollo's handler would re-raise the signal
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      contextExtensionsPlugin,
      ...(options.name ? [graphqlMetricsPlugin<SubgraphContext>(options.name)] : []),
      ...(options.plugins ?? []),
    ],
    formatError: (formatted, error) =>
      formatGraphQLError(formatted, error, currentRequestContext()?.correlationId, (err) =>
        options.logger.error({ err }, 'unexpected resolver error'),
      ),
  });
}

/** Builds the resolver context from a gateway-signed request; rejects direct calls. */
export function subgraphContextFactory(secret: string, logger: Logger) {
  const verifier = new PrincipalVerifier(secret);
  return async (req: IncomingMessage): Promise<SubgraphContext> => {
    const header = req.headers[PRINCIPAL_HEADER];
    const principal = verifier.verify(Array.isArray(header) ? header[0] : header);
    annotateRequest({ tenantId: principal.tenantId, principalKind: principal.kind });
    const rc = currentRequestContext();
    return {
      principal,
      requestId: rc?.requestId ?? '',
      correlationId: rc?.correlationId ?? '',
      consistency: parseConsistencyTokens(req.headers[CONSISTENCY_HEADER]),
      logger: logger.child({ tenantId: principal.tenantId }),
      extensions: {},
      clientIp: typeof req.headers[CLIENT_IP_HEADER] === 'string' ? (req.headers[CLIENT_IP_HEADER] as string).slice(0, 64) : null,
    };
  };
}

/** A subgraph HTTP service: POST/GET /graphql behind principal verification, plus probes. */
export async function startSubgraphService(options: SubgraphServiceOptions): Promise<HttpService & { apollo: ApolloServer<SubgraphContext> }> {
  const apollo = createSubgraphApollo(options);
  await apollo.start();
  const handle = graphqlHttpHandler(apollo, {
    maxBodyBytes: options.maxBodyBytes ?? 1_048_576,
    context: subgraphContextFactory(options.internalAuthSecret, options.logger),
    responseHeaders: (ctx): Record<string, string> => {
      const f = ctx.extensions['freshness'] as { lagMs?: number } | undefined;
      return f?.lagMs !== undefined ? { 'x-projection-lag-ms': String(f.lagMs) } : {};
    },
  });
  const service = await startHttpService({
    name: options.name,
    port: options.port,
    host: options.host,
    logger: options.logger,
    readiness: options.readiness ?? [],
    ...(options.shutdownDelayMs ? { shutdownDelayMs: options.shutdownDelayMs } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
    handler: async (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/graphql') {
        annotateRequest({ route: '/graphql' });
        return handle(req, res);
      }
      if (options.routes && (await options.routes(req, res))) return;
      const { status, body } = toHttpError(new AppError('NOT_FOUND', `no route ${req.method} ${path}`));
      sendJson(res, status, body);
    },
  });
  const stopHttp = service.stop.bind(service);
  return Object.assign(service, {
    apollo,
    stop: async () => {
      await stopHttp();
      await apollo.stop();
    },
  });
}
