import type { z } from 'zod';
import type { Method } from './router';
import type { ApiFamily, Handler } from './context';
import type { Operation } from './operation';
import type { Auth } from './security';

type Json = Record<string, unknown>;

/**
 * How one REST operation is documented in the facade's OpenAPI document (schema/rest/openapi.json).
 * Component names (`body`, `success.schema`, `query`, `notFound`…) are registered by a resource's
 * `openapi` fragment or by the kit (kit/openapi.ts); an unknown name fails generation.
 */
export interface OperationDoc {
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Which credentials the route takes (kit/security.ts); permissions are checked by the subgraphs. */
  audience: Auth;
  /** Component names of query parameters; none means the route refuses any query parameter. */
  query?: string[];
  /** Request body component. */
  body?: string;
  /** The body may be left out (default: required). */
  bodyOptional?: boolean;
  /** The body's media type when it is not JSON (file uploads: `multipart/form-data`, `body` then describes its parts). */
  bodyMedia?: 'multipart/form-data' | 'application/x-www-form-urlencoded';
  idempotencyKey?: boolean;
  /** The route reads (so x-consistency-token applies). */
  reads?: boolean;
  success: { status: 200 | 201 | 202 | 204; description: string; schema?: string; binary?: boolean };
  /** 404 is possible: true for the contact/address NotFound response, or the name of another response component. */
  notFound?: boolean | string;
  /** The 400 response component (default BadRequest), for a route with a domain-specific 400 (e.g. insufficient wallet funds). */
  badRequest?: string;
  /** The 401 response component (default Unauthorized). */
  unauthorized?: string;
  /** The 429 response component (default TooManyRequests). */
  tooMany?: string;
  /** A write: may conflict. */
  writes?: boolean;
  /** The 409 response component (default Conflict; implies writes). */
  conflict?: string;
}

/** One route: method + path template + handler + the GraphQL it sends + its OpenAPI operation. */
export interface RestRoute {
  method: Method;
  /** `/backoffice/v2/contacts/:id/tags`: literal segments and `:name` parameters. */
  path: string;
  handler: Handler;
  /** The GraphQL documents the handler may send (checked against the supergraph by operations.test.ts). */
  operations: readonly Operation[];
  /** Path parameter components by parameter name; defaults to the resource's `pathParameters`. */
  pathParameters?: Record<string, string>;
  doc: OperationDoc;
}

/** A zod schema published as `#/components/schemas/<name>`. */
export interface SchemaComponent {
  name: string;
  schema: z.ZodType;
  /** Request schemas: keywords merged after the generated ones (rules the handler checks after zod). */
  extend?: Json;
  /** Response schemas: a description placed first. */
  description?: string;
}

/** What a resource adds to the OpenAPI document besides its operations. Shared names must be identical. */
export interface OpenApiFragment {
  tags?: { name: string; description: string }[];
  requestSchemas?: SchemaComponent[];
  responseSchemas?: SchemaComponent[];
  /** Parameter components (path, query, header) by name. */
  parameters?: Record<string, Json>;
  /** Response components by name. */
  responses?: Record<string, Json>;
}

/** A resource folder's export: its routes and its OpenAPI fragment. */
export interface RestResource {
  family: ApiFamily;
  /** The folder name (`contacts`, `api-keys`). */
  name: string;
  /** Default path parameter components of the routes (`{ id: 'ContactId' }`). */
  pathParameters?: Record<string, string>;
  openapi: OpenApiFragment;
  routes: RestRoute[];
}

/** Identity function that type-checks a resource definition (and keeps `satisfies`-style inference). */
export function defineResource(resource: RestResource): RestResource {
  for (const route of resource.routes) {
    const prefix = `/${resource.family}/`;
    if (!route.path.startsWith(prefix))
      throw new Error(`resource ${resource.family}/${resource.name}: ${route.method} ${route.path} is outside ${prefix}`);
  }
  return resource;
}

/** One fragment out of several (a resource's own plus shared ones); the assembler checks that repeated names agree. */
export function mergeFragments(...fragments: OpenApiFragment[]): OpenApiFragment {
  return {
    tags: fragments.flatMap((f) => f.tags ?? []),
    requestSchemas: fragments.flatMap((f) => f.requestSchemas ?? []),
    responseSchemas: fragments.flatMap((f) => f.responseSchemas ?? []),
    parameters: Object.assign({}, ...fragments.map((f) => f.parameters ?? {})) as Record<string, Json>,
    responses: Object.assign({}, ...fragments.map((f) => f.responses ?? {})) as Record<string, Json>,
  };
}
