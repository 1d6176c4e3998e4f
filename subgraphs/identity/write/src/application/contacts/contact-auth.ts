import { AppError, type ReasonOf } from '@crm/platform/errors';
import { checkPasswordPolicy, hashOpaqueToken, hashPassword, newOpaqueToken, verifyAgainstDummy, verifyPassword } from '@crm/platform/security';
import type { CommandMeta, Tx, UnitOfWork } from '../unit-of-work';
import type { Communications } from '../communications';
import { invalidLogin, type LoginLimits } from '../auth/login-limits';
import type { Sessions, TokenPair } from '../auth/sessions';
import { destinationOf, emailLogin, obfuscate, phoneLogin, type ContactLogin } from './identifiers';
import type { OtpChallenges } from './otp-challenges';
import { addContactIdentity, registerContactIdentity } from './contact-identities';
import { checkPasswordChange, type ContactIdentityState, verifyIdentity } from '../../domain/contact-identity';
import {
  contactIdentityAggregate,
  contactIdentityStore,
  emailIdentityOf,
  identityByKey,
  setPasswordHash,
} from '../../persistence/contact-identity-store';

export interface ContactAuthResult {
  contactId: string | null;
  tokens: TokenPair | null;
  isVerified: boolean;
  /** Set when an OTP must be validated before tokens are issued. */
  authOtp: string | null;
  obfuscatedValue: string | null;
  /** Read the contact with this to see it as soon as the contacts domain has created it. */
  consistencyToken: string | null;
}

export interface RegisterContact {
  firstName: string;
  lastName: string;
  provider: 'EMAIL' | 'PHONE';
  email?: string | null;
  password?: string | null;
  phone?: { countryCode: string; number: string } | null;
  smsOptOut?: boolean | null;
  emailOptOut?: boolean | null;
  languageCode?: string | null;
}

const LINK_TTL_MS = 3600_000;
const otpFailed = (reason: ReasonOf<'UNAUTHENTICATED'>) =>
  new AppError(
    'UNAUTHENTICATED',
    reason === 'OTP_EXPIRED'
      ? 'the code has expired'
      : reason === 'OTP_ATTEMPTS_EXCEEDED'
        ? 'too many wrong codes; request a new one'
        : 'the code is not correct',
    {
      reason,
      exception: 'INVALIDLOGINEXCEPTION',
    },
  );

function name(field: string, value: unknown): string {
  const v = typeof value === 'string' ? value.trim() : '';
  if (!v) throw AppError.validation(field, 'is required', 'REQUIRED');
  if (v.length > 100) throw AppError.validation(field, 'must be at most 100 characters', 'TOO_LONG');
  return v;
}

function language(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const v = value.trim().toUpperCase();
  if (!/^[A-Z]{2,3}$/.test(v)) throw AppError.validation('languageCode', 'must be a 2- or 3-letter language code', 'INVALID_LANGUAGE');
  return v;
}

/**
 * Contacts' identities (Self-Service): registration, sign-in by password or one-time code,
 * password reset and change, email verification, extra identities. Tokens have the
 * `crm-self-service` audience; the contact itself is created by the contacts domain from the
 * `contact_identity.registered` event.
 */
export class ContactAuth {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessions: Sessions,
    private readonly limits: LoginLimits,
    private readonly otps: OtpChallenges,
    private readonly comms: Communications,
  ) {}

  private identity(tx: Tx, login: ContactLogin): Promise<ContactIdentityState | null> {
    return identityByKey(tx.m, tx.tenantId, login.provider, login.subject);
  }

  /** Records the identity as proven (`contact_identity.verified`), unless it already is. */
  private async verified(tx: Tx, identity: ContactIdentityState): Promise<void> {
    if (!identity.verifiedAt) await tx.command(contactIdentityAggregate, { create: false, ref: identity.id }, verifyIdentity);
  }

  private async challenge(
    tx: Tx,
    identityId: string,
    login: ContactLogin,
    purpose: 'LOGIN' | 'REGISTER',
  ): Promise<{ authOtp: string; obfuscatedValue: string }> {
    const dest = destinationOf(login);
    const { authOtp, code } = await this.otps.create(tx, { purpose, identityId, channel: dest.channel, destination: dest.to });
    await this.comms.send(tx, {
      channel: dest.channel,
      to: dest.to,
      subject: 'Your verification code',
      body: `Your code is ${code}. It expires in 5 minutes.`,
    });
    return { authOtp, obfuscatedValue: obfuscate(login) };
  }

  private result(contactId: string | null, partial: Partial<ContactAuthResult>): ContactAuthResult {
    return { contactId, tokens: null, isVerified: false, authOtp: null, obfuscatedValue: null, consistencyToken: null, ...partial };
  }

  async register(meta: CommandMeta, input: RegisterContact, ip: string | null): Promise<ContactAuthResult> {
    const firstName = name('firstName', input.firstName);
    const lastName = name('lastName', input.lastName);
    const login =
      input.provider === 'EMAIL'
        ? emailLogin('identification.email', input.email)
        : phoneLogin('identification.phone', input.phone?.countryCode, input.phone?.number);
    if (input.password !== undefined && input.password !== null) {
      if (login.provider !== 'EMAIL') throw AppError.validation('identification.password', 'a password goes with an EMAIL identity', 'INVALID_VALUE');
      checkPasswordPolicy(input.password, 'identification.password');
    }
    const languageCode = language(input.languageCode);
    await this.limits.check(meta.tenantId, 'register', login.subject, ip);
    await this.limits.failed(meta.tenantId, 'register', login.subject, ip);
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    return this.uow.run(meta, async (tx) => {
      const registered = await registerContactIdentity(
        tx,
        { provider: login.provider, subject: login.subject, passwordHash },
        {
          provider: login.provider,
          firstName,
          lastName,
          email: login.provider === 'EMAIL' ? login.email : null,
          phone: login.provider === 'PHONE' ? { countryCode: login.countryCode, number: login.number } : null,
          smsOptOut: input.smsOptOut === true,
          emailOptOut: input.emailOptOut === true,
          languageCode,
        },
      );
      if (!registered)
        throw new AppError('CONFLICT', 'a contact with this identity already exists', {
          reason: 'CONTACT_EXISTS',
          field: login.provider === 'EMAIL' ? 'identification.email' : 'identification.phone',
        });
      const { contactId, identityId } = registered;
      const consistencyToken = `contact:${contactId}:1`;
      if (passwordHash) {
        const tokens = await this.sessions.start(tx, { kind: 'contact', id: contactId, audience: 'crm-self-service', organisationId: tx.tenantId });
        return this.result(contactId, { tokens, consistencyToken });
      }
      return this.result(contactId, { ...(await this.challenge(tx, identityId, login, 'REGISTER')), consistencyToken });
    });
  }

  /** EMAIL + password signs in; EMAIL or PHONE without a password sends a one-time code. */
  async authenticate(
    meta: CommandMeta,
    input: {
      provider: 'EMAIL' | 'PHONE';
      username?: string | null;
      password?: string | null;
      phone?: { countryCode: string; number: string } | null;
    },
    ip: string | null,
  ): Promise<ContactAuthResult> {
    if (input.provider === 'PHONE' || !input.password) {
      const credential =
        input.provider === 'PHONE'
          ? { name: 'PHONE' as const, value: input.phone?.number ?? '', countryCode: input.phone?.countryCode ?? '' }
          : { name: 'EMAIL' as const, value: input.username ?? '' };
      return this.requestOtp(meta, credential, ip);
    }
    let login: ContactLogin;
    try {
      login = emailLogin('username', input.username);
    } catch {
      throw invalidLogin();
    }
    await this.limits.check(meta.tenantId, 'contact-login', login.subject, ip);
    const row = await identityByKey(this.uow, meta.tenantId, 'EMAIL', login.subject);
    const ok = row?.passwordHash ? (await verifyPassword(row.passwordHash, input.password)).ok : await verifyAgainstDummy(input.password);
    if (!row || !ok) {
      await this.limits.failed(meta.tenantId, 'contact-login', login.subject, ip);
      throw invalidLogin();
    }
    await this.limits.succeeded(meta.tenantId, 'contact-login', login.subject);
    return this.uow.run(meta, async (tx) => {
      const tokens = await this.sessions.start(tx, {
        kind: 'contact',
        id: row.contactId,
        audience: 'crm-self-service',
        organisationId: tx.tenantId,
      });
      return this.result(row.contactId, { tokens, isVerified: row.verifiedAt !== null });
    });
  }

  /** Sends a one-time code to the contact identified by an EMAIL or PHONE credential. */
  async requestOtp(
    meta: CommandMeta,
    credential: { name: 'EMAIL' | 'PHONE'; value: string; countryCode?: string },
    ip: string | null,
  ): Promise<ContactAuthResult> {
    const login =
      credential.name === 'EMAIL'
        ? emailLogin('credentials.0.value', credential.value)
        : phoneLogin('credentials.0', credential.countryCode, credential.value);
    await this.limits.check(meta.tenantId, 'otp', login.subject, ip);
    await this.limits.failed(meta.tenantId, 'otp', login.subject, ip);
    return this.uow.run(meta, async (tx) => {
      const row = await this.identity(tx, login);
      if (!row) throw new AppError('NOT_FOUND', 'no contact has this identity', { reason: 'CONTACT_NOT_FOUND', field: 'credentials' });
      return this.result(null, await this.challenge(tx, row.id, login, 'LOGIN'));
    });
  }

  async validateOtp(meta: CommandMeta, authOtp: string, code: string): Promise<ContactAuthResult> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(authOtp)) throw otpFailed('OTP_INVALID');
    const outcome = await this.uow.run(meta, async (tx) => {
      const check = await this.otps.check(tx, authOtp.toLowerCase(), code);
      if (!check.ok) return check;
      const row = await contactIdentityStore.load(tx.m, tx.tenantId, check.identityId);
      if (!row) return { ok: false as const, reason: 'OTP_INVALID' as const };
      await this.verified(tx, row);
      const tokens = await this.sessions.start(tx, {
        kind: 'contact',
        id: row.contactId,
        audience: 'crm-self-service',
        organisationId: tx.tenantId,
      });
      return {
        ok: true as const,
        result: this.result(row.contactId, {
          tokens,
          isVerified: true,
          consistencyToken: check.purpose === 'REGISTER' ? `contact:${row.contactId}:1` : null,
        }),
      };
    });
    if (!outcome.ok) throw otpFailed(outcome.reason);
    return outcome.result;
  }

  private async link(tx: Tx, purpose: 'PASSWORD_RESET' | 'EMAIL_VERIFICATION', identity: ContactIdentityState): Promise<string> {
    const token = newOpaqueToken(purpose === 'PASSWORD_RESET' ? 'crm_pr_' : 'crm_ev_');
    await tx.m.query(
      `INSERT INTO one_time_links (token_hash, tenant_id, purpose, subject_kind, subject_id, expires_at, created_at) VALUES ($1, $2, $3, 'contact', $4, $5, $6)`,
      [hashOpaqueToken(token), tx.tenantId, purpose, identity.id, new Date(tx.now.getTime() + LINK_TTL_MS), tx.now],
    );
    return token;
  }

  private async consumeLink(tx: Tx, purpose: 'PASSWORD_RESET' | 'EMAIL_VERIFICATION', token: string): Promise<ContactIdentityState> {
    const invalid = () => AppError.validation('token', 'the link is invalid or has expired', 'INVALID_TOKEN');
    if (typeof token !== 'string' || token.length > 100) throw invalid();
    const [link] = (await tx.m.query(`SELECT * FROM one_time_links WHERE token_hash = $1 AND tenant_id = $2 AND purpose = $3 FOR UPDATE`, [
      hashOpaqueToken(token),
      tx.tenantId,
      purpose,
    ])) as {
      subject_id: string;
      expires_at: Date;
      used_at: Date | null;
    }[];
    if (!link || link.used_at || new Date(link.expires_at) <= tx.now) throw invalid();
    await tx.m.query(`UPDATE one_time_links SET used_at = $2 WHERE token_hash = $1`, [hashOpaqueToken(token), tx.now]);
    const identity = await contactIdentityStore.load(tx.m, tx.tenantId, link.subject_id);
    if (!identity) throw invalid();
    return identity;
  }

  /** Always succeeds (no enumeration); sends a reset link when the email belongs to a contact. */
  async forgotPassword(meta: CommandMeta, username: string, ip: string | null): Promise<void> {
    let login: ContactLogin;
    try {
      login = emailLogin('username', username);
    } catch {
      return;
    }
    await this.limits.check(meta.tenantId, 'password-reset', login.subject, ip);
    await this.limits.failed(meta.tenantId, 'password-reset', login.subject, ip);
    await this.uow.run(meta, async (tx) => {
      const row = await this.identity(tx, login);
      if (!row) return;
      const token = await this.link(tx, 'PASSWORD_RESET', row);
      await this.comms.send(tx, {
        channel: 'EMAIL',
        to: login.subject,
        subject: 'Reset your password',
        body: `Use this token to choose a new password (valid for 1 hour): ${token}`,
      });
    });
  }

  /** Completes a reset: new password, every session of the contact ends. */
  async resetPassword(meta: CommandMeta, token: string, password: string): Promise<void> {
    checkPasswordPolicy(password, 'password');
    const hash = await hashPassword(password);
    await this.uow.run(meta, async (tx) => {
      const identity = await this.consumeLink(tx, 'PASSWORD_RESET', token);
      await setPasswordHash(tx.m, tx.tenantId, identity.id, hash);
      await this.sessions.revokeAllOf(tx, 'contact', identity.contactId, 'PASSWORD_CHANGED');
    });
  }

  /**
   * A signed-in contact changes its password; its sessions end. When a password is set, either
   * the current one is given and verifies (else 400 as a wrong password), or it is left out and
   * the calling session signed in within the re-authentication window (sudo mode; else 403
   * REAUTHENTICATION_REQUIRED naming both ways out).
   */
  async changePassword(
    meta: CommandMeta,
    contactId: string,
    password: string,
    currentPassword: string | null,
    sessionId: string | null = null,
  ): Promise<void> {
    checkPasswordPolicy(password, 'password');
    const row = await emailIdentityOf(this.uow, meta.tenantId, contactId);
    const given = !currentPassword
      ? 'absent'
      : row?.passwordHash && (await verifyPassword(row.passwordHash, currentPassword)).ok
        ? 'correct'
        : 'wrong';
    const { needsRecentSignIn } = checkPasswordChange(row, { currentPassword: given });
    const hash = await hashPassword(password);
    await this.uow.run(meta, async (tx) => {
      if (needsRecentSignIn) await this.sessions.requireRecentSignIn(tx, sessionId);
      await setPasswordHash(tx.m, tx.tenantId, row!.id, hash);
      await this.sessions.revokeAllOf(tx, 'contact', contactId, 'PASSWORD_CHANGED');
    });
  }

  async requestEmailVerification(meta: CommandMeta, email: string): Promise<void> {
    let login: ContactLogin;
    try {
      login = emailLogin('email', email);
    } catch {
      return;
    }
    await this.uow.run(meta, async (tx) => {
      const row = await this.identity(tx, login);
      if (!row || row.verifiedAt) return;
      const token = await this.link(tx, 'EMAIL_VERIFICATION', row);
      await this.comms.send(tx, {
        channel: 'EMAIL',
        to: login.subject,
        subject: 'Verify your email',
        body: `Use this token to verify your email address (valid for 1 hour): ${token}`,
      });
    });
  }

  async verifyEmail(meta: CommandMeta, token: string): Promise<void> {
    await this.uow.run(meta, async (tx) => {
      await this.verified(tx, await this.consumeLink(tx, 'EMAIL_VERIFICATION', token));
    });
  }

  /**
   * Adds login credentials to an existing contact (imported or created in the back office). The
   * contact must exist in the caller's tenant (`contactKnown` checks it for back-office callers).
   */
  async addIdentity(
    meta: CommandMeta,
    contactId: string,
    contactKnown: () => Promise<boolean>,
    input: { provider: 'EMAIL' | 'PHONE'; email?: string | null; password?: string | null; phone?: { countryCode: string; number: string } | null },
  ): Promise<void> {
    const login = input.provider === 'EMAIL' ? emailLogin('email', input.email) : phoneLogin('phone', input.phone?.countryCode, input.phone?.number);
    if (input.password) {
      if (login.provider !== 'EMAIL') throw AppError.validation('password', 'a password goes with an EMAIL identity', 'INVALID_VALUE');
      checkPasswordPolicy(input.password, 'password');
    }
    if (!(await contactKnown())) throw AppError.notFound('contact', contactId);
    const hash = input.password ? await hashPassword(input.password) : null;
    await this.uow.run(meta, async (tx) => {
      const id = await addContactIdentity(tx, { contactId, provider: login.provider, subject: login.subject, passwordHash: hash }, login.provider);
      if (!id)
        throw new AppError('CONFLICT', 'this identity is already in use', {
          reason: 'IDENTITY_EXISTS',
          field: login.provider === 'EMAIL' ? 'email' : 'phone',
        });
    });
  }

  /** The public existence check (`GET /contacts?email_address=|phone=`). */
  async exists(meta: CommandMeta, input: { email?: string | null; phone?: { countryCode: string; number: string } | null }): Promise<boolean> {
    const login = input.email ? emailLogin('email', input.email) : phoneLogin('phone', input.phone?.countryCode, input.phone?.number);
    return (await identityByKey(this.uow, meta.tenantId, login.provider, login.subject)) !== null;
  }
}
