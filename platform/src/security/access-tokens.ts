import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { AppError, isAppError } from '../errors/app-error';
import type { Principal } from '../auth/principal';

/**
 * The platform's access tokens (reliability-security.md §1.3, RFC 8725, RFC 9068): ES256 JWTs
 * typed `at+jwt`, one audience per kind of caller, verified against our own key set only.
 */
export const ACCESS_TOKEN_AUDIENCES = ['crm-backoffice', 'crm-self-service'] as const;
export type AccessTokenAudience = (typeof ACCESS_TOKEN_AUDIENCES)[number];
export const ACCESS_TOKEN_KINDS = ['user', 'contact'] as const;
export type AccessTokenKind = (typeof ACCESS_TOKEN_KINDS)[number];

/**
 * Mutually exclusive validation rules (RFC 8725 §3.12): back-office tokens are for users,
 * self-service tokens for contacts; any other pairing is refused on both sides.
 */
const KIND_OF_AUDIENCE: Record<AccessTokenAudience, AccessTokenKind> = { 'crm-backoffice': 'user', 'crm-self-service': 'contact' };

export const ACCESS_TOKEN_ALGORITHM = 'ES256';
export const ACCESS_TOKEN_TYPE = 'at+jwt';
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 900;
/** Longest lifetime the issuer mints and the verifier accepts. */
export const MAX_ACCESS_TOKEN_TTL_SECONDS = 3600;
export const MAX_ACCESS_TOKEN_LENGTH = 4096;

/** Public half of a signing key, as published in the JWKS. */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
}

export interface SigningKey {
  kid: string;
  /** PKCS#8 PEM. Secret: keep in the secret store, never log. */
  privateKeyPem: string;
  publicJwk: PublicJwk;
}

export interface Jwks {
  keys: Array<PublicJwk & { use: 'sig'; alg: typeof ACCESS_TOKEN_ALGORITHM }>;
}

/** RFC 7638 thumbprint of an EC public key: base64url SHA-256 of `{"crv","kty","x","y"}` in that order. */
export function jwkThumbprint(jwk: { crv: string; kty: string; x: string; y: string }): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical, 'utf8').digest('base64url');
}

function publicJwkOf(key: KeyObject): PublicJwk {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
    throw new Error('access-token signing keys must be EC P-256 keys');
  }
  const base = { kty: 'EC' as const, crv: 'P-256' as const, x: jwk.x, y: jwk.y };
  return { ...base, kid: jwkThumbprint(base) };
}

/** A fresh P-256 signing key whose kid is its RFC 7638 thumbprint. */
export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicJwk = publicJwkOf(publicKey);
  return { kid: publicJwk.kid, privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), publicJwk };
}

/** The document served at `/.well-known/jwks.json`. */
export function toJwks(publicJwks: readonly PublicJwk[]): Jwks {
  return { keys: publicJwks.map((k) => ({ kty: k.kty, crv: k.crv, x: k.x, y: k.y, kid: k.kid, use: 'sig', alg: ACCESS_TOKEN_ALGORITHM })) };
}

const claimsSchema = z.object({
  iss: z.string().min(1),
  aud: z.enum(ACCESS_TOKEN_AUDIENCES),
  sub: z.string().min(1).max(128),
  exp: z.number().int().positive(),
  iat: z.number().int().positive(),
  nbf: z.number().int().positive().optional(),
  jti: z.string().min(1).max(128),
  tid: z.string().min(1).max(64),
  knd: z.enum(ACCESS_TOKEN_KINDS),
  prm: z.array(z.string().min(1).max(100)).max(500),
  org: z.string().min(1).max(128).optional(),
  sid: z.string().min(1).max(128),
  /** When the subject last proved who they are (OIDC `auth_time`, epoch seconds): the session's sign-in, kept on refresh. */
  auth_time: z.number().int().positive().optional(),
});
type AccessTokenClaims = z.infer<typeof claimsSchema>;

export interface IssueAccessTokenInput {
  audience: AccessTokenAudience;
  subject: string;
  tenantId: string;
  kind: AccessTokenKind;
  permissions: string[];
  organisationId?: string;
  sessionId: string;
  /** The sign-in time of the session (epoch seconds), issued as `auth_time`; never after the token's `iat`. */
  authTime?: number;
  /** Default 900 (15 min), at most 3600. */
  ttlSeconds?: number;
}

export interface IssuedAccessToken {
  token: string;
  /** Epoch seconds. */
  expiresAt: number;
}

export interface ClockOptions {
  /** Milliseconds since the epoch; tests inject a fake clock. */
  now?: () => number;
}

export class AccessTokenIssuer {
  private readonly kid: string;
  private readonly privateKey: KeyObject;
  private readonly now: () => number;

  constructor(
    signingKey: Pick<SigningKey, 'kid' | 'privateKeyPem'>,
    private readonly issuer: string,
    options: ClockOptions = {},
  ) {
    this.privateKey = createPrivateKey(signingKey.privateKeyPem);
    if (this.privateKey.asymmetricKeyType !== 'ec' || this.privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new Error('access-token signing keys must be EC P-256 keys');
    }
    // A kid paired with the wrong private key would make every token unverifiable: refuse at boot.
    if (publicJwkOf(createPublicKey(this.privateKey)).kid !== signingKey.kid) {
      throw new Error('the signing key kid is not the RFC 7638 thumbprint of its public key');
    }
    if (!issuer) throw new Error('an access-token issuer needs an issuer name');
    this.kid = signingKey.kid;
    this.now = options.now ?? Date.now;
  }

  issue(input: IssueAccessTokenInput): IssuedAccessToken {
    const ttl = input.ttlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_ACCESS_TOKEN_TTL_SECONDS) {
      throw new Error(`access-token ttl must be an integer in 1..${MAX_ACCESS_TOKEN_TTL_SECONDS} seconds`);
    }
    if (KIND_OF_AUDIENCE[input.audience] !== input.kind) {
      throw new Error(`${input.audience} tokens are only issued to ${KIND_OF_AUDIENCE[input.audience]} principals`);
    }
    const iat = Math.floor(this.now() / 1000);
    if (input.authTime !== undefined && (!Number.isInteger(input.authTime) || input.authTime > iat)) {
      throw new Error('access-token auth_time must be an integer epoch second no later than its issue time');
    }
    const claims: AccessTokenClaims = {
      iss: this.issuer,
      aud: input.audience,
      sub: input.subject,
      exp: iat + ttl,
      iat,
      nbf: iat,
      jti: randomUUID(),
      tid: input.tenantId,
      knd: input.kind,
      prm: input.permissions,
      ...(input.organisationId === undefined ? {} : { org: input.organisationId }),
      sid: input.sessionId,
      ...(input.authTime === undefined ? {} : { auth_time: input.authTime }),
    };
    // Never mint what the verifier would refuse.
    const checked = claimsSchema.safeParse(claims);
    if (!checked.success) throw new Error(`invalid access-token claims: ${checked.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    const token = jwt.sign(checked.data, this.privateKey, {
      algorithm: ACCESS_TOKEN_ALGORITHM,
      header: { alg: ACCESS_TOKEN_ALGORITHM, typ: ACCESS_TOKEN_TYPE, kid: this.kid },
    });
    return { token, expiresAt: claims.exp };
  }
}

export interface VerifiedAccessToken {
  tokenId: string;
  keyId: string;
  issuer: string;
  audience: AccessTokenAudience;
  subject: string;
  tenantId: string;
  kind: AccessTokenKind;
  permissions: string[];
  organisationId: string | undefined;
  sessionId: string;
  /** When the session signed in (epoch seconds), from `auth_time`; undefined on tokens minted before it existed. */
  authTime: number | undefined;
  /** Epoch seconds. */
  issuedAt: number;
  expiresAt: number;
}

/** The principal a verified access token stands for. */
export function accessTokenPrincipal(token: VerifiedAccessToken): Principal {
  return { tenantId: token.tenantId, kind: token.kind, subjectId: token.subject, permissions: [...token.permissions] };
}

export type KeySource = readonly PublicJwk[] | (() => Promise<readonly PublicJwk[]> | readonly PublicJwk[]);

export interface AccessTokenVerifierOptions extends ClockOptions {
  issuer: string;
  /** Our own public keys (current + not yet retired). Never taken from the token. */
  keys: KeySource;
  /** Allowed clock skew for exp/nbf/iat, at most 30 (RFC 8725 guidance in §1.3). Default 30. */
  clockToleranceSeconds?: number;
  /** An unknown kid refetches the key set at most this often. Default 30. */
  unknownKidRefetchSeconds?: number;
  /** The key set is refetched when older than this, so retired keys stop verifying. Default 300. */
  keySetMaxAgeSeconds?: number;
}

const ALLOWED_HEADER_PARAMS = new Set(['alg', 'typ', 'kid']);
const ACCEPTED_TYPES = new Set([ACCESS_TOKEN_TYPE, `application/${ACCESS_TOKEN_TYPE}`]);
const SEGMENT = /^[A-Za-z0-9_-]+$/;
const ES256_SIGNATURE_LENGTH = 86; // base64url of 64 bytes (r || s)

class RejectedToken extends Error {}

function reject(detail: string): never {
  throw new RejectedToken(detail);
}

interface CachedKey {
  jwk: PublicJwk;
  key: KeyObject;
}

export class AccessTokenVerifier {
  private readonly issuer: string;
  private readonly source: () => Promise<readonly PublicJwk[]> | readonly PublicJwk[];
  private readonly tolerance: number;
  private readonly refetchMs: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private keysByKid: Map<string, CachedKey> | undefined;
  private loadedAt = Number.NEGATIVE_INFINITY;
  private lastFetchAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<void> | undefined;

  constructor(options: AccessTokenVerifierOptions) {
    if (!options.issuer) throw new Error('an access-token verifier needs the expected issuer');
    const keys = options.keys;
    this.issuer = options.issuer;
    this.source = typeof keys === 'function' ? keys : () => keys;
    this.tolerance = options.clockToleranceSeconds ?? 30;
    if (this.tolerance < 0 || this.tolerance > 30) throw new Error('clockToleranceSeconds must be within 0..30');
    this.refetchMs = (options.unknownKidRefetchSeconds ?? 30) * 1000;
    this.maxAgeMs = (options.keySetMaxAgeSeconds ?? 300) * 1000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Verifies an access token for one audience. Fails closed: anything unexpected is AppError
   * UNAUTHENTICATED (reason INVALID_TOKEN); only an unreachable key source on first use is
   * AppError UNAVAILABLE.
   */
  async verify(token: unknown, expectedAudience: AccessTokenAudience): Promise<VerifiedAccessToken> {
    try {
      return await this.verifyOrThrow(token, expectedAudience);
    } catch (err) {
      if (isAppError(err) && err.code === 'UNAVAILABLE') throw err;
      throw new AppError('UNAUTHENTICATED', 'The access token is invalid or expired', {
        reason: 'INVALID_TOKEN',
        ...(err instanceof RejectedToken ? {} : { cause: err }),
      });
    }
  }

  private async verifyOrThrow(token: unknown, expectedAudience: AccessTokenAudience): Promise<VerifiedAccessToken> {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_ACCESS_TOKEN_LENGTH) reject('size');
    if (!ACCESS_TOKEN_AUDIENCES.includes(expectedAudience)) reject('audience');
    const segments = token.split('.');
    if (segments.length !== 3 || !segments.every((s) => SEGMENT.test(s))) reject('shape');
    const [headerSegment, , signatureSegment] = segments as [string, string, string];
    if (signatureSegment.length !== ES256_SIGNATURE_LENGTH) reject('signature length');

    // The header is checked before any key is used: the server, not the token, picks algorithm and key.
    const header: unknown = JSON.parse(Buffer.from(headerSegment, 'base64url').toString('utf8'));
    if (typeof header !== 'object' || header === null || Array.isArray(header)) reject('header');
    const h = header as Record<string, unknown>;
    // Allowlist: jku, x5u, jwk, x5c, crit, b64 … are refused, never followed.
    if (Object.keys(h).some((name) => !ALLOWED_HEADER_PARAMS.has(name))) reject('header parameter');
    if (h['alg'] !== ACCESS_TOKEN_ALGORITHM) reject('alg');
    if (typeof h['typ'] !== 'string' || !ACCEPTED_TYPES.has(h['typ'].toLowerCase())) reject('typ');
    const kid = h['kid'];
    if (typeof kid !== 'string' || kid.length === 0 || kid.length > 128) reject('kid');

    const key = await this.keyFor(kid);
    if (!key) reject('unknown kid');

    const nowSeconds = Math.floor(this.now() / 1000);
    const payload = jwt.verify(token, key, {
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: this.issuer,
      audience: expectedAudience,
      clockTolerance: this.tolerance,
      clockTimestamp: nowSeconds,
    });
    const parsed = claimsSchema.safeParse(payload);
    if (!parsed.success) reject('claims');
    const c = parsed.data;
    if (c.iss !== this.issuer || c.aud !== expectedAudience) reject('iss/aud');
    if (c.knd !== KIND_OF_AUDIENCE[expectedAudience]) reject('kind for audience');
    if (c.iat > nowSeconds + this.tolerance) reject('iat in the future');
    if (c.exp <= c.iat || c.exp - c.iat > MAX_ACCESS_TOKEN_TTL_SECONDS) reject('lifetime');
    // jsonwebtoken checks these too; kept so the rules hold whatever the library does.
    if (nowSeconds >= c.exp + this.tolerance) reject('expired');
    if (c.nbf !== undefined && c.nbf > nowSeconds + this.tolerance) reject('not yet valid');

    return {
      tokenId: c.jti,
      keyId: kid,
      issuer: c.iss,
      audience: c.aud,
      subject: c.sub,
      tenantId: c.tid,
      kind: c.knd,
      permissions: c.prm,
      organisationId: c.org,
      sessionId: c.sid,
      authTime: c.auth_time,
      issuedAt: c.iat,
      expiresAt: c.exp,
    };
  }

  private async keyFor(kid: string): Promise<KeyObject | undefined> {
    if (!this.keysByKid || this.now() - this.loadedAt >= this.maxAgeMs) await this.refresh();
    const known = this.keysByKid?.get(kid);
    if (known) return known.key;
    if (this.now() - this.lastFetchAt < this.refetchMs) return undefined;
    await this.refresh();
    return this.keysByKid?.get(kid)?.key;
  }

  /** One fetch at a time; a failed refresh keeps serving the last good key set. */
  private refresh(): Promise<void> {
    this.inflight ??= this.load().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async load(): Promise<void> {
    this.lastFetchAt = this.now();
    let jwks: readonly PublicJwk[];
    try {
      jwks = await this.source();
      if (!Array.isArray(jwks)) throw new TypeError('the key source did not return an array');
    } catch (err) {
      if (this.keysByKid) return;
      throw new AppError('UNAVAILABLE', 'Access-token keys are unavailable', { reason: 'KEY_SET_UNAVAILABLE', cause: err });
    }
    const next = new Map<string, CachedKey>();
    for (const jwk of jwks) {
      const cached = this.importKey(jwk);
      if (cached) next.set(jwk.kid, cached);
    }
    this.keysByKid = next;
    this.loadedAt = this.now();
  }

  /** KeyObject for one JWK, reused across refreshes while the kid keeps the same key; invalid entries are skipped. */
  private importKey(jwk: PublicJwk): CachedKey | undefined {
    const entry = jwk as unknown as Record<string, unknown>;
    if (entry['kty'] !== 'EC' || entry['crv'] !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') return undefined;
    if (typeof jwk.kid !== 'string' || !jwk.kid) return undefined;
    if ((entry['alg'] !== undefined && entry['alg'] !== ACCESS_TOKEN_ALGORITHM) || (entry['use'] !== undefined && entry['use'] !== 'sig'))
      return undefined;
    const previous = this.keysByKid?.get(jwk.kid);
    if (previous && previous.jwk.x === jwk.x && previous.jwk.y === jwk.y) return previous;
    try {
      const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' });
      return { jwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid: jwk.kid }, key };
    } catch {
      return undefined;
    }
  }
}
