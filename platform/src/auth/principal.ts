import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { AppError } from '../errors/app-error';

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
  // jwt.verify accepts tokens without `exp`; a forwarded principal must always be short-lived.
  exp: z.number(),
});

/** Signs the principal into a short-lived token only subgraphs of this deployment accept. */
export function signPrincipal(principal: Principal, secret: string, ttlSeconds = 60): string {
  const claims: Record<string, unknown> = { tid: principal.tenantId, knd: principal.kind, prm: principal.permissions };
  return jwt.sign(claims, secret, {
    algorithm: ALGORITHM,
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: ttlSeconds,
    ...(principal.subjectId ? { subject: principal.subjectId } : {}),
  });
}

/** Verifies a forwarded principal; fails closed with UNAUTHENTICATED on anything odd. */
export function verifyPrincipal(token: string | undefined, secret: string): Principal {
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
  return { tenantId: c.tid, kind: c.knd, subjectId: c.sub ?? null, permissions: c.prm };
}

export function hasPermission(principal: Principal, permission: string): boolean {
  return principal.permissions.includes('*') || principal.permissions.includes(permission);
}

/**
 * Authorization rule shared by every subgraph: a rule lists permissions (any-of) and may include
 * `self`, which admits a contact principal whose ownership the resolver then checks.
 */
export const SELF = 'self';

export function isAllowed(principal: Principal, rule: readonly string[]): boolean {
  if (principal.kind === 'anonymous') return rule.includes('public');
  if (rule.includes('public')) return true;
  if (principal.kind === 'contact') return rule.includes(SELF);
  return rule.some((perm) => perm !== SELF && hasPermission(principal, perm));
}

/** Contact principals may only touch their own contact; others pass. Not-found hides existence. */
export function assertOwnContact(principal: Principal, contactId: string): void {
  if (principal.kind === 'contact' && principal.subjectId !== contactId) {
    throw new AppError('NOT_FOUND', `contact ${contactId} was not found`, { reason: 'CONTACT_NOT_FOUND' });
  }
}
