import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { AppError, toHttpError } from '@crm/platform/errors';
import { sendJson } from '@crm/platform/http';
import type { GatewayClient, GraphQLResult } from './gateway-client';
import type { Operation, GqlUserError } from './operation';
import { fromGraphQLError, fromUserError } from './errors';
import type { FieldNames } from './field-names';
import { callerKeyOf, type ReadYourWrites } from './read-your-writes';
import { forwardedHeaders, headerValue, queryParams, readJsonArray, readJsonObject } from './request';
import { readMultipart, type MultipartBody, type MultipartSpec } from './multipart';
import type { Method } from './router';

/** The header the read side honours (platform/graphql CONSISTENCY_HEADER; not imported to keep this module light). */
export const CONSISTENCY_HEADER = 'x-consistency-token';

/**
 * Tells the gateway authenticator which API family a call belongs to (gateway/credentials.ts
 * API_FAMILY_HEADER; a unit test keeps the two equal): only that family's access tokens are
 * accepted, so a contact (self-service) token is refused on back-office routes and vice versa.
 * Always set by the facade from the route's path; a caller's own header is never passed on.
 */
export const API_FAMILY_HEADER = 'x-crm-api-family';
export type ApiFamily = 'backoffice' | 'self-service';

/** The API family of a facade path, from its first segment; null for any other path. */
export function apiFamilyOf(pathname: string): ApiFamily | null {
  if (pathname.startsWith('/backoffice/')) return 'backoffice';
  if (pathname.startsWith('/self-service/')) return 'self-service';
  return null;
}

/** The route a request matched: its template (`/backoffice/v2/contacts/:id`), not the raw path. */
export interface MatchedRoute {
  method: Method;
  /** The path template as the router matched it. */
  path: string;
  family: ApiFamily;
  /** The resource folder (`contacts`, `api-keys`…). */
  resource: string;
  operationId: string | null;
}

const matchedRoutes = new WeakMap<IncomingMessage, MatchedRoute>();

/** The route the facade matched for `req` (for access logs and metrics: low-cardinality templates); undefined when none did. */
export function matchedRouteOf(req: IncomingMessage): MatchedRoute | undefined {
  return matchedRoutes.get(req);
}

/** Records the matched route of a request (the facade calls it before running the handler). */
export function setMatchedRoute(req: IncomingMessage, route: MatchedRoute): void {
  matchedRoutes.set(req, route);
}

/** What every route handler gets: the request, its parameters, and the way to the gateway. */
export interface RestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  /** The matched route (template, family, resource, operationId). */
  route: MatchedRoute;
  /** Headers passed on to the gateway (api_key, authorization, x-dev-*, x-request-id, x-correlation-id, and the facade's x-crm-api-family). */
  headers: Record<string, string>;
  /** sha256 of the caller's identity headers: the read-your-writes key. */
  callerKey: string;
  gateway: GatewayCaller;
  /** A GatewayCaller sending exactly `headers` instead of the caller's (auth routes choose what to pass on). */
  gatewayWith(headers: Record<string, string>): GatewayCaller;
  readBody(): Promise<Record<string, unknown>>;
  /** Like readBody, but an empty body reads as `{}` (routes whose body is optional). */
  readOptionalBody(): Promise<Record<string, unknown>>;
  /** A JSON array body (bulk operations). */
  readArrayBody(): Promise<unknown[]>;
  /** A multipart/form-data body (one file part and the named text fields), the file bounded by the facade's body limit too. */
  readMultipart(spec: MultipartSpec): Promise<MultipartBody>;
}

export type Handler = (ctx: RestContext) => Promise<void>;

/** Routes without query parameters refuse any (a typo should not pass silently). */
export function noQuery(ctx: RestContext): void {
  queryParams(ctx.url.searchParams, []);
}

export function param(ctx: RestContext, name: string): string {
  const v = ctx.params[name];
  if (v === undefined) throw new AppError('INTERNAL', `route parameter ${name} missing`);
  return v;
}

/**
 * The wait a RATE_LIMITED GraphQL error states in its message (`… try again in 900 seconds`, as
 * the identity login limits say it); the gateway sends no Retry-After header for in-process calls.
 */
export function retryAfterOf(message: string | undefined): string | undefined {
  const m = /\btry again in ([0-9]{1,7}) seconds?\b/.exec(message ?? '');
  return m?.[1];
}

/**
 * Runs the facade's GraphQL operations through the GatewayClient: forwards the caller's headers,
 * adds the caller's remembered consistency tokens to queries, turns GraphQL errors and payload
 * UserErrors into AppErrors with REST field names, and remembers mutations' consistency tokens.
 */
export class GatewayCaller {
  constructor(
    private readonly client: GatewayClient,
    private readonly ryw: ReadYourWrites,
    private readonly logger: Logger,
    private readonly headers: Record<string, string>,
    private readonly callerKey: string,
    private readonly clientIp: string | null = null,
  ) {}

  private async headersFor(op: Operation): Promise<Record<string, string>> {
    if (op.kind !== 'query') return { ...this.headers };
    const ours = await this.ryw.tokens(this.callerKey);
    const theirs = (this.headers[CONSISTENCY_HEADER] ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const tokens = [...new Set([...ours, ...theirs])].slice(0, 20);
    return tokens.length > 0 ? { ...this.headers, [CONSISTENCY_HEADER]: tokens.join(',') } : { ...this.headers };
  }

  /** Executes `op`; returns `data` or throws the first error as an AppError (fields named per `scope`). */
  async run(op: Operation, variables: Record<string, unknown>, scope: FieldNames): Promise<Record<string, unknown>> {
    let result: GraphQLResult;
    try {
      result = await this.client.execute({
        query: op.query,
        operationName: op.operationName,
        variables,
        headers: await this.headersFor(op),
        clientIp: this.clientIp,
      });
    } catch (err) {
      this.logger.error({ err, operation: op.operationName }, 'REST facade: gateway call failed');
      throw new AppError('UNAVAILABLE', 'The service is temporarily unavailable', { reason: 'GATEWAY_UNAVAILABLE' });
    }
    const errors = result.body?.errors ?? [];
    if (errors.length > 0 || result.status >= 400 || !result.body?.data) {
      const error = fromGraphQLError(errors[0], scope, result.status);
      if (error.code === 'INTERNAL' || (errors[0]?.extensions?.code ?? '').toString().startsWith('GRAPHQL_')) {
        this.logger.warn({ operation: op.operationName, status: result.status, errors }, 'REST facade: GraphQL operation failed');
      }
      const retryAfter = result.headers?.['retry-after'] ?? retryAfterOf(errors[0]?.message);
      if (error.code === 'RATE_LIMITED' && retryAfter) (error as AppError & { retryAfter?: string }).retryAfter = retryAfter;
      throw error;
    }
    return result.body.data;
  }

  /** Remembers a write's consistency token for this caller (the headers this GatewayCaller sends). */
  remember(token: string | null | undefined): Promise<void> {
    return this.ryw.remember(this.callerKey, token);
  }

  /**
   * Runs a mutation and returns its payload (`data[field]`). A payload UserError becomes an
   * AppError; the consistency token of a successful write is remembered for the caller.
   */
  async mutate<P extends { consistencyToken: string | null; errors: GqlUserError[] }>(
    op: Operation,
    variables: Record<string, unknown>,
    field: string,
    scope: FieldNames,
  ): Promise<P> {
    const data = await this.run(op, variables, scope);
    const payload = data[field] as P | null | undefined;
    if (!payload) throw new AppError('INTERNAL', `mutation ${field} returned no payload`);
    const first = payload.errors?.[0];
    if (first) throw fromUserError(first, scope);
    await this.ryw.remember(this.callerKey, payload.consistencyToken);
    return payload;
  }
}

export interface ContextDeps {
  client: GatewayClient;
  ryw: ReadYourWrites;
  logger: Logger;
  maxBodyBytes: number;
}

export function createContext(
  deps: ContextDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  params: Record<string, string>,
  route: MatchedRoute,
): RestContext {
  const headers = forwardedHeaders(req);
  const consistency = headerValue(req, CONSISTENCY_HEADER);
  if (consistency) headers[CONSISTENCY_HEADER] = consistency;
  // the HTTP service assigns ids when the caller sent none; pass those on so logs line up
  for (const name of ['x-request-id', 'x-correlation-id']) {
    const assigned = res.getHeader(name);
    if (headers[name] === undefined && typeof assigned === 'string') headers[name] = assigned;
  }
  const family = apiFamilyOf(url.pathname);
  if (family) headers[API_FAMILY_HEADER] = family;
  const callerKey = callerKeyOf(headers);
  const clientIp = req.socket.remoteAddress ?? null;
  return {
    req,
    res,
    url,
    params,
    route,
    headers,
    callerKey,
    gateway: new GatewayCaller(deps.client, deps.ryw, deps.logger, headers, callerKey, clientIp),
    gatewayWith: (chosen) => new GatewayCaller(deps.client, deps.ryw, deps.logger, { ...chosen }, callerKeyOf(chosen), clientIp),
    readBody: () => readJsonObject(req, deps.maxBodyBytes),
    readOptionalBody: () => readJsonObject(req, deps.maxBodyBytes, { optional: true }),
    readArrayBody: () => readJsonArray(req, deps.maxBodyBytes),
    readMultipart: (spec) => readMultipart(req, { ...spec, maxFileBytes: Math.min(spec.maxFileBytes, deps.maxBodyBytes) }),
  };
}

/** Sends any error as `{error, message, field?, correlation_id?}`; unknown errors are logged and masked. */
export function sendError(res: ServerResponse, err: unknown, logger: Logger, extraHeaders: Record<string, string> = {}): void {
  if (!(err instanceof AppError) || err.code === 'INTERNAL') logger.error({ err }, 'REST facade: request failed');
  const correlation = res.getHeader('x-correlation-id');
  const { status, body } = toHttpError(err, typeof correlation === 'string' ? correlation : undefined);
  const retryAfter = (err as { retryAfter?: unknown }).retryAfter;
  const headers = { ...extraHeaders, ...(typeof retryAfter === 'string' ? { 'retry-after': retryAfter } : {}) };
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, body, headers);
}

export { sendJson };
