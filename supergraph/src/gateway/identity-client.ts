import { PrincipalSigner } from '@crm/platform/auth';
import type { PublicJwk } from '@crm/platform/security';

export interface ResolvedKey {
  keyId: string;
  tenantId: string;
  applicationId: string;
  kind: 'public' | 'secret';
  permissions: string[];
  expiresAt: string | null;
}

/** The gateway's client for the identity service's internal endpoints (signed service principal). */
export class IdentityClient {
  private readonly signer: PrincipalSigner;

  constructor(
    private readonly baseUrl: string,
    internalSecret: string,
    private readonly timeoutMs = 3000,
  ) {
    this.signer = new PrincipalSigner(internalSecret);
  }

  private async call(path: string, init: RequestInit = {}): Promise<Response> {
    const token = this.signer.sign({ tenantId: 'platform', kind: 'service', subjectId: 'gateway', permissions: ['internal.read'] });
    return fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', 'x-crm-principal': token, ...(init.headers as Record<string, string> | undefined) },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
  }

  async jwks(): Promise<PublicJwk[]> {
    const res = await this.call('/internal/jwks');
    if (!res.ok) throw new Error(`identity jwks answered ${res.status}`);
    return ((await res.json()) as { keys: PublicJwk[] }).keys;
  }

  /** The key's tenant, application and permissions, or null when it is unknown, revoked or expired. */
  async resolveKey(key: string): Promise<ResolvedKey | null> {
    const res = await this.call('/internal/api-keys/resolve', { method: 'POST', body: JSON.stringify({ key }) });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`identity key resolution answered ${res.status}`);
    return (await res.json()) as ResolvedKey;
  }

  /**
   * The tenant of a live session's refresh token, or null when the token is unknown or its
   * session ended; `rate-limited` (with the wait in seconds) once the caller's address has sent
   * too many unknown tokens.
   */
  async resolveRefreshToken(token: string, clientIp: string | null): Promise<{ tenantId: string } | null | { rateLimited: string }> {
    const res = await this.call('/internal/refresh-tokens/resolve', { method: 'POST', body: JSON.stringify({ token, clientIp }) });
    if (res.status === 404) return null;
    if (res.status === 429) return { rateLimited: (((await res.json()) as { message?: string }).message ?? 'too many attempts').slice(0, 200) };
    if (!res.ok) throw new Error(`identity refresh-token resolution answered ${res.status}`);
    const body = (await res.json()) as { tenantId?: unknown };
    if (typeof body.tenantId !== 'string') throw new Error('identity refresh-token resolution named no tenant');
    return { tenantId: body.tenantId };
  }

  /** Development outbox (only when the identity service has it enabled). */
  async devOutbox(to: string, tenant: string): Promise<{ status: number; body: unknown }> {
    const res = await this.call(`/internal/dev-outbox?to=${encodeURIComponent(to)}&tenant=${encodeURIComponent(tenant)}`);
    return { status: res.status, body: await res.json() };
  }

  async revokedSessionsSince(since: Date): Promise<string[]> {
    const res = await this.call(`/internal/sessions/revoked?since=${encodeURIComponent(since.toISOString())}`);
    if (!res.ok) throw new Error(`identity revoked sessions answered ${res.status}`);
    return ((await res.json()) as { sessionIds: string[] }).sessionIds;
  }
}
