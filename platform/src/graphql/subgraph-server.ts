import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { PRINCIPAL_HEADER, PrincipalVerifier } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { formatGraphQLError } from '../errors/to-graphql-error';
import { annotateRequest, currentRequestContext } from '../logging/context';
import { graphqlMetricsPlugin } from '../observability/graphql-metrics';
import { isJsonContentType, parseJsonBody } from '../http/body';
import {
  correlationIdOf,
  requestIdOf,
  requestInstrumentation,
  sendJson,
  startHttpService,
  type HttpService,
  type ReadinessCheck,
} from '../http/service';
import { toHttpError } from '../errors/to-http-error';
import { CLIENT_IP_HEADER, CONSISTENCY_HEADER, parseConsistencyTokens, type SubgraphContext } from './context';
import {
  answerText,
  graphqlErrorAnswer,
  graphqlExecutor,
  graphqlHttpHandler,
  type GraphQLAnswer,
  type GraphQLHandlerOptions,
  type GraphQLRequestHead,
} from './http-handler';

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
  return async (req: GraphQLRequestHead): Promise<SubgraphContext> => {
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

/**
 * A GraphQL POST to a subgraph without the HTTP hop (the gateway's in-process data source): the
 * same headers and JSON body as over HTTP, answered with the status, headers and body the HTTP
 * endpoint would send.
 */
export type InProcessGraphQL = (request: { headers: Record<string, string>; body: string }) => Promise<{
  status: number;
  headers: Record<string, string>;
  body: string;
}>;

/**
 * The subgraph's /graphql as a function, for a gateway in the same process: the request goes
 * through what an HTTP request goes through (request ids, a server span joining the caller's
 * trace, the signed principal checked, metrics, the access-log line), minus the socket.
 */
function inProcessGraphQL<C extends SubgraphContext>(
  name: string,
  logger: Logger,
  apollo: ApolloServer<C>,
  options: Omit<GraphQLHandlerOptions<C>, 'maxBodyBytes'> & { maxBodyBytes: number },
): InProcessGraphQL {
  const begin = requestInstrumentation(name, logger);
  const execute = graphqlExecutor(apollo, options);
  return async ({ headers: raw, body }) => {
    const headers: IncomingHttpHeaders = {};
    for (const [key, value] of Object.entries(raw)) headers[key.toLowerCase()] = value;
    const requestId = requestIdOf(headers);
    const correlationId = correlationIdOf(headers, requestId);
    const request = begin({ method: 'POST', path: '/graphql', headers, requestId, correlationId });
    let status = 500;
    try {
      const answer = await new Promise<Awaited<ReturnType<InProcessGraphQL>>>((resolve, reject) =>
        request.run(() => {
          annotateRequest({ route: '/graphql' });
          run().then(resolve, reject);
        }),
      );
      status = answer.status;
      return answer;
    } finally {
      request.end(status);
    }

    async function run(): Promise<Awaited<ReturnType<InProcessGraphQL>>> {
      let answer: GraphQLAnswer | undefined;
      let parsed: unknown;
      try {
        if (Buffer.byteLength(body) > options.maxBodyBytes)
          throw new AppError('PAYLOAD_TOO_LARGE', `request body exceeds ${options.maxBodyBytes} bytes`, { reason: 'BODY_TOO_LARGE' });
        parsed = isJsonContentType(headers['content-type']) ? parseJsonBody(Buffer.from(body)) : body;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        answer = graphqlErrorAnswer(err);
      }
      answer ??= await execute({ method: 'POST', headers, remoteAddress: null, search: '', body: parsed });
      const out: Record<string, string> = { 'x-request-id': requestId, 'x-correlation-id': correlationId, ...Object.fromEntries(answer.headers) };
      return { status: answer.status, headers: out, body: await answerText(answer) };
    }
  };
}

/** A subgraph HTTP service: POST/GET /graphql behind principal verification, plus probes. */
export async function startSubgraphService(
  options: SubgraphServiceOptions,
): Promise<HttpService & { apollo: ApolloServer<SubgraphContext>; inProcess: InProcessGraphQL }> {
  const apollo = createSubgraphApollo(options);
  await apollo.start();
  const graphqlOptions: GraphQLHandlerOptions<SubgraphContext> = {
    maxBodyBytes: options.maxBodyBytes ?? 1_048_576,
    context: subgraphContextFactory(options.internalAuthSecret, options.logger),
    responseHeaders: (ctx): Record<string, string> => {
      const f = ctx.extensions['freshness'] as { lagMs?: number } | undefined;
      return f?.lagMs !== undefined ? { 'x-projection-lag-ms': String(f.lagMs) } : {};
    },
  };
  const handle = graphqlHttpHandler(apollo, graphqlOptions);
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
    inProcess: inProcessGraphQL(options.name, options.logger, apollo, graphqlOptions),
    stop: async () => {
      await stopHttp();
      await apollo.stop();
    },
  });
}
