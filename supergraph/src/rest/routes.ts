import type { Route } from './kit/router';
import { groupRoutes, type Method } from './kit/router';
import type { ApiFamily, Handler } from './kit/context';
import type { RestResource } from './kit/resource';
import { backofficeResources } from './backoffice';
import { selfServiceResources } from './self-service';

/** Every resource of the facade: the two families' indexes (one line per resource folder each). */
export function restResources(): RestResource[] {
  return [...selfServiceResources, ...backofficeResources];
}

/** Every route the facade serves, one Route per path template (the router and the OpenAPI document both use this). */
export function restRoutes(resources: readonly RestResource[] = restResources()): Route<Handler>[] {
  return groupRoutes(
    resources.flatMap((r) => r.routes),
    (r) => r,
  ).map((g) => ({ pattern: g.path, handlers: Object.fromEntries(g.entries.map((r) => [r.method, r.handler])) as Partial<Record<Method, Handler>> }));
}

/** One row of the route table. */
export interface RouteInfo {
  method: Method;
  /** The path template as the router matches it (`/backoffice/v2/contacts/:id`). */
  path: string;
  /** The same template as OpenAPI writes it (`/backoffice/v2/contacts/{id}`). */
  openApiPath: string;
  family: ApiFamily;
  /** The resource folder (`contacts`, `contact-auth`, `api-keys`…). */
  resource: string;
  operationId: string | null;
  /** The GraphQL operations the route may send. */
  graphqlOperations: string[];
}

/**
 * The real route table of the facade, sorted by path then method: what the contract coverage
 * report compares with the CRM.COM contracts. Built from the same definitions the router serves.
 */
export function restRouteTable(resources: readonly RestResource[] = restResources()): RouteInfo[] {
  const order: Method[] = ['GET', 'PUT', 'POST', 'DELETE'];
  return resources
    .flatMap((r) =>
      r.routes.map((route) => ({
        method: route.method,
        path: route.path,
        openApiPath: route.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}'),
        family: r.family,
        resource: r.name,
        operationId: route.doc.operationId ?? null,
        graphqlOperations: route.operations.map((o) => o.operationName),
      })),
    )
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : order.indexOf(a.method) - order.indexOf(b.method)));
}
