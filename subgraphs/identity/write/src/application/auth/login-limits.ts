import { AppError } from '@crm/platform/errors';
import type { RateLimiter } from '@crm/platform/security';

/**
 * Brute-force protection for every credential check: failures are counted per identity (tenant +
 * login name) and per client address; past the limit both known and unknown identities get the
 * same 429, so a lockout reveals nothing about existence. Success clears the identity counter.
 */
export class LoginLimits {
  constructor(
    private readonly perIdentity: RateLimiter,
    private readonly perAddress: RateLimiter,
    /** Failures that lock an identity (the address limit allows 20 times as many). */
    private readonly maxFailures: number,
  ) {}

  private keys(tenantId: string, scope: string, identity: string | null, ip: string | null) {
    return { identity: identity === null ? null : `${tenantId}:${scope}:${identity.toLowerCase()}`, address: `${scope}:${ip ?? 'unknown'}` };
  }

  /** Refuses at once when either counter is already exhausted (`identity` null: the address only). */
  async check(tenantId: string, scope: string, identity: string | null, ip: string | null): Promise<void> {
    const k = this.keys(tenantId, scope, identity, ip);
    const [a, b] = await Promise.all([k.identity === null ? null : this.perIdentity.peek(k.identity), this.perAddress.peek(k.address)]);
    const identityLocked = a && a.consumed >= this.maxFailures ? Math.max(a.resetInSeconds, a.blockedForSeconds, 1) : 0;
    const addressLocked = b.consumed >= this.maxFailures * 20 ? Math.max(b.resetInSeconds, b.blockedForSeconds, 1) : 0;
    const wait = Math.max(identityLocked, addressLocked);
    if (wait > 0) throw tooMany(wait);
  }

  async failed(tenantId: string, scope: string, identity: string | null, ip: string | null): Promise<void> {
    const k = this.keys(tenantId, scope, identity, ip);
    await Promise.all([k.identity === null ? null : this.perIdentity.consume(k.identity), this.perAddress.consume(k.address)]);
  }

  async succeeded(tenantId: string, scope: string, identity: string): Promise<void> {
    const key = this.keys(tenantId, scope, identity, null).identity;
    if (key !== null) await this.perIdentity.reset(key);
  }
}

export function tooMany(retryAfterSeconds: number): AppError {
  return new AppError('RATE_LIMITED', `too many attempts; try again in ${retryAfterSeconds} seconds`, { reason: 'TOO_MANY_ATTEMPTS' });
}

/** One answer for unknown user, wrong password and disabled user. */
export const invalidLogin = () =>
  new AppError('UNAUTHENTICATED', 'the username or password is not correct', { reason: 'INVALID_LOGIN', exception: 'INVALIDLOGINEXCEPTION' });
