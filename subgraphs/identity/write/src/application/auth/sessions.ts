import { newId } from '@crm/platform/ids';
import { newOpaqueToken } from '@crm/platform/security';
import {
  type Audience,
  invalidRefresh,
  type RefreshOutcome,
  refreshSession,
  requireRecentSignIn,
  type RevokeReason,
  revokeSession,
  type SessionState,
  signedInAt,
  type SubjectKind,
} from '../../domain/session';
import { permissionsOfRoles } from '../../domain/permissions';
import { sessionAggregate, sessionStore, type SessionRow } from '../../persistence/session-store';
import type { Tx } from '../unit-of-work';
import type { IdentitySecrets } from '../identity-secrets';
import type { SigningKeys } from '../signing-keys';

export type { Audience, SubjectKind };

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

/** Whether a value can be one of our refresh tokens at all (checked before any hashing or lookup). */
export const isRefreshTokenShape = (token: string): boolean => token.startsWith(REFRESH_PREFIX) && token.length <= 100;

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
 * back after the grace window (theft signal), on sign-out, and on password change. The rules are
 * the deciders of `domain/session.ts`; this class loads, mints and persists around them.
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
      `SELECT r.name, r.built_in, r.permissions FROM users u JOIN roles r ON r.id = ANY(u.role_ids) AND r.tenant_id = u.tenant_id AND r.deleted_at IS NULL
       WHERE u.tenant_id = $1 AND u.id = $2 AND u.status = 'ACTIVE'`,
      [tx.tenantId, subjectId],
    )) as { name: string; built_in: boolean; permissions: string[] }[];
    // built-in roles grant what the catalogue gives them today (a tenant older than a domain gets its permissions)
    return permissionsOfRoles(rows.map((r) => ({ name: r.name, builtIn: r.built_in, permissions: r.permissions })));
  }

  private async mint(tx: Tx, session: SessionState, parentId: string | null): Promise<TokenPair> {
    const refreshToken = newOpaqueToken(REFRESH_PREFIX);
    const idleEnd = new Date(tx.now.getTime() + this.policy.refreshIdleSeconds[session.audience] * 1000);
    const expires = idleEnd < session.absoluteExpiresAt ? idleEnd : session.absoluteExpiresAt;
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
      subject: session.subjectId,
      tenantId: tx.tenantId,
      kind: session.subjectKind,
      permissions: await this.permissionsOf(tx, session.subjectKind, session.subjectId),
      ...(session.organisationId ? { organisationId: session.organisationId } : {}),
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
   * a switch never renews the re-authentication window). A session starts without an event.
   */
  async start(
    tx: Tx,
    subject: { kind: SubjectKind; id: string; audience: Audience; organisationId: string | null; authenticatedAt?: Date },
  ): Promise<TokenPair> {
    const state: SessionState = {
      id: newId(),
      subjectKind: subject.kind,
      subjectId: subject.id,
      audience: subject.audience,
      organisationId: subject.organisationId,
      createdAt: tx.now,
      authenticatedAt: subject.authenticatedAt ?? tx.now,
      absoluteExpiresAt: new Date(tx.now.getTime() + this.policy.sessionMaxSeconds[subject.audience] * 1000),
      revoked: false,
      revokedAt: null,
      revokeReason: null,
      version: 0,
    };
    const insert = sessionStore.insert(tx.tenantId, state);
    await tx.m.query(insert.sql, insert.params);
    return this.mint(tx, state, null);
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
    const token = {
      expiresAt: new Date(rt.expires_at),
      usedAt: rt.used_at ? new Date(rt.used_at) : null,
      graceUntil: rt.grace_until ? new Date(rt.grace_until) : null,
      gracePayload: rt.grace_payload,
    };
    // the session is loaded and locked by the command; only a reuse changes it (it ends)
    let outcome: RefreshOutcome | null = null;
    const { state } = await tx.command(sessionAggregate, { create: false, ref: rt.session_id }, (current, now) => {
      outcome = refreshSession(current, { token, audience, now });
      return outcome.kind === 'reuse' ? outcome.changes : [];
    });
    const decided = outcome as RefreshOutcome | null;
    if (decided?.kind === 'replay') return JSON.parse(this.secrets.box.open(decided.sealedPair)) as TokenPair;
    if (decided?.kind === 'reuse') {
      await this.dropGracePairs(tx, state.id);
      return 'reuse';
    }
    const pair = await this.mint(tx, state, rt.id);
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
    if (!session) return null;
    return signedInAt({
      createdAt: new Date(session.created_at),
      authenticatedAt: session.authenticated_at ? new Date(session.authenticated_at) : null,
    });
  }

  /**
   * Sudo mode: a password may change without the current one only while the caller's session
   * signed in less than the re-authentication window ago; otherwise 403 naming both ways out.
   */
  async requireRecentSignIn(tx: Tx, sessionId: string | null | undefined): Promise<void> {
    requireRecentSignIn(await this.signedInAt(tx, sessionId), tx.now, this.policy.reauthWindowMs);
  }

  async revokeById(tx: Tx, sessionId: string, reason: 'SIGN_OUT' | 'ADMIN'): Promise<boolean> {
    const current = await sessionStore.load(tx.m, tx.tenantId, sessionId);
    return current !== null && !current.revoked && this.revoke(tx, sessionId, reason);
  }

  /** Ends every live session of a subject (password change, user disabled), except `keepSessionId` if given. */
  async revokeAllOf(
    tx: Tx,
    kind: SubjectKind,
    subjectId: string,
    reason: 'PASSWORD_CHANGED' | 'USER_DISABLED',
    keepSessionId: string | null = null,
  ): Promise<void> {
    const live = (await tx.m.query(
      `SELECT id FROM sessions WHERE tenant_id = $1 AND subject_kind = $2 AND subject_id = $3 AND revoked_at IS NULL ORDER BY id FOR UPDATE`,
      [tx.tenantId, kind, subjectId],
    )) as { id: string }[];
    for (const s of live) if (s.id !== keepSessionId) await this.revoke(tx, s.id, reason);
  }

  /** Ends a live session (the rules: `domain/session.ts`); false when it is missing or already ended. */
  private async revoke(tx: Tx, sessionId: string, reason: RevokeReason): Promise<boolean> {
    const { events } = await tx.command(sessionAggregate, { create: false, ref: sessionId }, (current) => revokeSession(current, { reason }));
    if (events.length === 0) return false;
    await this.dropGracePairs(tx, sessionId);
    return true;
  }

  /** An ended session's refresh tokens stop working: the child pairs kept for the grace window go. */
  private async dropGracePairs(tx: Tx, sessionId: string): Promise<void> {
    await tx.m.query(`UPDATE refresh_tokens SET grace_payload = NULL, grace_until = NULL WHERE session_id = $1`, [sessionId]);
  }
}
