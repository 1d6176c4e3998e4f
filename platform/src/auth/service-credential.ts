import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { principalKey, type Principal } from './principal';

/**
 * A service of this deployment calling another domain through the gateway (DESIGN.md §10) says who
 * it is with a short-lived token in this header, signed with the deployment's internal secret
 * (the one that signs forwarded principals). The gateway turns it into a `service` principal of
 * the tenant named, holding only the permissions the caller asked for.
 *
 * Its issuer and audience differ from the forwarded principal's (`crm-gateway` → `crm-subgraph`),
 * so neither token is accepted in the other's place.
 */
export const SERVICE_CREDENTIAL_HEADER = 'x-crm-service';
const ISSUER = 'crm-service';
const AUDIENCE = 'crm-gateway';
const ALGORITHM = 'HS256';
const SERVICE_NAME = /^[a-z][a-z0-9-]{0,62}$/;

export interface ServiceCaller {
  /** The calling service's registry name, e.g. `rewards-write`. */
  service: string;
  tenantId: string;
  permissions: readonly string[];
}

const claimsSchema = z.object({
  sub: z.string().regex(/^service:[a-z][a-z0-9-]{0,62}$/),
  tid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  prm: z.array(z.string().regex(/^[a-z_]+\.[a-z_]+$/)).max(100),
  exp: z.number(),
});

export function signServiceCredential(caller: ServiceCaller, key: KeyObject, ttlSeconds = 60): string {
  if (!SERVICE_NAME.test(caller.service)) throw new Error(`not a service name: ${caller.service}`);
  return jwt.sign({ tid: caller.tenantId, prm: [...caller.permissions] }, key, {
    algorithm: ALGORITHM,
    issuer: ISSUER,
    audience: AUDIENCE,
    subject: `service:${caller.service}`,
    expiresIn: ttlSeconds,
  });
}

/** Signs service credentials, reusing one token per (tenant, permissions) for half its lifetime. */
export class ServiceCredentialSigner {
  private readonly key: KeyObject;
  private readonly cache = new LRUCache<string, { token: string; reuseUntil: number }>({ max: 5_000 });

  constructor(
    secret: string,
    private readonly service: string,
    private readonly ttlSeconds = 60,
  ) {
    this.key = principalKey(secret);
  }

  sign(tenantId: string, permissions: readonly string[]): string {
    const cacheKey = `${tenantId}\u0000${permissions.join(',')}`;
    const now = Date.now();
    const hit = this.cache.get(cacheKey);
    if (hit && hit.reuseUntil > now) return hit.token;
    const token = signServiceCredential({ service: this.service, tenantId, permissions }, this.key, this.ttlSeconds);
    this.cache.set(cacheKey, { token, reuseUntil: now + (this.ttlSeconds * 1000) / 2 });
    return token;
  }
}

/** Gateway side: a verified service credential as the caller's principal; fails closed with 401. */
export class ServiceCredentialVerifier {
  private readonly key: KeyObject;
  private readonly cache = new LRUCache<string, { principal: Principal; expiresAt: number }>({ max: 5_000 });

  constructor(secret: string) {
    this.key = principalKey(secret);
  }

  verify(token: string): Principal {
    const hit = this.cache.get(token);
    if (hit && hit.expiresAt > Date.now()) return hit.principal;
    if (token.length > 4096) throw invalid();
    let payload: unknown;
    try {
      payload = jwt.verify(token, this.key, { algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE, clockTolerance: 5 });
    } catch {
      throw invalid();
    }
    const parsed = claimsSchema.safeParse(payload);
    if (!parsed.success) throw invalid();
    const c = parsed.data;
    const principal: Principal = { tenantId: c.tid, kind: 'service', subjectId: c.sub, permissions: c.prm };
    this.cache.set(token, { principal, expiresAt: c.exp * 1000 });
    return principal;
  }
}

const invalid = () => new AppError('UNAUTHENTICATED', 'the service credential is invalid or expired', { reason: 'INVALID_SERVICE_CREDENTIAL' });
