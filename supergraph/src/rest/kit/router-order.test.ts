import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allowedMethods, compileRoutes, matchRoute, type Route } from './router';
import { seededRandom, shuffled } from '../../testing/shuffle';

const routes: Route<string>[] = [
  { pattern: '/self-service/v2/contacts', handlers: { GET: 'exists' } },
  { pattern: '/self-service/v2/contacts/:id', handlers: { GET: 'contact', PUT: 'update', DELETE: 'unregister' } },
  { pattern: '/self-service/v2/contacts/refresh', handlers: { POST: 'refresh' } },
  { pattern: '/self-service/v2/contacts/change_password', handlers: { POST: 'reset' } },
  { pattern: '/self-service/v2/contacts/:id/change_password', handlers: { POST: 'change' } },
  { pattern: '/self-service/v2/contacts/oidc/:type', handlers: { GET: 'oidc' } },
  { pattern: '/self-service/v2/contacts/:id/addresses/:address_id', handlers: { PUT: 'address' } },
  { pattern: '/a/:id/b', handlers: { GET: 'param-then-literal' } },
  { pattern: '/a/x/:y', handlers: { GET: 'literal-then-param' } },
];

const expectations: [string, string | null, Record<string, string>?][] = [
  ['/self-service/v2/contacts', 'exists'],
  ['/self-service/v2/contacts/refresh', 'refresh'],
  ['/self-service/v2/contacts/refresh/', 'refresh'],
  ['/self-service/v2/contacts/change_password', 'reset'],
  ['/self-service/v2/contacts/C-1', 'contact', { id: 'C-1' }],
  ['/self-service/v2/contacts/refresh/change_password', 'change', { id: 'refresh' }],
  ['/self-service/v2/contacts/oidc/google', 'oidc', { type: 'google' }],
  // `oidc` is a literal only with a type after it: alone it is a contact id
  ['/self-service/v2/contacts/oidc', 'contact', { id: 'oidc' }],
  ['/self-service/v2/contacts/c1/addresses/a1', 'address', { id: 'c1', address_id: 'a1' }],
  // the first segment that differs decides: a literal there beats a parameter
  ['/a/x/b', 'literal-then-param', { y: 'b' }],
  ['/a/q/b', 'param-then-literal', { id: 'q' }],
  // a literal branch that dead-ends falls back to the parameter branch
  ['/self-service/v2/contacts/refresh/addresses/a1', 'address', { id: 'refresh', address_id: 'a1' }],
  ['/self-service/v2/contacts/c1/addresses', null],
  ['/a/x', null],
];

function label(match: ReturnType<typeof matchRoute<string>>): string | null {
  if (!match) return null;
  return Object.values(match.route.handlers)[0] ?? null;
}

describe('route matching does not depend on registration order', () => {
  it('a literal segment beats a parameter, in 50 shuffled registration orders', () => {
    const random = seededRandom(20261207);
    for (let round = 0; round < 50; round++) {
      const order = shuffled(routes, random);
      const router = compileRoutes(order);
      for (const [path, expected, params] of expectations) {
        const match = router.match(path);
        assert.equal(label(match), expected, `round ${round}: ${path} (order ${order.map((r) => r.pattern).join(' | ')})`);
        if (params) assert.deepEqual(match?.params, params, `round ${round}: ${path}`);
      }
    }
  });

  it('refuses conflicting templates at compile time, naming both', () => {
    assert.throws(
      () => compileRoutes([...routes, { pattern: '/self-service/v2/contacts/:contact_id', handlers: { POST: 'x' } }]),
      /conflicting routes: \/self-service\/v2\/contacts\/:id and \/self-service\/v2\/contacts\/:contact_id/,
    );
    assert.throws(() => compileRoutes([...routes, { pattern: '/a/x/:y', handlers: { PUT: 'x' } }]), /conflicting routes/);
    assert.throws(() => compileRoutes([{ pattern: '/a/:id/:id', handlers: { GET: 'x' } }]), /appears twice/);
    assert.throws(() => matchRoute([...routes, { pattern: '/a/:id/b', handlers: {} }], '/a/x/b'), /conflicting routes/);
  });

  it('lists allowed methods in a fixed order whatever the registration order', () => {
    assert.deepEqual(allowedMethods({ pattern: '/x', handlers: { DELETE: 1, GET: 2, POST: 3, PUT: 4 } }), ['GET', 'PUT', 'POST', 'DELETE']);
    assert.deepEqual(allowedMethods({ pattern: '/x', handlers: { POST: 1, GET: 2 } }), ['GET', 'POST']);
  });
});
