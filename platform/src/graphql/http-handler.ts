import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { readBody, parseJsonBody, isJsonContentType } from '../http/body';
import { AppError } from '../errors/app-error';
import { httpStatusOf } from '../errors/to-http-error';
import { currentRequestContext } from '../logging/context';

export interface GraphQLHandlerOptions<C extends BaseContext> {
  maxBodyBytes: number;
  /** Builds the context; an AppError here (e.g. UNAUTHENTICATED) becomes an HTTP error. */
  context: (req: IncomingMessage) => Promise<C>;
  /** Extra response headers computed from the context after execution. */
  responseHeaders?: (ctx: C) => Record<string, string>;
}

function writeGraphQLError(res: ServerResponse, err: AppError): void {
  const ctx = currentRequestContext();
  const body = JSON.stringify({
    errors: [
      {
        message: err.message,
        extensions: { code: err.code, ...(err.reason ? { reason: err.reason } : {}), ...(ctx ? { correlationId: ctx.correlationId } : {}) },
      },
    ],
  });
  res.writeHead(httpStatusOf(err.code), { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Serves an ApolloServer on node:http through Apollo's integration API. */
export function graphqlHttpHandler<C extends BaseContext>(server: ApolloServer<C>, options: GraphQLHandlerOptions<C>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    let context: C;
    try {
      if (req.method === 'POST') {
        const raw = await readBody(req, options.maxBodyBytes);
        body = isJsonContentType(req.headers['content-type']) ? parseJsonBody(raw) : raw.toString('utf8');
      }
      context = await options.context(req);
    } catch (err) {
      if (err instanceof AppError) return writeGraphQLError(res, err);
      throw err;
    }
    const search = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?')) : '';
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search, body },
      context: async () => context,
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    for (const [key, value] of Object.entries(options.responseHeaders?.(context) ?? {})) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
