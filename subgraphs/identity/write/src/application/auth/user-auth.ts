import { AppError } from '@crm/platform/errors';
import { checkPasswordPolicy, hashOpaqueToken, hashPassword, newOpaqueToken, verifyAgainstDummy, verifyPassword } from '@crm/platform/security';
import type { CommandMeta, UnitOfWork } from '../unit-of-work';
import { invalidResetToken, normaliseEmail } from '../../domain/user';
import { setPassword } from '../directory/users';
import { invalidLogin, type LoginLimits } from './login-limits';
import { RefreshReuseDetected, type Sessions, type TokenPair } from './sessions';
import type { Communications } from '../communications';

const RESET_TTL_MS = 3600_000;

interface UserRow {
  id: string;
  password_hash: string;
  status: 'ACTIVE' | 'DISABLED';
}

/** Back-office users: sign in, refresh, sign out, switch organisation. */
export class UserAuth {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessions: Sessions,
    private readonly limits: LoginLimits,
    private readonly comms: Communications,
  ) {}

  /** Always succeeds (no enumeration); emails a one-hour reset token to an active user. */
  async forgotPassword(meta: CommandMeta, email: string, clientIp: string | null): Promise<void> {
    let normalised: string;
    try {
      normalised = normaliseEmail('email', email);
    } catch {
      return;
    }
    await this.limits.check(meta.tenantId, 'user-password-reset', normalised, clientIp);
    await this.limits.failed(meta.tenantId, 'user-password-reset', normalised, clientIp);
    await this.uow.run(meta, async (tx) => {
      const [user] = (await tx.m.query(`SELECT id FROM users WHERE tenant_id = $1 AND lower(email) = $2 AND status = 'ACTIVE'`, [
        tx.tenantId,
        normalised,
      ])) as { id: string }[];
      if (!user) return;
      const token = newOpaqueToken('crm_pr_');
      await tx.m.query(
        `INSERT INTO one_time_links (token_hash, tenant_id, purpose, subject_kind, subject_id, expires_at, created_at) VALUES ($1, $2, 'PASSWORD_RESET', 'user', $3, $4, $5)`,
        [hashOpaqueToken(token), tx.tenantId, user.id, new Date(tx.now.getTime() + RESET_TTL_MS), tx.now],
      );
      await this.comms.send(tx, {
        channel: 'EMAIL',
        to: normalised,
        subject: 'Reset your password',
        body: `Use this token to choose a new password (valid for 1 hour): ${token}`,
      });
    });
  }

  /** Completes a reset: new password, `user.password_changed`, every session of the user ends. */
  async resetPassword(meta: CommandMeta, token: string, password: string): Promise<void> {
    checkPasswordPolicy(password, 'password');
    if (typeof token !== 'string' || token.length > 100) throw invalidResetToken();
    const hash = await hashPassword(password);
    await this.uow.run(meta, async (tx) => {
      const [link] = (await tx.m.query(
        `SELECT subject_id, expires_at, used_at FROM one_time_links WHERE token_hash = $1 AND tenant_id = $2 AND purpose = 'PASSWORD_RESET' AND subject_kind = 'user' FOR UPDATE`,
        [hashOpaqueToken(token), tx.tenantId],
      )) as { subject_id: string; expires_at: Date; used_at: Date | null }[];
      if (!link || link.used_at || new Date(link.expires_at) <= tx.now) throw invalidResetToken();
      await tx.m.query(`UPDATE one_time_links SET used_at = $2 WHERE token_hash = $1`, [hashOpaqueToken(token), tx.now]);
      await setPassword(tx, this.sessions, { userId: link.subject_id, via: 'RESET', passwordHash: hash });
    });
  }

  async authenticate(meta: CommandMeta, input: { email: string; password: string }, clientIp: string | null): Promise<TokenPair> {
    let email: string;
    try {
      email = normaliseEmail('username', input.email);
    } catch {
      throw invalidLogin();
    }
    await this.limits.check(meta.tenantId, 'user-login', email, clientIp);
    const [user] = (await this.uow.query(`SELECT id, password_hash, status FROM users WHERE tenant_id = $1 AND lower(email) = $2`, [
      meta.tenantId,
      email,
    ])) as UserRow[];
    const check = user
      ? await verifyPassword(user.password_hash, input.password)
      : { ok: await verifyAgainstDummy(input.password), needsRehash: false };
    if (!user || !check.ok || user.status !== 'ACTIVE') {
      await this.limits.failed(meta.tenantId, 'user-login', email, clientIp);
      throw invalidLogin();
    }
    await this.limits.succeeded(meta.tenantId, 'user-login', email);
    const rehash = check.needsRehash ? await hashPassword(input.password) : null;
    return this.uow.run({ ...meta, actor: { kind: 'user', id: user.id } }, async (tx) => {
      if (rehash) await tx.m.query(`UPDATE users SET password_hash = $3 WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, user.id, rehash]);
      return this.sessions.start(tx, { kind: 'user', id: user.id, audience: 'crm-backoffice', organisationId: meta.tenantId });
    });
  }

  /** Rotates the refresh token of a user or contact session. */
  async refresh(meta: CommandMeta, refreshToken: string): Promise<TokenPair> {
    const result = await this.uow.run(meta, (tx) => this.sessions.refresh(tx, refreshToken, null));
    if (result === 'reuse') {
      throw new AppError('UNAUTHENTICATED', 'the refresh token was already used; the session has been ended', { reason: 'REFRESH_TOKEN_REUSED' });
    }
    return result;
  }

  async signOut(meta: CommandMeta, sessionId: string | null | undefined): Promise<void> {
    if (!sessionId) throw new AppError('VALIDATION', 'only a signed-in user or contact can sign out', { reason: 'NO_SESSION' });
    await this.uow.run(meta, (tx) => this.sessions.revokeById(tx, sessionId, 'SIGN_OUT'));
  }

  /**
   * A signed-in user changes their own password, the new one passing the policy. With the
   * current password, it must verify (failures count towards the same lockout as sign-in) and
   * differ from the new one. Without it, the calling session must have signed in within the
   * re-authentication window (sudo mode), else 403 REAUTHENTICATION_REQUIRED. Every other session
   * of the user ends (PASSWORD_CHANGED); the calling session stays.
   */
  async changePassword(
    meta: CommandMeta,
    input: { userId: string; sessionId: string | null; currentPassword: string | null; newPassword: string },
    clientIp: string | null,
  ): Promise<void> {
    checkPasswordPolicy(input.newPassword, 'newPassword');
    const current = input.currentPassword;
    if (current !== null && input.newPassword.normalize('NFKC') === current.normalize('NFKC')) {
      throw AppError.validation('newPassword', 'must differ from the current password', 'PASSWORD_UNCHANGED');
    }
    const scope = 'password-change';
    await this.limits.check(meta.tenantId, scope, input.userId, clientIp);
    const [user] = (await this.uow.query(`SELECT id, password_hash, status FROM users WHERE tenant_id = $1 AND id = $2`, [
      meta.tenantId,
      input.userId,
    ])) as UserRow[];
    if (!user || user.status !== 'ACTIVE') throw new AppError('FORBIDDEN', 'this account cannot change its password', { reason: 'ACCOUNT_DISABLED' });
    if (current !== null) {
      const check = await verifyPassword(user.password_hash, current);
      if (!check.ok) {
        await this.limits.failed(meta.tenantId, scope, input.userId, clientIp);
        throw AppError.validation('currentPassword', 'is not correct', 'WRONG_PASSWORD');
      }
      await this.limits.succeeded(meta.tenantId, scope, input.userId);
    } else {
      await this.uow.run(meta, (tx) => this.sessions.requireRecentSignIn(tx, input.sessionId));
    }
    const hash = await hashPassword(input.newPassword);
    // the hash verified above must still be the current one (no concurrent change or disable)
    await this.uow.run(meta, (tx) =>
      setPassword(tx, this.sessions, {
        userId: input.userId,
        via: 'CHANGE',
        passwordHash: hash,
        verifiedHash: user.password_hash,
        keepSessionId: input.sessionId,
      }),
    );
  }

  /** New tokens acting for another organisation of the same tenant (the sign-in time of the calling session carries over). */
  async switchOrganisation(meta: CommandMeta, userId: string, organisationId: string, sessionId: string | null = null): Promise<TokenPair> {
    return this.uow.run(meta, async (tx) => {
      const org = (await tx.m.query(`SELECT id FROM organisations WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, organisationId])) as unknown[];
      if (org.length === 0) throw AppError.notFound('organisation', organisationId);
      // a switch is no sign-in: it must not renew the re-authentication window, nor outlive its session
      let authenticatedAt: Date | undefined;
      if (sessionId) {
        const at = await this.sessions.signedInAt(tx, sessionId);
        if (!at) throw new AppError('UNAUTHENTICATED', 'the session has ended', { reason: 'SESSION_REVOKED' });
        authenticatedAt = at;
      }
      return this.sessions.start(tx, {
        kind: 'user',
        id: userId,
        audience: 'crm-backoffice',
        organisationId,
        ...(authenticatedAt ? { authenticatedAt } : {}),
      });
    });
  }
}

export { RefreshReuseDetected };
