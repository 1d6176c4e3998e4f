import { AppError } from '@crm/platform/errors';

/**
 * A tiny path router: `/backoffice/v2/contacts/:id/tags` patterns, exact literal segments,
 * percent-decoded parameters of at most 100 characters, one optional trailing slash. Matching
 * is by specificity (a literal segment beats a parameter), never by registration order.
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Route<H> {
  pattern: string;
  handlers: Partial<Record<Method, H>>;
}

export interface RouteMatch<H> {
  route: Route<H>;
  params: Record<string, string>;
}

export const MAX_SEGMENT_LENGTH = 100;

function segmentsOf(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.split('/').slice(1);
}

function decodeParam(name: string, raw: string): string {
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    throw AppError.validation(name, 'is not a valid URL path segment', 'INVALID_PATH');
  }
  if (value.length > MAX_SEGMENT_LENGTH) throw AppError.validation(name, `must be at most ${MAX_SEGMENT_LENGTH} characters`, 'TOO_LONG');

  if (/[\u0000-\u001F\u007F/]/.test(value)) throw AppError.validation(name, 'contains characters that are not allowed', 'INVALID_PATH');
  return value;
}

interface TrieNode<H> {
  literals: Map<string, TrieNode<H>>;
  param: TrieNode<H> | null;
  route: Route<H> | null;
}

const newNode = <H>(): TrieNode<H> => ({ literals: new Map(), param: null, route: null });

/** A compiled route table: matching does not depend on the order routes were registered in. */
export interface CompiledRoutes<H> {
  match(pathname: string): RouteMatch<H> | null;
}

/**
 * Compiles routes into a segment trie. At every segment a literal beats a parameter
 * (`/contacts/refresh` wins over `/contacts/:id` for `/contacts/refresh`, in any registration
 * order), and the first segment decides: `/a/x/:y` wins over `/a/:id/b` for `/a/x/b`. Two
 * patterns that match the same paths (`/contacts/:id` and `/contacts/:contact_id`, or the same
 * pattern twice) are a start-up error naming both.
 */
export function compileRoutes<H>(routes: readonly Route<H>[]): CompiledRoutes<H> {
  const root = newNode<H>();
  for (const route of routes) {
    let node = root;
    const names = new Set<string>();
    for (const segment of segmentsOf(route.pattern)) {
      if (segment.startsWith(':')) {
        const name = segment.slice(1);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`route ${route.pattern}: bad parameter name ${segment}`);
        if (names.has(name)) throw new Error(`route ${route.pattern}: parameter ${name} appears twice`);
        names.add(name);
        node = node.param ??= newNode<H>();
      } else {
        let next = node.literals.get(segment);
        if (!next) node.literals.set(segment, (next = newNode<H>()));
        node = next;
      }
    }
    if (node.route) throw new Error(`conflicting routes: ${node.route.pattern} and ${route.pattern} match the same paths`);
    node.route = route;
  }

  const find = (node: TrieNode<H>, segments: string[], i: number): Route<H> | null => {
    if (i === segments.length) return node.route;
    const segment = segments[i]!;
    const literal = node.literals.get(segment);
    const viaLiteral = literal ? find(literal, segments, i + 1) : null;
    if (viaLiteral) return viaLiteral;
    return node.param && segment !== '' ? find(node.param, segments, i + 1) : null;
  };

  return {
    match(pathname) {
      const actual = segmentsOf(pathname);
      const route = find(root, actual, 0);
      if (!route) return null;
      const params: Record<string, string> = {};
      segmentsOf(route.pattern).forEach((segment, i) => {
        if (segment.startsWith(':')) params[segment.slice(1)] = decodeParam(segment.slice(1), actual[i]!);
      });
      return { route, params };
    },
  };
}

const compiled = new WeakMap<readonly Route<unknown>[], CompiledRoutes<unknown>>();

/**
 * The route whose pattern matches `pathname` (the most specific one, whatever the order of
 * `routes`), with its decoded parameters; null when none does. Throws a 400 AppError when a route
 * matches but a parameter is malformed or too long, and an Error when two patterns conflict.
 */
export function matchRoute<H>(routes: readonly Route<H>[], pathname: string): RouteMatch<H> | null {
  let router = compiled.get(routes) as CompiledRoutes<H> | undefined;
  if (!router) {
    router = compileRoutes(routes);
    compiled.set(routes, router as CompiledRoutes<unknown>);
  }
  return router.match(pathname);
}

const METHODS: Method[] = ['GET', 'PUT', 'POST', 'DELETE'];

/** The methods a route serves, in a fixed order (GET, PUT, POST, DELETE) whatever order they were registered in. */
export function allowedMethods<H>(route: Route<H>): Method[] {
  return METHODS.filter((m) => Object.hasOwn(route.handlers, m) && route.handlers[m] !== undefined);
}

/** Route definitions sharing one path template, in the order first seen. */
export interface RouteGroup<E> {
  path: string;
  entries: E[];
}

/**
 * Groups per-method route definitions by path template (one router Route, one OpenAPI path item
 * each). Two definitions of the same method and template are a start-up error.
 */
export function groupRoutes<E>(entries: readonly E[], routeOf: (e: E) => { method: Method; path: string }): RouteGroup<E>[] {
  const groups = new Map<string, RouteGroup<E>>();
  for (const entry of entries) {
    const { method, path } = routeOf(entry);
    let group = groups.get(path);
    if (!group) groups.set(path, (group = { path, entries: [] }));
    if (group.entries.some((e) => routeOf(e).method === method)) throw new Error(`route ${method} ${path} is defined twice`);
    group.entries.push(entry);
  }
  return [...groups.values()];
}
