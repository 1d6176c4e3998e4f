import { AppError } from '@crm/platform/errors';

/**
 * A tiny path router: `/backoffice/v2/contacts/:id/tags` patterns, exact literal segments,
 * percent-decoded parameters of at most 100 characters, one optional trailing slash.
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

/**
 * The route whose pattern matches `pathname`, with its decoded parameters; null when none does.
 * Throws a 400 AppError when a route matches but a parameter is malformed or too long.
 */
export function matchRoute<H>(routes: readonly Route<H>[], pathname: string): RouteMatch<H> | null {
  const actual = segmentsOf(pathname);
  for (const route of routes) {
    const expected = segmentsOf(route.pattern);
    if (expected.length !== actual.length) continue;
    const rawParams: [string, string][] = [];
    let ok = true;
    for (let i = 0; i < expected.length && ok; i++) {
      const e = expected[i]!;
      const a = actual[i]!;
      if (e.startsWith(':')) {
        if (a === '') ok = false;
        else rawParams.push([e.slice(1), a]);
      } else if (e !== a) ok = false;
    }
    if (!ok) continue;
    const params: Record<string, string> = {};
    for (const [name, raw] of rawParams) params[name] = decodeParam(name, raw);
    return { route, params };
  }
  return null;
}

export function allowedMethods<H>(route: Route<H>): Method[] {
  return (Object.keys(route.handlers) as Method[]).filter((m) => route.handlers[m] !== undefined);
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
