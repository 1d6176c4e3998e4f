import type { IncomingHttpHeaders } from 'node:http';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { Principal } from '@crm/platform/auth';
import { AppError, type ReasonOf } from '@crm/platform/errors';
import { AccessTokenVerifier, parseApiKey, type AccessTokenAudience } from '@crm/platform/security';
import type { EventBus, Subscription } from '@crm/event-bus';
import { IDENTITY_TOPIC } from '@crm/event-bus/contracts/identity';
import { randomBytes } from 'node:crypto';
import { bearerRefreshToken, type Authenticator } from './authenticate';
import type { IdentityClient, ResolvedKey } from './identity-client';

/** Set by the REST facade on its in-process calls: which API family's tokens are acceptable. */
export const API_FAMILY_HEADER = 'x-crm-api-family';
const FAMILY_AUDIENCE: Record<string, AccessTokenAudience> = { backoffice: 'crm-backoffice', 'self-service': 'crm-self-service' };
const KEY_TTL_MS = 60_000;
/** How long a key's last answer may stand in while the identity service cannot be reached. */
const KEY_STALE_IF_ERROR_MS = 5 * 60_000;
const REVOKED_TTL_MS = 2 * 3600_000;
const MAX_REFRESH_TOKEN_LENGTH = 100;

const unauthenticated = (message: string, reason: ReasonOf<'UNAUTHENTICATED'> = 'INVALID_CREDENTIALS') =>
  new AppError('UNAUTHENTICATED', message, { reason });

function claimedAudience(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (!payload || payload.length > 4096) return undefined;
  try {
    const aud = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { aud?: unknown }).aud;
    return typeof aud === 'string' ? aud : undefined;
  } catch {
    return undefined;
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The gateway's authenticator (DESIGN.md §3): `api_key` (public key → the tenant's application;
 * secret key → a service principal with its role's permissions) and `Authorization: Bearer`
 * (a user or contact access token, or a refresh token). Key lookups and the set of revoked
 * sessions are cached here and kept current by identity events; every check fails closed.
 *
 * A refresh token as the bearer value (what a client generated from the contracts sends to
 * `/contacts/refresh` and `/users/refresh`, with no api_key) names its tenant itself: identity
 * resolves it by hash (unknown tokens count against the caller's address) and the caller is
 * anonymous in that tenant, and may only call `refreshSession` (refreshOnlyPlugin). With an
 * api_key too, both must name the same tenant. `refreshSession` still checks and spends the token.
 */
export class IdentityAuthenticator {
  private readonly keys = new LRUCache<string, { value: ResolvedKey | null; at: number }>({ max: 50_000 });
  private readonly revoked = new LRUCache<string, true>({ max: 200_000, ttl: REVOKED_TTL_MS });
  private readonly verifier: AccessTokenVerifier;
  private subscription: Subscription | null = null;

  constructor(
    private readonly client: IdentityClient,
    issuer: string,
    private readonly logger: Logger,
    private readonly fallback: Authenticator | null,
  ) {
    this.verifier = new AccessTokenVerifier({ issuer, keys: () => this.client.jwks() });
  }

  /** Loads recent revocations and follows identity events (each gateway instance on its own). */
  async start(bus: EventBus): Promise<void> {
    try {
      for (const id of await this.client.revokedSessionsSince(new Date(Date.now() - REVOKED_TTL_MS))) this.revoked.set(id, true);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'could not load revoked sessions at start');
    }
    this.subscription = await bus.subscribe({
      groupId: `gateway.auth-cache.${randomBytes(6).toString('hex')}`,
      topics: [IDENTITY_TOPIC],
      fromBeginning: false,
      handler: async (event) => {
        if (event.type === 'session.revoked') this.revoked.set(event.aggregateId, true);
        if (event.type === 'api_key.revoked' || event.type === 'api_key.rotated') {
          for (const [key, entry] of this.keys.entries()) if (entry.value?.keyId === event.aggregateId) this.keys.delete(key);
        }
      },
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
  }

  private async resolveKey(key: string): Promise<ResolvedKey> {
    if (key.length > 200 || !parseApiKey(key)) throw unauthenticated('the api_key is not valid', 'INVALID_API_KEY');
    const hit = this.keys.get(key);
    let value: ResolvedKey | null;
    if (hit && Date.now() - hit.at < KEY_TTL_MS) value = hit.value;
    else {
      try {
        value = await this.client.resolveKey(key);
        this.keys.set(key, { value, at: Date.now() });
      } catch (err) {
        // identity slow or down: a key answered for in the last few minutes keeps its answer
        // (revocations still arrive as events and purge it); any other key cannot be checked,
        // which is a 503 the caller may retry, never a 500
        if (!hit || Date.now() - hit.at >= KEY_STALE_IF_ERROR_MS) {
          this.logger.warn({ err: (err as Error).message }, 'api_key resolution failed');
          throw new AppError('UNAVAILABLE', 'the api_key cannot be checked right now; try again shortly', { reason: 'AUTH_UNAVAILABLE' });
        }
        value = hit.value;
      }
    }
    if (!value || (value.expiresAt && Date.parse(value.expiresAt) <= Date.now()))
      throw unauthenticated('the api_key is not valid', 'INVALID_API_KEY');
    return value;
  }

  private async refreshTokenTenant(token: string, clientIp: string | null): Promise<string> {
    if (token.length > MAX_REFRESH_TOKEN_LENGTH) throw unauthenticated('the refresh token is invalid or expired', 'INVALID_REFRESH_TOKEN');
    let resolved: Awaited<ReturnType<IdentityClient['resolveRefreshToken']>>;
    try {
      resolved = await this.client.resolveRefreshToken(token, clientIp);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'refresh token resolution failed');
      throw new AppError('UNAVAILABLE', 'the refresh token cannot be checked right now; try again shortly', { reason: 'AUTH_UNAVAILABLE' });
    }
    if (resolved === null) throw unauthenticated('the refresh token is invalid or expired', 'INVALID_REFRESH_TOKEN');
    if ('rateLimited' in resolved) throw new AppError('RATE_LIMITED', resolved.rateLimited, { reason: 'TOO_MANY_ATTEMPTS' });
    return resolved.tenantId;
  }

  readonly authenticate: Authenticator = async (headers, clientIp = null) => {
    const apiKey = header(headers, 'api_key') ?? header(headers, 'api-key');
    const auth = header(headers, 'authorization');
    if (apiKey === undefined && auth === undefined) {
      if (this.fallback) return this.fallback(headers);
      throw unauthenticated('an api_key or a bearer token is required', 'CREDENTIALS_REQUIRED');
    }
    const key = apiKey !== undefined ? await this.resolveKey(apiKey.trim()) : null;
    if (auth === undefined) {
      if (key!.kind === 'public') return { tenantId: key!.tenantId, kind: 'anonymous', subjectId: null, permissions: [] };
      return { tenantId: key!.tenantId, kind: 'service', subjectId: key!.keyId, permissions: key!.permissions };
    }
    const refreshToken = bearerRefreshToken(headers);
    if (refreshToken !== undefined) {
      const tenantId = await this.refreshTokenTenant(refreshToken, clientIp);
      if (key && key.tenantId !== tenantId) throw unauthenticated('the api_key and the refresh token belong to different tenants', 'TENANT_MISMATCH');
      return { tenantId, kind: 'anonymous', subjectId: null, permissions: [] };
    }
    const raw = auth.startsWith('Bearer ') ? auth.slice(7).trim() : auth.trim();
    const family = header(headers, API_FAMILY_HEADER);
    const audiences: AccessTokenAudience[] = family && FAMILY_AUDIENCE[family] ? [FAMILY_AUDIENCE[family]!] : ['crm-backoffice', 'crm-self-service'];
    // the claimed audience only picks which check to run; the verifier then checks it for real
    const claimed = claimedAudience(raw);
    const audience = audiences.find((a) => a === claimed);
    if (!audience) throw unauthenticated('the access token is invalid or expired', 'INVALID_TOKEN');
    let verified;
    try {
      verified = await this.verifier.verify(raw, audience);
    } catch {
      throw unauthenticated('the access token is invalid or expired', 'INVALID_TOKEN');
    }
    if (this.revoked.has(verified.sessionId)) throw unauthenticated('the session has ended', 'SESSION_REVOKED');
    if (key && key.tenantId !== verified.tenantId) throw unauthenticated('the api_key and the token belong to different tenants', 'TENANT_MISMATCH');
    const principal: Principal = {
      tenantId: verified.tenantId,
      kind: verified.kind,
      subjectId: verified.subject,
      permissions: verified.permissions,
      sessionId: verified.sessionId,
    };
    return principal;
  };
}
