import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import jwt from 'jsonwebtoken';
import { AppError } from '../errors/app-error';
import {
  assertOwnContact,
  hasPermission,
  isAllowed,
  PrincipalSigner,
  PrincipalVerifier,
  signPrincipal,
  verifyPrincipal,
  type Principal,
} from './principal';

const SECRET = 'a-very-long-internal-secret-0123456789';
const user: Principal = { tenantId: 't1', kind: 'user', subjectId: 'u1', permissions: ['contacts.read', 'contacts.write'] };
const contact: Principal = { tenantId: 't1', kind: 'contact', subjectId: 'c1', permissions: [] };
const service: Principal = { tenantId: 't1', kind: 'service', subjectId: 'k1', permissions: ['*'] };
const anonymous: Principal = { tenantId: 't1', kind: 'anonymous', subjectId: null, permissions: [] };

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const goodClaims = () => ({
  tid: 't1',
  knd: 'user',
  prm: ['contacts.read'],
  sub: 'u1',
  iss: 'crm-gateway',
  aud: 'crm-subgraph',
  iat: now(),
  exp: now() + 60,
});

function rejects(token: string | undefined, reason: 'MISSING_PRINCIPAL' | 'INVALID_PRINCIPAL', secret = SECRET): void {
  assert.throws(
    () => verifyPrincipal(token, secret),
    (err: unknown) => err instanceof AppError && err.code === 'UNAUTHENTICATED' && err.reason === reason,
  );
}

describe('signPrincipal / verifyPrincipal', () => {
  it('round-trips every kind of principal', () => {
    for (const p of [user, contact, service, anonymous]) {
      assert.deepEqual(verifyPrincipal(signPrincipal(p, SECRET), SECRET), p);
    }
  });

  it('signs a short-lived HS256 token for the subgraph audience', () => {
    const token = signPrincipal(user, SECRET, 30);
    const decoded = jwt.decode(token, { complete: true });
    assert.ok(decoded && typeof decoded.payload === 'object');
    assert.equal(decoded.header.alg, 'HS256');
    assert.equal(decoded.payload.iss, 'crm-gateway');
    assert.equal(decoded.payload.aud, 'crm-subgraph');
    assert.equal(decoded.payload.sub, 'u1');
    assert.equal((decoded.payload.exp ?? 0) - (decoded.payload.iat ?? 0), 30);
  });

  it('rejects a missing or empty token', () => {
    rejects(undefined, 'MISSING_PRINCIPAL');
    rejects('', 'MISSING_PRINCIPAL');
  });

  it('rejects an oversized token, even a correctly signed one', () => {
    rejects('x'.repeat(8193), 'MISSING_PRINCIPAL');
    const big = jwt.sign({ ...goodClaims(), pad: 'p'.repeat(9000) }, SECRET, { algorithm: 'HS256' });
    assert.ok(big.length > 8192);
    rejects(big, 'MISSING_PRINCIPAL');
  });

  it('rejects a token signed with another secret', () => {
    rejects(signPrincipal(user, 'another-secret-that-is-long-enough-000'), 'INVALID_PRINCIPAL');
  });

  it('rejects an expired token (beyond the clock tolerance)', () => {
    rejects(signPrincipal(user, SECRET, -60), 'INVALID_PRINCIPAL');
    const { exp: _exp, iat: _iat, ...claims } = goodClaims();
    rejects(jwt.sign({ ...claims, iat: now() - 120, exp: now() - 30 }, SECRET), 'INVALID_PRINCIPAL');
  });

  it('rejects a token without an expiry', () => {
    const { exp: _exp, ...claims } = goodClaims();
    rejects(jwt.sign(claims, SECRET, { algorithm: 'HS256' }), 'INVALID_PRINCIPAL');
  });

  it('rejects a wrong issuer or audience', () => {
    rejects(jwt.sign({ ...goodClaims(), iss: 'someone-else' }, SECRET), 'INVALID_PRINCIPAL');
    rejects(jwt.sign({ ...goodClaims(), aud: 'crm-gateway' }, SECRET), 'INVALID_PRINCIPAL');
    const { iss: _i, aud: _a, ...noIssAud } = goodClaims();
    rejects(jwt.sign(noIssAud, SECRET), 'INVALID_PRINCIPAL');
  });

  it('rejects alg none and other algorithms', () => {
    rejects(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(goodClaims())}.`, 'INVALID_PRINCIPAL');
    rejects(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(goodClaims())}`, 'INVALID_PRINCIPAL');
    rejects(jwt.sign(goodClaims(), SECRET, { algorithm: 'HS512' }), 'INVALID_PRINCIPAL');
  });

  it('rejects a tampered payload', () => {
    const [header, , signature] = signPrincipal(contact, SECRET).split('.');
    const forged = `${header}.${b64({ ...goodClaims(), knd: 'service', prm: ['*'] })}.${signature}`;
    rejects(forged, 'INVALID_PRINCIPAL');
    rejects('not.a.jwt', 'INVALID_PRINCIPAL');
  });

  it('rejects correctly signed tokens with malformed claims', () => {
    const bad: Record<string, unknown>[] = [
      { tid: undefined },
      { tid: '' },
      { tid: 't'.repeat(65) },
      { knd: 'admin' },
      { prm: 'contacts.read' },
      { prm: [1, 2] },
      { prm: Array.from({ length: 501 }, (_, i) => `p${i}`) },
      { prm: ['x'.repeat(101)] },
      { sub: 's'.repeat(129) },
      { sub: 42 },
    ];
    for (const override of bad) {
      const claims: Record<string, unknown> = { ...goodClaims(), ...override };
      for (const k of Object.keys(claims)) if (claims[k] === undefined) delete claims[k];
      assert.throws(
        () => verifyPrincipal(jwt.sign(claims, SECRET), SECRET),
        (err: unknown) => err instanceof AppError && err.code === 'UNAUTHENTICATED',
        JSON.stringify(override).slice(0, 80),
      );
    }
  });
});

describe('authorization rules', () => {
  it('hasPermission honours the wildcard', () => {
    assert.ok(hasPermission(user, 'contacts.read'));
    assert.ok(!hasPermission(user, 'finance.write'));
    assert.ok(hasPermission(service, 'anything.at.all'));
  });

  it('anonymous principals only pass public rules', () => {
    assert.ok(isAllowed(anonymous, ['public']));
    assert.ok(!isAllowed(anonymous, ['contacts.read']));
    assert.ok(!isAllowed(anonymous, ['self']));
    assert.ok(!isAllowed({ ...anonymous, permissions: ['*'] }, ['contacts.read']));
  });

  it('public rules admit everyone', () => {
    for (const p of [user, contact, service, anonymous]) assert.ok(isAllowed(p, ['public']));
  });

  it('contact principals pass only rules that include self, whatever their permissions', () => {
    assert.ok(isAllowed(contact, ['contacts.read', 'self']));
    assert.ok(!isAllowed(contact, ['contacts.read']));
    assert.ok(!isAllowed({ ...contact, permissions: ['*', 'contacts.read'] }, ['contacts.read']));
  });

  it('users and services need one of the listed permissions; self never counts for them', () => {
    assert.ok(isAllowed(user, ['contacts.read']));
    assert.ok(isAllowed(user, ['finance.write', 'contacts.write']));
    assert.ok(!isAllowed(user, ['finance.write']));
    assert.ok(!isAllowed(user, ['self']));
    assert.ok(!isAllowed({ ...user, permissions: ['self'] }, ['self']));
    assert.ok(isAllowed(service, ['finance.write']));
    assert.ok(!isAllowed(service, ['self']));
    assert.ok(!isAllowed(user, []));
  });

  it('assertOwnContact lets contacts touch only their own contact, hiding others as NOT_FOUND', () => {
    assert.doesNotThrow(() => assertOwnContact(contact, 'c1'));
    assert.throws(
      () => assertOwnContact(contact, 'c2'),
      (err: unknown) => err instanceof AppError && err.code === 'NOT_FOUND' && err.reason === 'CONTACT_NOT_FOUND',
    );
    assert.throws(() => assertOwnContact({ ...contact, subjectId: null }, 'c1'), AppError);
    for (const p of [user, service, anonymous]) assert.doesNotThrow(() => assertOwnContact(p, 'c2'));
  });
});

describe('PrincipalSigner and PrincipalVerifier (cached hot path)', () => {
  const secret = 's'.repeat(40);
  const user = { tenantId: 't1', kind: 'user' as const, subjectId: 'u1', permissions: ['contacts.read'] };

  it('reuses one token per distinct principal and signs a new one when anything differs', () => {
    const signer = new PrincipalSigner(secret);
    const a = signer.sign(user);
    assert.equal(signer.sign({ ...user, permissions: ['contacts.read'] }), a);
    assert.notEqual(signer.sign({ ...user, permissions: ['contacts.read', 'contacts.write'] }), a);
    assert.notEqual(signer.sign({ ...user, tenantId: 't2' }), a);
    assert.notEqual(signer.sign({ ...user, kind: 'contact' }), a);
  });

  it('verifies, caches, and still rejects a tampered copy of a cached token or another secret', () => {
    const token = new PrincipalSigner(secret).sign(user);
    const verifier = new PrincipalVerifier(secret);
    assert.deepEqual(verifier.verify(token), user);
    assert.deepEqual(verifier.verify(token), user);
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    assert.throws(
      () => verifier.verify(tampered),
      (e: unknown) => e instanceof AppError && e.code === 'UNAUTHENTICATED',
    );
    assert.throws(
      () => new PrincipalVerifier('x'.repeat(40)).verify(token),
      (e: unknown) => e instanceof AppError && e.code === 'UNAUTHENTICATED',
    );
    assert.throws(
      () => verifier.verify(undefined),
      (e: unknown) => e instanceof AppError && e.code === 'UNAUTHENTICATED',
    );
  });
});
