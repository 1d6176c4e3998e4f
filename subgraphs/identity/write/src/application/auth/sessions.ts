import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import { newOpaqueToken } from '@crm/platform/security';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import type { Tx } from '../unit-of-work';
import type { IdentitySecrets } from '../identity-secrets';
import type { SigningKeys } from '../signing-keys';

export type Audience = 'crm-backoffice' | 'crm-self-service';
export type SubjectKind = 'user' | 'contact';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Access token expiry, epoch seconds. */
  expiresAt: number;
  sessionId: string;
}

export interface SessionPolicy {
  accessTtlSeconds: number;
  /** Idle lifetime of a refresh token and absolute lifetime of a session, per audience. */
  refreshIdleSeconds: Record<Audience, number>;
  sessionMaxSeconds: Record<Audience, number>;
  /** A spent refresh token presented again within this window gets the same child pair (lost responses, parallel tabs). */
  reuseGraceMs: number;
  /**
   * "Sudo mode": how long after signing in a subject may change their password without the
   * current one (0: never). Counted from the session's sign-in, which refreshes keep.
   */
  reauthWindowMs: number;
}

const REFRESH_PREFIX = 'crm_rt_';

interface SessionRow {
  id: string;
  tenant_id: string;
  subject_kind: SubjectKind;
  subject_id: string;
  audience: Audience;
  organisation_id: string | null;
  created_at: Date;
  /** The sign-in this session stems from (null on sessions older than the column: created_at). */
  authenticated_at: Date | null;
  absolute_expires_at: Date;
  revoked_at: Date | null;
}

interface RefreshRow {
  id: string;
  session_id: string;
  expires_at: Date;
  used_at: Date | null;
  grace_until: Date | null;
  grace_payload: string | null;
}

/** Thrown after the transaction that revoked a family commits: the caller answers 401. */
export class RefreshReuseDetected extends Error {}

const invalidRefresh = () => new AppError('UNAUTHENTICATED', 'the refresh token is invalid or expired', { reason: 'INVALID_REFRESH_TOKEN' });

/** Whether a value can be one of our refresh tokens at all (checked before any hashing or lookup). */
export const isRefreshTokenShape = (token: string): boolean => token.startsWith(REFRESH_PREFIX) && token.length <= 100;

const signedInAt = (session: Pick<SessionRow, 'created_at' | 'authenticated_at'>): Date => new Date(session.authenticated_at ?? session.created_at);

/**
 * The tenant of a live session's refresh token, found by the token's hash alone (the refresh
 * token is the only credential a generated client sends to refresh). The hash is a unique-index
 * lookup, so its time does not depend on how much of the token is right; unknown tokens, tokens
 * of ended sessions and malformed values all answer null, and nothing but the tenant id leaves.
 * A spent token of a live session still resolves, so its reuse reaches refresh() and ends it.
 */
export async function refreshTokenTenant(
  query: (sql: string, params: unknown[]) => Promise<unknown[]>,
  secrets: IdentitySecrets,
  token: string,
): Promise<string | null> {
  if (!isRefreshTokenShape(token)) return null;
  const [row] = (await query(
    `SELECT s.tenant_id FROM refresh_tokens rt JOIN sessions s ON s.id = rt.session_id
      WHERE rt.token_hash = $1 AND s.revoked_at IS NULL AND s.absolute_expires_at > now()`,
    [secrets.tokenHash(token)],
  )) as { tenant_id: string }[];
  return row?.tenant_id ?? null;
}

/**
 * Sessions and their tokens: short-lived ES256 access tokens, opaque refresh tokens stored as
 * hashes and rotated on every use. A family (session) is revoked when a spent refresh token comes
 * back after the grace window (theft signal), on sign-out, and on password change.
 */
export class Sessions {
  constructor(
    private readonly policy: SessionPolicy,
    private readonly keys: SigningKeys,
    private readonly secrets: IdentitySecrets,
  ) {}

  private async permissionsOf(tx: Tx, kind: SubjectKind, subjectId: string): Promise<string[]> {
    if (kind === 'contact') return [];
    const rows = (await tx.m.query(
      `SELECT DISTINCT unnest(r.permissions) AS p FROM users u JOIN roles r ON r.id = ANY(u.role_ids) AND r.tenant_id = u.tenant_id AND r.deleted_at IS NULL
       WHERE u.tenant_id = $1 AND u.id = $2 AND u.status = 'ACTIVE'`,
      [tx.tenantId, subjectId],
    )) as { p: string }[];
    return rows.map((r) => r.p).sort();
  }

  private async mint(
    tx: Tx,
    session: Pick<
      SessionRow,
      'id' | 'subject_kind' | 'subject_id' | 'audience' | 'organisation_id' | 'absolute_expires_at' | 'created_at' | 'authenticated_at'
    >,
    parentId: string | null,
  ): Promise<TokenPair> {
    const refreshToken = newOpaqueToken(REFRESH_PREFIX);
    const idleEnd = new Date(tx.now.getTime() + this.policy.refreshIdleSeconds[session.audience] * 1000);
    const expires = idleEnd < new Date(session.absolute_expires_at) ? idleEnd : new Date(session.absolute_expires_at);
    await tx.m.query(`INSERT INTO refresh_tokens (id, session_id, token_hash, parent_id, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      newId(),
      session.id,
      this.secrets.tokenHash(refreshToken),
      parentId,
      tx.now,
      expires,
    ]);
    const access = this.keys.active.issue({
      audience: session.audience,
      subject: session.subject_id,
      tenantId: tx.tenantId,
      kind: session.subject_kind,
      permissions: await this.permissionsOf(tx, session.subject_kind, session.subject_id),
      ...(session.organisation_id ? { organisationId: session.organisation_id } : {}),
      sessionId: session.id,
      // the original sign-in, also on refreshed tokens (never later than now)
      authTime: Math.min(Math.floor(signedInAt(session).getTime() / 1000), Math.floor(tx.now.getTime() / 1000)),
      ttlSeconds: this.policy.accessTtlSeconds,
    });
    return { accessToken: access.token, refreshToken, expiresAt: access.expiresAt, sessionId: session.id };
  }

  /**
   * Starts a session for a subject who just proved who they are (`authenticatedAt` now), or who
   * acts from a session of theirs (an organisation switch passes that session's sign-in time, so
   * a switch never renews the re-authentication window).
   */
  async start(
    tx: Tx,
    subject: { kind: SubjectKind; id: string; audience: Audience; organisationId: string | null; authenticatedAt?: Date },
  ): Promise<TokenPair> {
    const session = {
      id: newId(),
      subject_kind: subject.kind,
      subject_id: subject.id,
      audience: subject.audience,
      organisation_id: subject.organisationId,
      created_at: tx.now,
      authenticated_at: subject.authenticatedAt ?? tx.now,
      absolute_expires_at: new Date(tx.now.getTime() + this.policy.sessionMaxSeconds[subject.audience] * 1000),
    };
    await tx.m.query(
      `INSERT INTO sessions (id, tenant_id, subject_kind, subject_id, audience, organisation_id, created_at, authenticated_at, absolute_expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        session.id,
        tx.tenantId,
        session.subject_kind,
        session.subject_id,
        session.audience,
        session.organisation_id,
        tx.now,
        session.authenticated_at,
        session.absolute_expires_at,
      ],
    );
    return this.mint(tx, session, null);
  }

  /**
   * Rotates a refresh token under a row lock, so concurrent refreshes with one token produce
   * exactly one child pair (the others within the grace window receive that same pair).
   * Returns 'reuse' when a spent token came back late: the caller commits and answers 401.
   */
  async refresh(tx: Tx, refreshToken: string, audience: Audience | null): Promise<TokenPair | 'reuse'> {
    if (!isRefreshTokenShape(refreshToken)) throw invalidRefresh();
    // only a token of the caller's tenant is found (and locked): another tenant's token is unknown here
    const [rt] = (await tx.m.query(
      `SELECT rt.* FROM refresh_tokens rt JOIN sessions s ON s.id = rt.session_id AND s.tenant_id = $2 WHERE rt.token_hash = $1 FOR UPDATE OF rt`,
      [this.secrets.tokenHash(refreshToken), tx.tenantId],
    )) as RefreshRow[];
    if (!rt) throw invalidRefresh();
    const [session] = (await tx.m.query(`SELECT * FROM sessions WHERE id = $1 AND tenant_id = $2 FOR UPDATE`, [
      rt.session_id,
      tx.tenantId,
    ])) as SessionRow[];
    if (!session || session.revoked_at) throw invalidRefresh();
    if (audience && session.audience !== audience) throw invalidRefresh();
    if (rt.used_at) {
      if (rt.grace_until && new Date(rt.grace_until) > tx.now && rt.grace_payload) {
        return JSON.parse(this.secrets.box.open(rt.grace_payload)) as TokenPair;
      }
      await this.revoke(tx, session, 'REFRESH_REUSE');
      return 'reuse';
    }
    if (new Date(rt.expires_at) <= tx.now || new Date(session.absolute_expires_at) <= tx.now) throw invalidRefresh();
    const pair = await this.mint(tx, session, rt.id);
    await tx.m.query(`UPDATE refresh_tokens SET used_at = $2, grace_until = $3, grace_payload = $4 WHERE id = $1`, [
      rt.id,
      tx.now,
      new Date(tx.now.getTime() + this.policy.reuseGraceMs),
      this.secrets.box.seal(JSON.stringify(pair)),
    ]);
    return pair;
  }

  /** When the live session `sessionId` of this tenant signed in; null when there is no such session. */
  async signedInAt(tx: Tx, sessionId: string | null | undefined): Promise<Date | null> {
    if (!sessionId) return null;
    const [session] = (await tx.m.query(`SELECT created_at, authenticated_at FROM sessions WHERE id = $1 AND tenant_id = $2 AND revoked_at IS NULL`, [
      sessionId,
      tx.tenantId,
    ])) as Pick<SessionRow, 'created_at' | 'authenticated_at'>[];
    return session ? signedInAt(session) : null;
  }

  /**
   * Sudo mode: a password may change without the current one only while the caller's session
   * signed in less than the re-authentication window ago; otherwise 403 naming both ways out.
   */
  async requireRecentSignIn(tx: Tx, sessionId: string | null | undefined): Promise<void> {
    const at = await this.signedInAt(tx, sessionId);
    if (at && tx.now.getTime() - at.getTime() < this.policy.reauthWindowMs) return;
    const window = Math.round(this.policy.reauthWindowMs / 1000);
    throw new AppError(
      'FORBIDDEN',
      window > 0
        ? `currentPassword: is required, as this session signed in more than ${window} seconds ago; send the current password, or sign in again and retry within ${window} seconds`
        : 'currentPassword: is required to change the password',
      { reason: 'REAUTHENTICATION_REQUIRED', field: 'currentPassword' },
    );
  }

  async revokeById(tx: Tx, sessionId: string, reason: 'SIGN_OUT' | 'ADMIN'): Promise<boolean> {
    const [session] = (await tx.m.query(`SELECT * FROM sessions WHERE id = $1 AND tenant_id = $2 FOR UPDATE`, [
      sessionId,
      tx.tenantId,
    ])) as SessionRow[];
    if (!session || session.revoked_at) return false;
    await this.revoke(tx, session, reason);
    return true;
  }

  /** Ends every live session of a subject (password change, user disabled), except `keepSessionId` if given. */
  async revokeAllOf(
    tx: Tx,
    kind: SubjectKind,
    subjectId: string,
    reason: 'PASSWORD_CHANGED' | 'USER_DISABLED',
    keepSessionId: string | null = null,
  ): Promise<void> {
    const rows = (await tx.m.query(
      `SELECT * FROM sessions WHERE tenant_id = $1 AND subject_kind = $2 AND subject_id = $3 AND revoked_at IS NULL FOR UPDATE`,
      [tx.tenantId, kind, subjectId],
    )) as SessionRow[];
    for (const s of rows) if (s.id !== keepSessionId) await this.revoke(tx, s, reason);
  }

  private async revoke(
    tx: Tx,
    session: SessionRow,
    reason: 'SIGN_OUT' | 'REFRESH_REUSE' | 'PASSWORD_CHANGED' | 'USER_DISABLED' | 'ADMIN',
  ): Promise<void> {
    await tx.m.query(`UPDATE sessions SET revoked_at = $2, revoke_reason = $3 WHERE id = $1`, [session.id, tx.now, reason]);
    await tx.m.query(`UPDATE refresh_tokens SET grace_payload = NULL, grace_until = NULL WHERE session_id = $1`, [session.id]);
    tx.emit({
      type: 'session.revoked',
      aggregateType: AGGREGATES.session,
      aggregateId: session.id,
      aggregateVersion: 1,
      data: { subjectKind: session.subject_kind, subjectId: session.subject_id, reason },
    });
  }
}
