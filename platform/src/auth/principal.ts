import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import type { Permission } from './permissions';

export const PRINCIPAL_KINDS = ['user', 'contact', 'service', 'anonymous'] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

/** Who is calling, for which tenant, allowed to do what (DESIGN.md §3). */
export interface Principal {
  tenantId: string;
  kind: PrincipalKind;
  /** user id, contact id or key id; null for anonymous. */
  subjectId: string | null;
  /** Permission names (e.g. `contacts.read`); `*` grants everything. */
  permissions: string[];
  /** The session of a user or contact access token (for sign-out); absent for keys. */
  sessionId?: string | null;
}

/** Header carrying the gateway-signed principal to subgraphs. */
export const PRINCIPAL_HEADER = 'x-crm-principal';
const ISSUER = 'crm-gateway';
const AUDIENCE = 'crm-subgraph';
const ALGORITHM = 'HS256';

const claimsSchema = z.object({
  tid: z.string().min(1).max(64),
  knd: z.enum(PRINCIPAL_KINDS),
  sub: z.string().max(128).optional(),
  prm: z.array(z.string().max(100)).max(500),
  sid: z.string().max(64).optional(),
  // jwt.verify accepts tokens without `exp`; a forwarded principal must always be short-lived.
  exp: z.number(),
});

/** Signs the principal into a short-lived token only subgraphs of this deployment accept. */
export function signPrincipal(principal: Principal, secret: string | KeyObject, ttlSeconds = 60): string {
  const claims: Record<string, unknown> = { tid: principal.tenantId, knd: principal.kind, prm: principal.permissions };
  if (principal.sessionId) claims['sid'] = principal.sessionId;
  return jwt.sign(claims, secret, {
    algorithm: ALGORITHM,
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: ttlSeconds,
    ...(principal.subjectId ? { subject: principal.subjectId } : {}),
  });
}

/** Verifies a forwarded principal; fails closed with UNAUTHENTICATED on anything odd. */
export function verifyPrincipal(token: string | undefined, secret: string | KeyObject): Principal {
  if (!token || token.length > 8192) {
    throw new AppError('UNAUTHENTICATED', 'This service only accepts requests through the gateway', { reason: 'MISSING_PRINCIPAL' });
  }
  let payload: unknown;
  try {
    payload = jwt.verify(token, secret, { algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE, clockTolerance: 5 });
  } catch {
    throw new AppError('UNAUTHENTICATED', 'The forwarded principal is invalid or expired', { reason: 'INVALID_PRINCIPAL' });
  }
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) {
    throw new AppError('UNAUTHENTICATED', 'The forwarded principal is malformed', { reason: 'INVALID_PRINCIPAL' });
  }
  const c = parsed.data;
  return { tenantId: c.tid, kind: c.knd, subjectId: c.sub ?? null, permissions: c.prm, ...(c.sid ? { sessionId: c.sid } : {}) };
}

/**
 * A string secret makes jsonwebtoken try (and fail) to parse it as a PEM key on every call; a
 * KeyObject built once skips that, which was the largest per-request cost of gateway and subgraphs.
 */
export function principalKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

const principalCacheKey = (p: Principal) =>
  `${p.tenantId}\u0000${p.kind}\u0000${p.subjectId ?? ''}\u0000${p.sessionId ?? ''}\u0000${p.permissions.join(',')}`;

/**
 * Gateway side: signs principals, reusing one token per distinct principal for half its lifetime
 * (every token still expires after `ttlSeconds`).
 */
export class PrincipalSigner {
  private readonly key: KeyObject;
  private readonly cache = new LRUCache<string, { token: string; reuseUntil: number }>({ max: 10_000 });

  constructor(
    secret: string,
    private readonly ttlSeconds = 60,
  ) {
    this.key = principalKey(secret);
  }

  sign(principal: Principal): string {
    const cacheKey = principalCacheKey(principal);
    const now = Date.now();
    const hit = this.cache.get(cacheKey);
    if (hit && hit.reuseUntil > now) return hit.token;
    const token = signPrincipal(principal, this.key, this.ttlSeconds);
    this.cache.set(cacheKey, { token, reuseUntil: now + (this.ttlSeconds * 1000) / 2 });
    return token;
  }
}

/**
 * Subgraph side: verifies forwarded principals, remembering tokens already verified until they
 * expire (keyed by the exact token string, so a changed byte is verified afresh).
 */
export class PrincipalVerifier {
  private readonly key: KeyObject;
  private readonly cache = new LRUCache<string, { principal: Principal; expiresAt: number }>({ max: 10_000 });

  constructor(secret: string) {
    this.key = principalKey(secret);
  }

  verify(token: string | undefined): Principal {
    if (token) {
      const hit = this.cache.get(token);
      if (hit && hit.expiresAt > Date.now()) return hit.principal;
    }
    const principal = verifyPrincipal(token, this.key);
    const exp = (jwt.decode(token!) as { exp: number }).exp;
    this.cache.set(token!, { principal, expiresAt: exp * 1000 });
    return principal;
  }
}

export function hasPermission(principal: Principal, permission: string): boolean {
  return principal.permissions.includes('*') || principal.permissions.includes(permission);
}

/**
 * Authorization rule shared by every subgraph: a rule lists permissions (any-of) and may include
 * `self`, which admits a contact principal whose ownership the resolver then checks.
 */
export const SELF = 'self';

/** Rule entry admitting any caller that is not anonymous (e.g. sign-out). */
export const AUTHENTICATED = 'authenticated';

/** Rule entry admitting anyone, anonymous callers included (sign-in, sign-up). */
export const PUBLIC = 'public';

/** One entry of an `@Authorized` rule: a catalogued permission, or `self`, `authenticated`, `public`. */
export type AuthRule = Permission | typeof SELF | typeof AUTHENTICATED | typeof PUBLIC;

export function isAllowed(principal: Principal, rule: readonly AuthRule[]): boolean {
  if (principal.kind === 'anonymous') return rule.includes(PUBLIC);
  if (rule.includes(PUBLIC) || rule.includes(AUTHENTICATED)) return true;
  if (principal.kind === 'contact') return rule.includes(SELF);
  return rule.some((perm) => perm !== SELF && hasPermission(principal, perm));
}

/** Contact principals may only touch their own contact; others pass. Not-found hides existence. */
export function assertOwnContact(principal: Principal, contactId: string): void {
  if (principal.kind === 'contact' && principal.subjectId !== contactId) {
    throw new AppError('NOT_FOUND', `contact ${contactId} was not found`, { reason: 'CONTACT_NOT_FOUND' });
  }
}
