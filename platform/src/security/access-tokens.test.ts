import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, sign as cryptoSign } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AppError } from '../errors/app-error';
import {
  AccessTokenIssuer,
  AccessTokenVerifier,
  accessTokenPrincipal,
  generateSigningKey,
  jwkThumbprint,
  toJwks,
  type AccessTokenAudience,
  type PublicJwk,
  type SigningKey,
} from './access-tokens';
import { newOpaqueToken } from './opaque-tokens';

const ISSUER = 'https://identity.crm.test';
const current = generateSigningKey();
const next = generateSigningKey(); // published ahead of rotation
const attacker = generateSigningKey(); // never in our key set
const retired = generateSigningKey(); // was ours, removed from the key set

const issuer = new AccessTokenIssuer(current, ISSUER);
const verifier = new AccessTokenVerifier({ issuer: ISSUER, keys: async () => [current.publicJwk, next.publicJwk], clockToleranceSeconds: 30 });

const nowSeconds = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

type Claims = Record<string, unknown>;
const goodHeader = (key: SigningKey = current): Claims => ({ alg: 'ES256', typ: 'at+jwt', kid: key.kid });
function goodClaims(overrides: Claims = {}): Claims {
  const now = nowSeconds();
  return {
    iss: ISSUER,
    aud: 'crm-backoffice',
    sub: 'user-1',
    exp: now + 600,
    iat: now,
    nbf: now,
    jti: 'jti-1',
    tid: 'tenant-1',
    knd: 'user',
    prm: ['contacts.read'],
    sid: 'session-1',
    ...overrides,
  };
}
function without(claims: Claims, name: string): Claims {
  const copy = { ...claims };
  delete copy[name];
  return copy;
}

/** Builds a token by hand; `signer` decides the signature segment. */
function craft(header: Claims, payload: Claims, signer: SigningKey | ((input: string) => string) = current): string {
  const input = `${b64(header)}.${b64(payload)}`;
  if (typeof signer === 'function') return `${input}.${signer(input)}`;
  const signature = cryptoSign('sha256', Buffer.from(input), { key: createPrivateKey(signer.privateKeyPem), dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}
const hmac = (secret: string | Buffer) => (input: string) => createHmac('sha256', secret).update(input).digest('base64url');

const isInvalidToken = (err: unknown) => {
  assert.ok(err instanceof AppError, `expected AppError, got ${String(err)}`);
  assert.equal(err.code, 'UNAUTHENTICATED');
  assert.equal(err.reason, 'INVALID_TOKEN');
  return true;
};

function issueFor(audience: AccessTokenAudience, overrides: Partial<Parameters<AccessTokenIssuer['issue']>[0]> = {}, iss = issuer) {
  return iss.issue({
    audience,
    subject: audience === 'crm-backoffice' ? 'user-1' : 'contact-1',
    tenantId: 'tenant-1',
    kind: audience === 'crm-backoffice' ? 'user' : 'contact',
    permissions: audience === 'crm-backoffice' ? ['contacts.read', 'contacts.write'] : [],
    sessionId: 'session-1',
    ...overrides,
  });
}

describe('generateSigningKey / toJwks', () => {
  it('makes P-256 keys whose kid is the RFC 7638 thumbprint of the public JWK', () => {
    const key = generateSigningKey();
    const { kty, crv, x, y } = key.publicJwk;
    assert.equal(kty, 'EC');
    assert.equal(crv, 'P-256');
    const canonical = `{"crv":"P-256","kty":"EC","x":"${x}","y":"${y}"}`;
    assert.equal(key.kid, createHash('sha256').update(canonical).digest('base64url'));
    assert.equal(key.publicJwk.kid, key.kid);
    assert.equal(jwkThumbprint(key.publicJwk), key.kid);
    assert.match(key.privateKeyPem, /^-----BEGIN PRIVATE KEY-----/);
    assert.notEqual(generateSigningKey().kid, key.kid);
  });

  it('publishes a JWKS with use, alg and kid and no private material', () => {
    const jwks = toJwks([current.publicJwk, next.publicJwk]);
    assert.equal(jwks.keys.length, 2);
    assert.deepEqual(jwks.keys[0], { ...current.publicJwk, use: 'sig', alg: 'ES256' });
    assert.ok(!JSON.stringify(jwks).includes('"d"'));
    // what we publish is usable as-is
    assert.ok(createPublicKey({ key: jwks.keys[1] as unknown as JsonWebKey, format: 'jwk' }));
  });
});

describe('AccessTokenIssuer', () => {
  it('signs ES256 at+jwt tokens with our kid and the documented claims', () => {
    const before = nowSeconds();
    const { token, expiresAt } = issueFor('crm-backoffice', { organisationId: 'org-9' });
    const decoded = jwt.decode(token, { complete: true });
    assert.ok(decoded && typeof decoded.payload === 'object');
    assert.deepEqual(decoded.header, { alg: 'ES256', typ: 'at+jwt', kid: current.kid });
    const p = decoded.payload as Claims;
    assert.deepEqual(Object.keys(p).sort(), ['aud', 'exp', 'iat', 'iss', 'jti', 'knd', 'nbf', 'org', 'prm', 'sid', 'sub', 'tid']);
    assert.equal(p['iss'], ISSUER);
    assert.equal(p['aud'], 'crm-backoffice');
    assert.equal(p['sub'], 'user-1');
    assert.equal(p['tid'], 'tenant-1');
    assert.equal(p['knd'], 'user');
    assert.equal(p['org'], 'org-9');
    assert.equal(p['sid'], 'session-1');
    assert.deepEqual(p['prm'], ['contacts.read', 'contacts.write']);
    assert.equal(p['exp'], expiresAt);
    assert.ok((p['iat'] as number) >= before && p['nbf'] === p['iat']);
    assert.equal(expiresAt - (p['iat'] as number), 900, 'default lifetime is 15 minutes');
  });

  it('gives every token its own jti and leaves org out when there is none', () => {
    const a = jwt.decode(issueFor('crm-self-service').token) as Claims;
    const b = jwt.decode(issueFor('crm-self-service').token) as Claims;
    assert.notEqual(a['jti'], b['jti']);
    assert.ok(!('org' in a));
  });

  it('honours ttlSeconds within 1..3600 and refuses others', () => {
    const { token, expiresAt } = issueFor('crm-backoffice', { ttlSeconds: 60 });
    assert.equal(expiresAt - ((jwt.decode(token) as Claims)['iat'] as number), 60);
    for (const ttl of [0, -1, 3601, 1.5]) assert.throws(() => issueFor('crm-backoffice', { ttlSeconds: ttl }), /ttl/);
  });

  it('refuses to mint a user token for self-service or a contact token for the back-office', () => {
    assert.throws(() => issueFor('crm-backoffice', { kind: 'contact' }), /only issued/);
    assert.throws(() => issueFor('crm-self-service', { kind: 'user' }), /only issued/);
  });

  it('refuses claims the verifier would reject', () => {
    assert.throws(() => issueFor('crm-backoffice', { subject: '' }), /sub/);
    assert.throws(() => issueFor('crm-backoffice', { tenantId: 't'.repeat(65) }), /tid/);
  });

  it('refuses a kid that does not belong to the private key, and non-P-256 keys', () => {
    assert.throws(() => new AccessTokenIssuer({ kid: next.kid, privateKeyPem: current.privateKeyPem }, ISSUER), /thumbprint/);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    assert.throws(
      () => new AccessTokenIssuer({ kid: 'x', privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() }, ISSUER),
      /P-256/,
    );
  });
});

describe('AccessTokenVerifier: valid tokens', () => {
  it('accepts a fresh back-office token and returns its claims', async () => {
    const { token, expiresAt } = issueFor('crm-backoffice', { organisationId: 'org-9' });
    const v = await verifier.verify(token, 'crm-backoffice');
    assert.equal(v.audience, 'crm-backoffice');
    assert.equal(v.subject, 'user-1');
    assert.equal(v.tenantId, 'tenant-1');
    assert.equal(v.kind, 'user');
    assert.deepEqual(v.permissions, ['contacts.read', 'contacts.write']);
    assert.equal(v.organisationId, 'org-9');
    assert.equal(v.sessionId, 'session-1');
    assert.equal(v.expiresAt, expiresAt);
    assert.equal(v.keyId, current.kid);
    assert.equal(v.issuer, ISSUER);
    assert.deepEqual(accessTokenPrincipal(v), {
      tenantId: 'tenant-1',
      kind: 'user',
      subjectId: 'user-1',
      permissions: ['contacts.read', 'contacts.write'],
    });
  });

  it('carries the session sign-in time as auth_time, and leaves it out when not given', async () => {
    const signedIn = Math.floor(Date.now() / 1000) - 600;
    const v = await verifier.verify(issueFor('crm-self-service', { authTime: signedIn }).token, 'crm-self-service');
    assert.equal(v.authTime, signedIn);
    assert.equal((await verifier.verify(issueFor('crm-self-service').token, 'crm-self-service')).authTime, undefined);
    assert.throws(() => issueFor('crm-self-service', { authTime: Math.floor(Date.now() / 1000) + 3600 }), /auth_time/);
  });

  it('accepts a self-service token on the self-service audience', async () => {
    const v = await verifier.verify(issueFor('crm-self-service').token, 'crm-self-service');
    assert.equal(v.kind, 'contact');
    assert.equal(v.organisationId, undefined);
  });

  it('accepts a hand-crafted token identical to what the issuer makes (the corpus baseline)', async () => {
    const v = await verifier.verify(craft(goodHeader(), goodClaims()), 'crm-backoffice');
    assert.equal(v.tokenId, 'jti-1');
  });

  it('accepts tokens of the next key once it is in the key set', async () => {
    const nextIssuer = new AccessTokenIssuer(next, ISSUER);
    assert.equal((await verifier.verify(issueFor('crm-backoffice', {}, nextIssuer).token, 'crm-backoffice')).keyId, next.kid);
  });

  it('tolerates clock skew up to 30 s: expired 10 s ago and nbf 20 s ahead still pass', async () => {
    const now = nowSeconds();
    await verifier.verify(craft(goodHeader(), goodClaims({ iat: now - 610, nbf: now - 610, exp: now - 10 })), 'crm-backoffice');
    await verifier.verify(craft(goodHeader(), goodClaims({ iat: now + 20, nbf: now + 20, exp: now + 600 })), 'crm-backoffice');
  });

  it('accepts the application/at+jwt spelling of the type (RFC 9068)', async () => {
    await verifier.verify(craft({ ...goodHeader(), typ: 'application/at+jwt' }, goodClaims()), 'crm-backoffice');
  });
});

describe('AccessTokenVerifier: tampering corpus (every variant rejected as UNAUTHENTICATED)', () => {
  const now = nowSeconds();
  const publicPem = createPublicKey(createPrivateKey(current.privateKeyPem)).export({ format: 'pem', type: 'spki' }).toString();
  const valid = craft(goodHeader(), goodClaims());
  const [validHeader, validPayload, validSignature] = valid.split('.') as [string, string, string];
  const expiredIssuer = new AccessTokenIssuer(current, ISSUER, { now: () => (nowSeconds() - 900 - 31) * 1000 });

  const corpus: Array<[string, () => string, AccessTokenAudience?]> = [
    ['alg none', () => craft({ ...goodHeader(), alg: 'none' }, goodClaims(), () => '')],
    ['alg None', () => craft({ ...goodHeader(), alg: 'None' }, goodClaims(), () => '')],
    ['alg NONE with a leftover signature', () => craft({ ...goodHeader(), alg: 'NONE' }, goodClaims(), () => validSignature)],
    ['HS256 signed with our public key (PEM)', () => craft({ ...goodHeader(), alg: 'HS256' }, goodClaims(), hmac(publicPem))],
    [
      'HS256 signed with our public key (JWK JSON as secret)',
      () => craft({ ...goodHeader(), alg: 'HS256' }, goodClaims(), hmac(JSON.stringify(current.publicJwk))),
    ],
    [
      'HS256 signed with the x coordinate as secret',
      () => craft({ ...goodHeader(), alg: 'HS256' }, goodClaims(), hmac(Buffer.from(current.publicJwk.x, 'base64url'))),
    ],
    [
      'HS512 signed with our public key (same length as an ES256 signature)',
      () => craft({ ...goodHeader(), alg: 'HS512' }, goodClaims(), (input) => createHmac('sha512', publicPem).update(input).digest('base64url')),
    ],
    ['ES384 header on an ES256 signature', () => craft({ ...goodHeader(), alg: 'ES384' }, goodClaims())],
    ['signature stripped', () => `${validHeader}.${validPayload}.`],
    ['signature stripped, no trailing dot', () => `${validHeader}.${validPayload}`],
    ['signed by another key under our kid', () => craft(goodHeader(), goodClaims(), attacker)],
    ['payload edited, signature kept', () => `${validHeader}.${b64(goodClaims({ prm: ['*'] }))}.${validSignature}`],
    ['tenant swapped, signature kept', () => `${validHeader}.${b64(goodClaims({ tid: 'tenant-2' }))}.${validSignature}`],
    ['header edited: kid swapped to our other key', () => `${b64(goodHeader(next))}.${validPayload}.${validSignature}`],
    [
      'signature bytes flipped',
      () =>
        `${validHeader}.${validPayload}.${Buffer.from(Buffer.from(validSignature, 'base64url').map((b, i) => (i === 10 ? b ^ 1 : b))).toString('base64url')}`,
    ],
    [
      'DER-encoded signature instead of raw r||s',
      () =>
        craft(goodHeader(), goodClaims(), (input) =>
          cryptoSign('sha256', Buffer.from(input), createPrivateKey(current.privateKeyPem)).toString('base64url'),
        ),
    ],
    ['expired by 31 s (issued by our issuer)', () => issueFor('crm-backoffice', {}, expiredIssuer).token],
    ['expired by 31 s (crafted)', () => craft(goodHeader(), goodClaims({ iat: now - 631, nbf: now - 631, exp: now - 31 }))],
    ['nbf 60 s in the future', () => craft(goodHeader(), goodClaims({ nbf: now + 60 }))],
    ['iat 60 s in the future', () => craft(goodHeader(), goodClaims({ iat: now + 60, nbf: now, exp: now + 600 }))],
    ['lifetime longer than one hour', () => craft(goodHeader(), goodClaims({ exp: now + 86_400 }))],
    ['wrong iss', () => craft(goodHeader(), goodClaims({ iss: 'https://evil.example' }))],
    ['missing iss', () => craft(goodHeader(), without(goodClaims(), 'iss'))],
    ['self-service token on the back-office', () => issueFor('crm-self-service').token, 'crm-backoffice'],
    ['back-office token on self-service', () => issueFor('crm-backoffice').token, 'crm-self-service'],
    ['aud listing both audiences', () => craft(goodHeader(), goodClaims({ aud: ['crm-backoffice', 'crm-self-service'] }))],
    ['contact kind on the back-office audience', () => craft(goodHeader(), goodClaims({ knd: 'contact' }))],
    ['missing exp', () => craft(goodHeader(), without(goodClaims(), 'exp'))],
    ['missing iat', () => craft(goodHeader(), without(goodClaims(), 'iat'))],
    ['missing sub', () => craft(goodHeader(), without(goodClaims(), 'sub'))],
    ['missing tid', () => craft(goodHeader(), without(goodClaims(), 'tid'))],
    ['missing knd', () => craft(goodHeader(), without(goodClaims(), 'knd'))],
    ['missing sid', () => craft(goodHeader(), without(goodClaims(), 'sid'))],
    ['malformed prm (string instead of array)', () => craft(goodHeader(), goodClaims({ prm: 'contacts.read' }))],
    ['malformed exp (string)', () => craft(goodHeader(), goodClaims({ exp: String(now + 600) }))],
    ['unknown knd', () => craft(goodHeader(), goodClaims({ knd: 'service' }))],
    ['typ JWT instead of at+jwt', () => craft({ ...goodHeader(), typ: 'JWT' }, goodClaims())],
    ['typ missing', () => craft(without(goodHeader(), 'typ'), goodClaims())],
    ['kid missing', () => craft(without(goodHeader(), 'kid'), goodClaims())],
    ['unknown kid (attacker key, its own kid)', () => craft(goodHeader(attacker), goodClaims(), attacker)],
    ['jku header pointing at the attacker', () => craft({ ...goodHeader(attacker), jku: 'https://evil.example/jwks.json' }, goodClaims(), attacker)],
    ['jku header with our kid and signature', () => craft({ ...goodHeader(), jku: 'https://evil.example/jwks.json' }, goodClaims())],
    ['jwk header embedding the attacker key', () => craft({ ...goodHeader(attacker), jwk: attacker.publicJwk }, goodClaims(), attacker)],
    ['jwk header embedding the attacker key under our kid', () => craft({ ...goodHeader(), jwk: attacker.publicJwk }, goodClaims(), attacker)],
    ['x5u header', () => craft({ ...goodHeader(), x5u: 'https://evil.example/cert.pem' }, goodClaims())],
    ['x5c header', () => craft({ ...goodHeader(), x5c: ['MIIB'] }, goodClaims())],
    ['crit header', () => craft({ ...goodHeader(), crit: ['exp'] }, goodClaims())],
    ['refresh token presented as an access token', () => newOpaqueToken('crm_rt_')],
    ['empty string', () => ''],
    ['16 KB token, correctly signed', () => craft(goodHeader(), goodClaims({ pad: 'p'.repeat(16 * 1024) }))],
    ['token signed by a retired key no longer in the key set', () => craft(goodHeader(retired), goodClaims(), retired)],
    ['four segments', () => `${valid}.${validSignature}`],
    ['whitespace around a valid token', () => ` ${valid} `],
    ['header is not JSON', () => `${b64('not json')}.${validPayload}.${validSignature}`],
    ['header is a JSON array', () => craft([goodHeader()] as unknown as Claims, goodClaims())],
    ['payload is not JSON', () => craft(goodHeader(), 'nope' as unknown as Claims)],
    ['base64 (not base64url) characters', () => `${validHeader}+.${validPayload}.${validSignature}`],
  ];

  it('has at least 22 variants', () => assert.ok(corpus.length >= 22));

  for (const [name, make, audience] of corpus) {
    it(`rejects: ${name}`, async () => {
      const token = make();
      await assert.rejects(verifier.verify(token, audience ?? 'crm-backoffice'), isInvalidToken);
    });
  }

  it('rejects non-string input the same way', async () => {
    for (const input of [undefined, null, 42, {}, ['a', 'b', 'c']]) {
      await assert.rejects(verifier.verify(input, 'crm-backoffice'), isInvalidToken);
    }
  });

  it('still accepts the untampered baseline (the corpus fails for the intended reasons)', async () => {
    await verifier.verify(valid, 'crm-backoffice');
  });
});

describe('AccessTokenVerifier: key set handling', () => {
  function clock(start = Date.now()) {
    let t = start;
    return { now: () => t, advance: (seconds: number) => (t += seconds * 1000) };
  }

  it('refetches on an unknown kid at most once per 30 s', async () => {
    const c = clock();
    const published: PublicJwk[] = [current.publicJwk];
    let fetches = 0;
    const v = new AccessTokenVerifier({ issuer: ISSUER, keys: () => (fetches++, [...published]), now: c.now });
    const rotatedIssuer = new AccessTokenIssuer(next, ISSUER, { now: c.now });
    const token = issueFor('crm-backoffice', {}, rotatedIssuer).token;

    await assert.rejects(v.verify(token, 'crm-backoffice'), isInvalidToken);
    assert.equal(fetches, 1, 'the first load counts as the refetch');
    published.push(next.publicJwk);
    c.advance(10);
    await assert.rejects(v.verify(token, 'crm-backoffice'), isInvalidToken);
    assert.equal(fetches, 1, 'no refetch within 30 s');
    c.advance(21);
    await v.verify(token, 'crm-backoffice');
    assert.equal(fetches, 2);

    const unknown = craft(
      goodHeader(attacker),
      goodClaims({ iat: Math.floor(c.now() / 1000), nbf: undefined, exp: Math.floor(c.now() / 1000) + 600 }),
      attacker,
    );
    for (let i = 0; i < 20; i++) await assert.rejects(v.verify(unknown, 'crm-backoffice'), isInvalidToken);
    assert.equal(fetches, 2, 'a flood of unknown kids does not hammer the key source');
    c.advance(30);
    await assert.rejects(v.verify(unknown, 'crm-backoffice'), isInvalidToken);
    assert.equal(fetches, 3);
  });

  it('refetches concurrently requested key sets once', async () => {
    let fetches = 0;
    const v = new AccessTokenVerifier({
      issuer: ISSUER,
      keys: async () => {
        fetches++;
        await new Promise((r) => setTimeout(r, 20));
        return [current.publicJwk];
      },
    });
    const { token } = issueFor('crm-backoffice');
    await Promise.all(Array.from({ length: 10 }, () => v.verify(token, 'crm-backoffice')));
    assert.equal(fetches, 1);
  });

  it('stops accepting a retired key once the key set is refreshed', async () => {
    const c = clock();
    let published: PublicJwk[] = [retired.publicJwk, current.publicJwk];
    const v = new AccessTokenVerifier({ issuer: ISSUER, keys: () => published, now: c.now, keySetMaxAgeSeconds: 300 });
    const token = issueFor('crm-backoffice', {}, new AccessTokenIssuer(retired, ISSUER, { now: c.now })).token;
    await v.verify(token, 'crm-backoffice');
    published = [current.publicJwk];
    c.advance(301);
    await assert.rejects(v.verify(token, 'crm-backoffice'), isInvalidToken);
  });

  it('keeps the last good key set when a refresh fails, and reports an unreachable source on first use as UNAVAILABLE', async () => {
    const c = clock();
    let fail = false;
    const v = new AccessTokenVerifier({
      issuer: ISSUER,
      keys: async () => {
        if (fail) throw new Error('db down');
        return [current.publicJwk];
      },
      now: c.now,
    });
    const token = issueFor('crm-backoffice', {}, new AccessTokenIssuer(current, ISSUER, { now: c.now })).token;
    await v.verify(token, 'crm-backoffice');
    fail = true;
    c.advance(301);
    await v.verify(token, 'crm-backoffice');

    const down = new AccessTokenVerifier({ issuer: ISSUER, keys: () => Promise.reject(new Error('db down')) });
    await assert.rejects(
      down.verify(issueFor('crm-backoffice').token, 'crm-backoffice'),
      (err: unknown) => err instanceof AppError && err.code === 'UNAVAILABLE',
    );
  });

  it('ignores unusable entries in the key set', async () => {
    const v = new AccessTokenVerifier({
      issuer: ISSUER,
      keys: [
        { ...current.publicJwk, x: 'not-a-point' },
        { ...next.publicJwk, crv: 'P-384' } as unknown as PublicJwk,
        { ...attacker.publicJwk, alg: 'HS256' } as unknown as PublicJwk,
      ],
    });
    await assert.rejects(v.verify(issueFor('crm-backoffice').token, 'crm-backoffice'), isInvalidToken);
  });

  it('refuses a clock tolerance above 30 s', () => {
    assert.throws(() => new AccessTokenVerifier({ issuer: ISSUER, keys: [], clockToleranceSeconds: 31 }), /0\.\.30/);
  });
});
