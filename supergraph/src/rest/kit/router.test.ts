import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@crm/platform/errors';
import { allowedMethods, matchRoute, type Route } from './router';

const routes: Route<string>[] = [
  { pattern: '/backoffice/v2/contacts', handlers: { GET: 'list', POST: 'create' } },
  { pattern: '/backoffice/v2/contacts/:id', handlers: { GET: 'get', PUT: 'put', DELETE: 'delete' } },
  { pattern: '/backoffice/v2/contacts/:id/tags', handlers: { PUT: 'tags' } },
];

describe('matchRoute', () => {
  it('matches literals and decodes parameters', () => {
    assert.equal(matchRoute(routes, '/backoffice/v2/contacts')?.route, routes[0]);
    assert.equal(matchRoute(routes, '/backoffice/v2/contacts/')?.route, routes[0]);
    assert.deepEqual(matchRoute(routes, '/backoffice/v2/contacts/C%2D1')?.params, { id: 'C-1' });
    assert.deepEqual(matchRoute(routes, '/backoffice/v2/contacts/abc/tags')?.params, { id: 'abc' });
  });

  it('returns null for paths that are not routes', () => {
    assert.equal(matchRoute(routes, '/graphql'), null);
    assert.equal(matchRoute(routes, '/backoffice/v2/contacts/a/b'), null);
    assert.equal(matchRoute(routes, '/backoffice/v2/contacts//tags'), null);
    assert.equal(matchRoute(routes, '/backoffice/v1/contacts'), null);
  });

  it('rejects over-long or malformed parameters with a 400', () => {
    const bad = (path: string) =>
      assert.throws(
        () => matchRoute(routes, path),
        (e: unknown) => e instanceof AppError && e.code === 'VALIDATION' && e.field === 'id',
      );
    bad(`/backoffice/v2/contacts/${'a'.repeat(101)}`);
    bad('/backoffice/v2/contacts/%E0%A4%A');
    bad('/backoffice/v2/contacts/a%00b');
    bad('/backoffice/v2/contacts/a%2Fb');
    assert.ok(matchRoute(routes, `/backoffice/v2/contacts/${'a'.repeat(100)}`));
  });

  it('lists the allowed methods', () => {
    assert.deepEqual(allowedMethods(routes[1]!), ['GET', 'PUT', 'DELETE']);
  });
});
