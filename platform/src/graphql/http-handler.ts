import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import { readBody, parseJsonBody, isJsonContentType } from '../http/body';
import { AppError } from '../errors/app-error';
import { httpStatusOf } from '../errors/to-http-error';
import { currentRequestContext } from '../logging/context';

/** What a context factory sees of a request, whether it came over a socket or in process. */
export interface GraphQLRequestHead {
  headers: IncomingHttpHeaders;
  /** The peer's address (null in process). */
  remoteAddress: string | null;
}

export interface GraphQLHandlerOptions<C extends BaseContext> {
  maxBodyBytes: number;
  /** Builds the context; an AppError here (e.g. UNAUTHENTICATED) becomes an HTTP error. */
  context: (head: GraphQLRequestHead) => Promise<C>;
  /** Extra response headers computed from the context after execution. */
  responseHeaders?: (ctx: C) => Record<string, string>;
}

/** One GraphQL request, already read off its transport. */
export interface GraphQLCall extends GraphQLRequestHead {
  method: string;
  search: string;
  /** Parsed JSON (POST application/json), the raw text of another POST, or undefined (GET). */
  body: unknown;
}

/** Apollo's answer with the headers the options add; `body` may be streamed (incremental delivery). */
export interface GraphQLAnswer {
  status: number;
  headers: Map<string, string>;
  body: HTTPGraphQLResponse['body'];
}

/** The answer to a request refused before execution (its body or its credentials), as GraphQL errors. */
export function graphqlErrorAnswer(err: AppError): GraphQLAnswer {
  const ctx = currentRequestContext();
  const body = JSON.stringify({
    errors: [
      {
        message: err.message,
        extensions: { code: err.code, ...(err.reason ? { reason: err.reason } : {}), ...(ctx ? { correlationId: ctx.correlationId } : {}) },
      },
    ],
  });
  return {
    status: httpStatusOf(err.code),
    headers: new Map([['content-type', 'application/json; charset=utf-8']]),
    body: { kind: 'complete', string: body },
  };
}

/**
 * Runs one GraphQL request through Apollo's integration API, independent of the transport: the
 * context is built from the request's head (an AppError there becomes the error answer), and the
 * options' response headers are added. The node:http handler and in-process callers share it.
 */
export function graphqlExecutor<C extends BaseContext>(server: ApolloServer<C>, options: Omit<GraphQLHandlerOptions<C>, 'maxBodyBytes'>) {
  return async (call: GraphQLCall): Promise<GraphQLAnswer> => {
    let context: C;
    try {
      context = await options.context(call);
    } catch (err) {
      if (err instanceof AppError) return graphqlErrorAnswer(err);
      throw err;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(call.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: call.method.toUpperCase(), headers, search: call.search, body: call.body },
      context: async () => context,
    });
    const out = new Map<string, string>(response.headers);
    for (const [key, value] of Object.entries(options.responseHeaders?.(context) ?? {})) out.set(key, value);
    return { status: response.status ?? 200, headers: out, body: response.body };
  };
}

/** The whole body of an answer as text (a streamed one joined). */
export async function answerText(answer: GraphQLAnswer): Promise<string> {
  if (answer.body.kind === 'complete') return answer.body.string;
  let text = '';
  for await (const chunk of answer.body.asyncIterator) text += chunk;
  return text;
}

/** Serves an ApolloServer on node:http through Apollo's integration API. */
export function graphqlHttpHandler<C extends BaseContext>(server: ApolloServer<C>, options: GraphQLHandlerOptions<C>) {
  const execute = graphqlExecutor(server, options);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let body: unknown;
    let answer: GraphQLAnswer | undefined;
    try {
      if (req.method === 'POST') {
        const raw = await readBody(req, options.maxBodyBytes);
        body = isJsonContentType(req.headers['content-type']) ? parseJsonBody(raw) : raw.toString('utf8');
      }
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      answer = graphqlErrorAnswer(err);
    }
    const search = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?')) : '';
    answer ??= await execute({ method: req.method ?? 'GET', headers: req.headers, remoteAddress: req.socket.remoteAddress ?? null, search, body });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status;
    if (answer.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(answer.body.string));
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
