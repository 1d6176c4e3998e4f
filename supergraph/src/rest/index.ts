import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { AppError } from '@crm/platform/errors';
import { annotateRequest } from '@crm/platform/logging';
import type { Cache } from '@crm/platform/cache';
import { exceptionOfReason } from './kit/catalogues';
import type { GatewayClient } from './kit/gateway-client';
import { allowedMethods, compileRoutes, type Method, type RouteMatch } from './kit/router';
import { createContext, sendError, setMatchedRoute } from './kit/context';
import { ReadYourWrites } from './kit/read-your-writes';
import { restRouteEntries, type RouteEntry } from './routes';

export type { GatewayClient, GraphQLCall, GraphQLResult, GraphQLErrorShape } from './kit/gateway-client';
export { restRouteTable, type RouteInfo } from './routes';
export { matchedRouteOf, type MatchedRoute } from './kit/context';

export interface RestFacadeOptions {
  client: GatewayClient;
  cache: Cache;
  logger: Logger;
  /** Largest accepted request body (default 1 MiB); larger bodies get 413. */
  maxBodyBytes?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The CRM.COM-style REST facade over the GraphQL gateway: back-office and self-service contact
 * routes, each translated to one or a few GraphQL operations through `client`.
 *
 * Returns a handler that resolves false when the path is not one of its routes (the gateway then
 * serves GraphQL or 404s) and true when it answered. Every failure is answered as
 * `{error:"CRM.EXCEPTIONS.X", message, field?, correlation_id?}`; bad input is always a 4xx.
 */
export function createRestFacade(options: RestFacadeOptions): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const logger = options.logger.child({ component: 'rest-facade' });
  const deps = {
    client: options.client,
    ryw: new ReadYourWrites(options.cache, logger),
    logger,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  };
  // compiled once at start-up: conflicting route templates fail here, not on a request
  const router = compileRoutes(restRouteEntries());
  // so are the error catalogues: a service without one (or two disagreeing) fails here
  exceptionOfReason('', 'INTERNAL');

  return async (req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://facade.invalid');
    } catch {
      return false;
    }
    let match: RouteMatch<RouteEntry> | null;
    try {
      match = router.match(url.pathname);
    } catch (err) {
      sendError(res, err, logger);
      return true;
    }
    if (!match) return false;
    annotateRequest({ route: match.route.pattern });

    const method = (req.method ?? 'GET') as Method;
    const entry = Object.hasOwn(match.route.handlers, method) ? match.route.handlers[method] : undefined;
    if (!entry) {
      const allow = allowedMethods(match.route).join(', ');
      sendError(
        res,
        new AppError('METHOD_NOT_ALLOWED', `${req.method ?? ''} is not allowed here; allowed: ${allow}`, { reason: 'METHOD_NOT_ALLOWED' }),
        logger,
        {
          allow,
        },
      );
      return true;
    }
    try {
      setMatchedRoute(req, entry.route);
      await entry.handler(createContext(deps, req, res, url, match.params, entry.route));
    } catch (err) {
      sendError(res, err, logger);
    }
    return true;
  };
}
