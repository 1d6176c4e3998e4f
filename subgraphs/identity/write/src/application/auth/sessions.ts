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
}

const REFRESH_PREFIX = 'crm_rt_';

interface SessionRow {
  id: string;
  tenant_id: string;
  subject_kind: SubjectKind;
  subject_id: string;
  audience: Audience;
  organisation_id: string | null;
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

  private async mint(tx: Tx, session: Pick<SessionRow, 'id' | 'subject_kind' | 'subject_id' | 'audience' | 'organisation_id' | 'absolute_expires_at'>, parentId: string | null): Promise<TokenPair> {
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
      ttlSeconds: this.policy.accessTtlSeconds,
    });
    return { accessToken: access.token, refreshToken, expiresAt: access.expiresAt, sessionId: session.id };
  }

  /** Starts a session for a subject who just proved who they are. */
  async start(tx: Tx, subject: { kind: SubjectKind; id: string; audience: Audience; organisationId: string | null }): Promise<TokenPair> {
    const session = {
      id: newId(),
      subject_kind: subject.kind,
      subject_id: subject.id,
      audience: subject.audience,
      organisation_id: subject.organisationId,
      absolute_expires_at: new Date(tx.now.getTime() + this.policy.sessionMaxSeconds[subject.audience] * 1000),
    };
    await tx.m.query(
      `INSERT INTO sessions (id, tenant_id, subject_kind, subject_id, audience, organisation_id, created_at, absolute_expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [session.id, tx.tenantId, session.subject_kind, session.subject_id, session.audience, session.organisation_id, tx.now, session.absolute_expires_at],
    );
    return this.mint(tx, session, null);
  }

  /**
   * Rotates a refresh token under a row lock, so concurrent refreshes with one token produce
   * exactly one child pair (the others within the grace window receive that same pair).
   * Returns 'reuse' when a spent token came back late: the caller commits and answers 401.
   */
  async refresh(tx: Tx, refreshToken: string, audience: Audience | null): Promise<TokenPair | 'reuse'> {
    if (!refreshToken.startsWith(REFRESH_PREFIX) || refreshToken.length > 100) throw invalidRefresh();
    const [rt] = (await tx.m.query(`SELECT * FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`, [this.secrets.tokenHash(refreshToken)])) as RefreshRow[];
    if (!rt) throw invalidRefresh();
    const [session] = (await tx.m.query(`SELECT * FROM sessions WHERE id = $1 AND tenant_id = $2 FOR UPDATE`, [rt.session_id, tx.tenantId])) as SessionRow[];
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

  async revokeById(tx: Tx, sessionId: string, reason: 'SIGN_OUT' | 'ADMIN'): Promise<boolean> {
    const [session] = (await tx.m.query(`SELECT * FROM sessions WHERE id = $1 AND tenant_id = $2 FOR UPDATE`, [sessionId, tx.tenantId])) as SessionRow[];
    if (!session || session.revoked_at) return false;
    await this.revoke(tx, session, reason);
    return true;
  }

  /** Ends every live session of a subject (password change, user disabled), except `keepSessionId` if given. */
  async revokeAllOf(tx: Tx, kind: SubjectKind, subjectId: string, reason: 'PASSWORD_CHANGED' | 'USER_DISABLED', keepSessionId: string | null = null): Promise<void> {
    const rows = (await tx.m.query(`SELECT * FROM sessions WHERE tenant_id = $1 AND subject_kind = $2 AND subject_id = $3 AND revoked_at IS NULL FOR UPDATE`, [
      tx.tenantId,
      kind,
      subjectId,
    ])) as SessionRow[];
    for (const s of rows) if (s.id !== keepSessionId) await this.revoke(tx, s, reason);
  }

  private async revoke(tx: Tx, session: SessionRow, reason: 'SIGN_OUT' | 'REFRESH_REUSE' | 'PASSWORD_CHANGED' | 'USER_DISABLED' | 'ADMIN'): Promise<void> {
    await tx.m.query(`UPDATE sessions SET revoked_at = $2, revoke_reason = $3 WHERE id = $1`, [session.id, tx.now, reason]);
    await tx.m.query(`UPDATE refresh_tokens SET grace_payload = NULL, grace_until = NULL WHERE session_id = $1`, [session.id]);
    tx.emit({ type: 'session.revoked', aggregateType: AGGREGATES.session, aggregateId: session.id, aggregateVersion: 1, data: { subjectKind: session.subject_kind, subjectId: session.subject_id, reason } });
  }
}
