import { AppError } from '@crm/platform/errors';
import type { CommandMeta, Tx, UnitOfWork } from '../unit-of-work';
import type { Sessions } from '../auth/sessions';
import type { IdentitySecrets } from '../identity-secrets';
import type { LoginLimits } from '../auth/login-limits';
import type { ContactAuthResult } from '../contacts/contact-auth';
import { emailLogin } from '../contacts/identifiers';
import { addContactIdentity, registerContactIdentity } from '../contacts/contact-identities';
import { externalLoginFailed, type ExternalClaims, type OidcClients } from './oidc';
import { verifyFacebookToken } from './facebook';
import type { LookupFunction } from './provider-urls';
import { PROVIDER_TYPE, type OidcProviderConfig, type ProviderDirectory } from './provider-config';

/** A pending OIDC sign-in lives this long and can be completed once. */
export const STATE_TTL_MS = 10 * 60_000;
/** The OIDC `type` a GOOGLE sign-in uses in the provider configuration. */
export const GOOGLE_TYPE = 'google';

export type ExternalProvider = 'OIDC_OAUTH' | 'GOOGLE' | 'FACEBOOK';

export interface ExternalAuthInput {
  provider: ExternalProvider;
  code?: string | null;
  state?: string | null;
  /** RFC 9207 `iss` from the redirect, when the client forwards it. */
  iss?: string | null;
  token?: string | null;
  applicationId?: string | null;
}

interface StateRow {
  tenant_id: string;
  provider_type: string;
  redirect_url: string;
  sealed_secrets: string;
  expires_at: Date;
  used_at: Date | null;
}

interface IdentityRow {
  id: string;
  contact_id: string;
  verified_at: Date | null;
}

const STATE = /^[A-Za-z0-9_-]{16,128}$/;
const LIMIT_SCOPE = 'external';

/** `key`: the identity's provider column; `event`: the provider named in events. */
interface SignInProvider {
  key: string;
  event: 'OIDC_OAUTH' | 'GOOGLE' | 'FACEBOOK';
}

const unknownProvider = (field: string) => AppError.validation(field, 'is not a sign-in provider configured for this business', 'UNKNOWN_PROVIDER');

/**
 * Contact sign-in through external providers: OpenID Connect (authorization code + PKCE, any
 * configured issuer; GOOGLE is the OIDC type `google`) and Facebook user access tokens. The
 * identity is keyed by (provider, provider subject) in `contact_identities`; the first sign-in
 * registers the contact (`contact_identity.registered`), exactly as ContactAuth.register does. An
 * existing EMAIL identity is linked only when the provider says the email is verified, and only
 * when that EMAIL identity is itself verified (otherwise whoever pre-registered the address would
 * keep access to the account).
 */
export class ExternalSignIn {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessions: Sessions,
    private readonly secrets: IdentitySecrets,
    private readonly providers: ProviderDirectory,
    private readonly oidc: OidcClients,
    private readonly limits: LoginLimits,
    /** Checks the addresses the Facebook Graph calls connect to. */
    private readonly lookup?: LookupFunction,
  ) {}

  private async oidcConfig(tenantId: string, type: string, field: string): Promise<OidcProviderConfig> {
    if (!PROVIDER_TYPE.test(type)) throw unknownProvider(field);
    const oidc = (await this.providers.forTenant(tenantId))?.oidc;
    const config = oidc && Object.hasOwn(oidc, type) ? oidc[type] : undefined;
    if (!config) throw unknownProvider(field);
    return config;
  }

  /** `GET /contacts/oidc/{type}?redirect_url=`: where to send the contact, with a fresh state. */
  async oidcAuthorizationUrl(meta: CommandMeta, type: string, redirectUrl: string, ip: string | null): Promise<string> {
    const config = await this.limited(meta, ip, async () => {
      const c = await this.oidcConfig(meta.tenantId, type, 'type');
      if (typeof redirectUrl !== 'string' || !c.redirectUris.includes(redirectUrl)) {
        throw AppError.validation('redirectUrl', 'is not a redirect URL registered for this provider', 'INVALID_REDIRECT_URL');
      }
      return c;
    });
    const start = await this.oidc.start(meta.tenantId, type, config, redirectUrl);
    await this.uow.run(meta, async (tx) => {
      await tx.m.query(`DELETE FROM external_login_states WHERE expires_at < $1`, [new Date(tx.now.getTime() - STATE_TTL_MS)]);
      await tx.m.query(
        `INSERT INTO external_login_states (state_hash, tenant_id, provider_type, redirect_url, sealed_secrets, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          this.secrets.tokenHash(start.state),
          tx.tenantId,
          type,
          redirectUrl,
          this.secrets.box.seal(JSON.stringify({ nonce: start.nonce, codeVerifier: start.codeVerifier })),
          new Date(tx.now.getTime() + STATE_TTL_MS),
          tx.now,
        ],
      );
    });
    return start.authorizationUrl;
  }

  /**
   * Brute-force protection (LoginLimits, scope `external`): every refused attempt counts against
   * the client address, and past the limit the address gets RATE_LIMITED with the wait before any
   * work. An unreachable provider is not the caller's failure and does not count.
   */
  private async limited<R>(meta: CommandMeta, ip: string | null, attempt: () => Promise<R>): Promise<R> {
    await this.limits.check(meta.tenantId, LIMIT_SCOPE, null, ip);
    try {
      return await attempt();
    } catch (err) {
      if (err instanceof AppError && (err.code === 'UNAUTHENTICATED' || err.code === 'VALIDATION' || err.code === 'CONFLICT'))
        await this.limits.failed(meta.tenantId, LIMIT_SCOPE, null, ip);
      throw err;
    }
  }

  async authenticate(meta: CommandMeta, input: ExternalAuthInput, ip: string | null): Promise<ContactAuthResult> {
    const { claims, provider } = await this.limited(meta, ip, () => this.verify(meta, input));
    // per provider subject: a subject whose sign-ins keep being refused (e.g. its email belongs to an
    // unverified identity) is locked like a password login; a success clears it
    const subjectKey = `${provider.key}:${claims.subject}`;
    await this.limits.check(meta.tenantId, LIMIT_SCOPE, subjectKey, ip);
    try {
      const result = await this.signIn(meta, provider, claims);
      await this.limits.succeeded(meta.tenantId, LIMIT_SCOPE, subjectKey);
      return result;
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONFLICT') await this.limits.failed(meta.tenantId, LIMIT_SCOPE, subjectKey, ip);
      throw err;
    }
  }

  /** Validates the provider's answer: the verified claims and which identity provider they are for. */
  private async verify(meta: CommandMeta, input: ExternalAuthInput): Promise<{ claims: ExternalClaims; provider: SignInProvider }> {
    if (input.provider === 'FACEBOOK') {
      const config = (await this.providers.forTenant(meta.tenantId))?.facebook;
      if (!config) throw unknownProvider('provider');
      if (input.applicationId !== undefined && input.applicationId !== null && input.applicationId !== config.appId)
        throw externalLoginFailed('INVALID_PROVIDER_TOKEN');
      if (typeof input.token !== 'string') throw AppError.validation('token', 'is required', 'REQUIRED');
      const claims = await verifyFacebookToken(config, input.token, new Date(), this.lookup);
      return { claims, provider: { key: 'FACEBOOK', event: 'FACEBOOK' } };
    }
    if (typeof input.code !== 'string' || input.code.length === 0 || input.code.length > 2048)
      throw AppError.validation('code', 'is required', 'REQUIRED');
    if (typeof input.state !== 'string' || !STATE.test(input.state)) throw externalLoginFailed('INVALID_STATE');
    const state = input.state;
    // consume the state in its own transaction: it stays spent even if the exchange fails
    const pending = await this.uow.run(meta, async (tx) => {
      const [row] = (await tx.m.query(`SELECT * FROM external_login_states WHERE state_hash = $1 AND tenant_id = $2 FOR UPDATE`, [
        this.secrets.tokenHash(state),
        tx.tenantId,
      ])) as StateRow[];
      if (!row || row.used_at || new Date(row.expires_at) <= tx.now) return null;
      await tx.m.query(`UPDATE external_login_states SET used_at = $2 WHERE state_hash = $1`, [this.secrets.tokenHash(state), tx.now]);
      return row;
    });
    if (!pending) throw externalLoginFailed('INVALID_STATE');
    const isGoogle = pending.provider_type === GOOGLE_TYPE;
    if ((input.provider === 'GOOGLE') !== isGoogle) throw externalLoginFailed('INVALID_STATE');
    const config = await this.oidcConfig(meta.tenantId, pending.provider_type, 'state');
    const secrets = JSON.parse(this.secrets.box.open(pending.sealed_secrets)) as { nonce: string; codeVerifier: string };
    const claims = await this.oidc.finish(
      meta.tenantId,
      pending.provider_type,
      config,
      pending.redirect_url,
      { code: input.code, state, iss: typeof input.iss === 'string' && input.iss.length <= 500 ? input.iss : null },
      { state, ...secrets },
    );
    return { claims, provider: isGoogle ? { key: 'GOOGLE', event: 'GOOGLE' } : { key: `OIDC_OAUTH:${pending.provider_type}`, event: 'OIDC_OAUTH' } };
  }

  private result(contactId: string, partial: Partial<ContactAuthResult>): ContactAuthResult {
    return { contactId, tokens: null, isVerified: true, authOtp: null, obfuscatedValue: null, consistencyToken: null, ...partial };
  }

  private async signIn(meta: CommandMeta, provider: SignInProvider, claims: ExternalClaims): Promise<ContactAuthResult> {
    let email: string | null = null;
    if (claims.verifiedEmail) {
      try {
        const login = emailLogin('email', claims.verifiedEmail);
        email = login.provider === 'EMAIL' ? login.email : null;
      } catch {
        email = null;
      }
    }
    return this.uow.run(meta, async (tx) => {
      const known = await this.identityOf(tx, provider.key, claims.subject);
      if (known) return this.result(known.contact_id, { tokens: await this.start(tx, known.contact_id) });
      const [byEmail] = email
        ? ((await tx.m.query(
            `SELECT id, contact_id, verified_at FROM contact_identities WHERE tenant_id = $1 AND provider = 'EMAIL' AND subject = $2 FOR UPDATE`,
            [tx.tenantId, email],
          )) as IdentityRow[])
        : [];
      if (byEmail && !byEmail.verified_at) {
        throw new AppError('CONFLICT', 'a contact already uses this email; sign in with it and verify it first', {
          reason: 'EMAIL_IDENTITY_UNVERIFIED',
          field: 'provider',
        });
      }
      const signInWinner = async () => {
        // a concurrent first sign-in of the same subject committed while this one waited on the
        // unique index: sign in to the identity it created instead of creating a second contact
        const winner = await this.identityOf(tx, provider.key, claims.subject);
        if (!winner) throw new AppError('CONFLICT', 'the sign-in raced with another one; try again', { reason: 'CONCURRENT_SIGN_IN' });
        return this.result(winner.contact_id, { tokens: await this.start(tx, winner.contact_id) });
      };
      const identity = { provider: provider.key, subject: claims.subject, verified: true };
      if (byEmail) {
        const identityId = await addContactIdentity(tx, { ...identity, contactId: byEmail.contact_id }, provider.event);
        if (!identityId) return signInWinner();
        return this.result(byEmail.contact_id, { tokens: await this.start(tx, byEmail.contact_id) });
      }
      const registered = await registerContactIdentity(tx, identity, {
        provider: provider.event,
        firstName: claims.firstName,
        lastName: claims.lastName,
        email,
        phone: null,
        smsOptOut: false,
        emailOptOut: false,
        languageCode: null,
      });
      if (!registered) return signInWinner();
      return this.result(registered.contactId, {
        tokens: await this.start(tx, registered.contactId),
        consistencyToken: `contact:${registered.contactId}:1`,
      });
    });
  }

  private async identityOf(tx: Tx, provider: string, subject: string): Promise<IdentityRow | undefined> {
    const [row] = (await tx.m.query(
      `SELECT id, contact_id, verified_at FROM contact_identities WHERE tenant_id = $1 AND provider = $2 AND subject = $3`,
      [tx.tenantId, provider, subject],
    )) as IdentityRow[];
    return row;
  }

  private start(tx: Tx, contactId: string) {
    return this.sessions.start(tx, { kind: 'contact', id: contactId, audience: 'crm-self-service', organisationId: tx.tenantId });
  }
}
