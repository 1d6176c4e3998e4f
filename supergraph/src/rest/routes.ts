import { Kind, parse } from 'graphql';
import type { Route } from './kit/router';
import { groupRoutes, type Method } from './kit/router';
import type { Handler, MatchedRoute } from './kit/context';
import type { RestResource } from './kit/resource';
import { backofficeResources } from './backoffice';
import { selfServiceResources } from './self-service';

/** Every resource of the facade: the two families' indexes (one line per resource folder each). */
export function restResources(): RestResource[] {
  return [...selfServiceResources, ...backofficeResources];
}

/** A route's handler with what the request context and the access log say about it. */
export interface RouteEntry {
  handler: Handler;
  route: MatchedRoute;
}

/**
 * Every route the facade serves, one router Route per path template, each method's handler with
 * its MatchedRoute. Registration order does not matter (the router matches by specificity);
 * conflicting templates throw when the router is compiled.
 */
export function restRouteEntries(resources: readonly RestResource[] = restResources()): Route<RouteEntry>[] {
  const entries = resources.flatMap((r) => r.routes.map((route) => ({ resource: r, route })));
  return groupRoutes(entries, (e) => e.route).map((g) => ({
    pattern: g.path,
    handlers: Object.fromEntries(
      g.entries.map(({ resource, route }) => [
        route.method,
        {
          handler: route.handler,
          route: {
            method: route.method,
            path: route.path,
            family: resource.family,
            resource: resource.name,
            operationId: route.doc.operationId ?? null,
          },
        },
      ]),
    ) as Partial<Record<Method, RouteEntry>>,
  }));
}

/** Every route the facade serves, one Route per path template (the OpenAPI test compares the two). */
export function restRoutes(resources: readonly RestResource[] = restResources()): Route<Handler>[] {
  return restRouteEntries(resources).map((r) => ({
    pattern: r.pattern,
    handlers: Object.fromEntries(Object.entries(r.handlers).map(([m, e]) => [m, e.handler])) as Partial<Record<Method, Handler>>,
  }));
}

/** One row of the route table. */
export interface RouteInfo extends MatchedRoute {
  /** The same template as OpenAPI writes it (`/backoffice/v2/contacts/{id}`). */
  openApiPath: string;
  /** The GraphQL operations the route may send. */
  graphqlOperations: string[];
  /** Their root fields (`Mutation.setContactTags`): the keys of the authorization policy (security/policy-table.ts). */
  graphqlRootFields: string[];
}

/** `Query.contact`, `Mutation.createContact`… selected at the top of an operation (aliases and __typename left out). */
function rootFieldsOf(query: string): string[] {
  const out: string[] = [];
  for (const def of parse(query).definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    const type = def.operation === 'mutation' ? 'Mutation' : def.operation === 'subscription' ? 'Subscription' : 'Query';
    for (const sel of def.selectionSet.selections)
      if (sel.kind === Kind.FIELD && !sel.name.value.startsWith('__')) out.push(`${type}.${sel.name.value}`);
  }
  return out;
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
        graphqlRootFields: [...new Set(route.operations.flatMap((o) => rootFieldsOf(o.query)))],
      })),
    )
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : order.indexOf(a.method) - order.indexOf(b.method)));
}
