import { newId } from '@crm/platform/ids';
import { newOpaqueToken } from '@crm/platform/security';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import {
  type Audience,
  evolveSession,
  invalidRefresh,
  refreshSession,
  requireRecentSignIn,
  revokeSession,
  type SessionChange,
  type SessionState,
  signedInAt,
  type SubjectKind,
} from '../../domain/session';
import { applyChanges } from '../apply-changes';
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

interface SessionRow {
  id: string;
  subject_kind: SubjectKind;
  subject_id: string;
  audience: Audience;
  organisation_id: string | null;
  created_at: Date;
  authenticated_at: Date | null;
  absolute_expires_at: Date;
  revoked_at: Date | null;
}

const SESSION_COLUMNS = 'id, subject_kind, subject_id, audience, organisation_id, created_at, authenticated_at, absolute_expires_at, revoked_at';

const stateOf = (r: SessionRow): SessionState => ({
  id: r.id,
  subjectKind: r.subject_kind,
  subjectId: r.subject_id,
  audience: r.audience,
  organisationId: r.organisation_id,
  createdAt: new Date(r.created_at),
  authenticatedAt: r.authenticated_at ? new Date(r.authenticated_at) : null,
  absoluteExpiresAt: new Date(r.absolute_expires_at),
  revoked: r.revoked_at !== null,
  // a session starts without an event; its revocation is its one event
  version: r.revoked_at !== null ? 1 : 0,
});

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

const sessionAggregate = { type: AGGREGATES.session, evolve: evolveSession };

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
      `SELECT DISTINCT unnest(r.permissions) AS p FROM users u JOIN roles r ON r.id = ANY(u.role_ids) AND r.tenant_id = u.tenant_id AND r.deleted_at IS NULL
       WHERE u.tenant_id = $1 AND u.id = $2 AND u.status = 'ACTIVE'`,
      [tx.tenantId, subjectId],
    )) as { p: string }[];
    return rows.map((r) => r.p).sort();
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

  /** The live or ended session of this tenant, locked for the command. */
  private async load(tx: Tx, where: string, params: unknown[]): Promise<SessionState[]> {
    const rows = (await tx.m.query(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE tenant_id = $1 AND ${where} FOR UPDATE`, [
      tx.tenantId,
      ...params,
    ])) as SessionRow[];
    return rows.map(stateOf);
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
      version: 0,
    };
    await tx.m.query(
      `INSERT INTO sessions (id, tenant_id, subject_kind, subject_id, audience, organisation_id, created_at, authenticated_at, absolute_expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        state.id,
        tx.tenantId,
        state.subjectKind,
        state.subjectId,
        state.audience,
        state.organisationId,
        tx.now,
        state.authenticatedAt,
        state.absoluteExpiresAt,
      ],
    );
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
    const [current = null] = await this.load(tx, 'id = $2', [rt.session_id]);
    const outcome = refreshSession(current, {
      token: {
        expiresAt: new Date(rt.expires_at),
        usedAt: rt.used_at ? new Date(rt.used_at) : null,
        graceUntil: rt.grace_until ? new Date(rt.grace_until) : null,
        gracePayload: rt.grace_payload,
      },
      audience,
      now: tx.now,
    });
    if (outcome.kind === 'replay') return JSON.parse(this.secrets.box.open(outcome.sealedPair)) as TokenPair;
    if (outcome.kind === 'reuse') {
      await this.save(tx, current, outcome.changes);
      return 'reuse';
    }
    const pair = await this.mint(tx, current!, rt.id);
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
    return session ? signedInAt({ createdAt: session.created_at, authenticatedAt: session.authenticated_at }) : null;
  }

  /**
   * Sudo mode: a password may change without the current one only while the caller's session
   * signed in less than the re-authentication window ago; otherwise 403 naming both ways out.
   */
  async requireRecentSignIn(tx: Tx, sessionId: string | null | undefined): Promise<void> {
    requireRecentSignIn(await this.signedInAt(tx, sessionId), tx.now, this.policy.reauthWindowMs);
  }

  async revokeById(tx: Tx, sessionId: string, reason: 'SIGN_OUT' | 'ADMIN'): Promise<boolean> {
    const [current = null] = await this.load(tx, 'id = $2', [sessionId]);
    return this.save(tx, current, revokeSession(current, { reason }));
  }

  /** Ends every live session of a subject (password change, user disabled), except `keepSessionId` if given. */
  async revokeAllOf(
    tx: Tx,
    kind: SubjectKind,
    subjectId: string,
    reason: 'PASSWORD_CHANGED' | 'USER_DISABLED',
    keepSessionId: string | null = null,
  ): Promise<void> {
    const live = await this.load(tx, 'subject_kind = $2 AND subject_id = $3 AND revoked_at IS NULL', [kind, subjectId]);
    for (const s of live) if (s.id !== keepSessionId) await this.save(tx, s, revokeSession(s, { reason }));
  }

  /** Records a revocation (the only change a session has): its refresh tokens stop working and their grace pairs are dropped. */
  private async save(tx: Tx, current: SessionState | null, changes: SessionChange[]): Promise<boolean> {
    if (!current || changes.length === 0) return false;
    applyChanges(tx, sessionAggregate, current, current.id, changes);
    const reason = changes[0]!.data.reason;
    await tx.m.query(`UPDATE sessions SET revoked_at = $2, revoke_reason = $3 WHERE id = $1`, [current.id, tx.now, reason]);
    await tx.m.query(`UPDATE refresh_tokens SET grace_payload = NULL, grace_until = NULL WHERE session_id = $1`, [current.id]);
    return true;
  }
}
