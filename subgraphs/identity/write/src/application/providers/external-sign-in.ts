import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import type { CommandMeta, Tx, UnitOfWork } from '../unit-of-work';
import type { Sessions } from '../auth/sessions';
import type { IdentitySecrets } from '../identity-secrets';
import type { ContactAuthResult } from '../contacts/contact-auth';
import { emailLogin } from '../contacts/identifiers';
import { externalLoginFailed, type ExternalClaims, type OidcClients } from './oidc';
import { verifyFacebookToken } from './facebook';
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
  ) {}

  private oidcConfig(tenantId: string, type: string, field: string): OidcProviderConfig {
    if (!PROVIDER_TYPE.test(type)) throw unknownProvider(field);
    const oidc = this.providers.forTenant(tenantId)?.oidc;
    const config = oidc && Object.hasOwn(oidc, type) ? oidc[type] : undefined;
    if (!config) throw unknownProvider(field);
    return config;
  }

  /** `GET /contacts/oidc/{type}?redirect_url=`: where to send the contact, with a fresh state. */
  async oidcAuthorizationUrl(meta: CommandMeta, type: string, redirectUrl: string): Promise<string> {
    const config = this.oidcConfig(meta.tenantId, type, 'type');
    if (typeof redirectUrl !== 'string' || !config.redirectUris.includes(redirectUrl)) {
      throw AppError.validation('redirectUrl', 'is not a redirect URL registered for this provider', 'INVALID_REDIRECT_URL');
    }
    const start = await this.oidc.start(config, redirectUrl);
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

  async authenticate(meta: CommandMeta, input: ExternalAuthInput): Promise<ContactAuthResult> {
    if (input.provider === 'FACEBOOK') {
      const config = this.providers.forTenant(meta.tenantId)?.facebook;
      if (!config) throw unknownProvider('provider');
      if (input.applicationId !== undefined && input.applicationId !== null && input.applicationId !== config.appId) throw externalLoginFailed('INVALID_PROVIDER_TOKEN');
      if (typeof input.token !== 'string') throw AppError.validation('token', 'is required', 'REQUIRED');
      const claims = await verifyFacebookToken(config, input.token, new Date());
      return this.signIn(meta, { key: 'FACEBOOK', event: 'FACEBOOK' }, claims);
    }
    if (typeof input.code !== 'string' || input.code.length === 0 || input.code.length > 2048) throw AppError.validation('code', 'is required', 'REQUIRED');
    if (typeof input.state !== 'string' || !STATE.test(input.state)) throw externalLoginFailed('INVALID_STATE');
    const state = input.state;
    // consume the state in its own transaction: it stays spent even if the exchange fails
    const pending = await this.uow.run(meta, async (tx) => {
      const [row] = (await tx.m.query(`SELECT * FROM external_login_states WHERE state_hash = $1 AND tenant_id = $2 FOR UPDATE`, [this.secrets.tokenHash(state), tx.tenantId])) as StateRow[];
      if (!row || row.used_at || new Date(row.expires_at) <= tx.now) return null;
      await tx.m.query(`UPDATE external_login_states SET used_at = $2 WHERE state_hash = $1`, [this.secrets.tokenHash(state), tx.now]);
      return row;
    });
    if (!pending) throw externalLoginFailed('INVALID_STATE');
    const isGoogle = pending.provider_type === GOOGLE_TYPE;
    if ((input.provider === 'GOOGLE') !== isGoogle) throw externalLoginFailed('INVALID_STATE');
    const config = this.oidcConfig(meta.tenantId, pending.provider_type, 'state');
    const secrets = JSON.parse(this.secrets.box.open(pending.sealed_secrets)) as { nonce: string; codeVerifier: string };
    const claims = await this.oidc.finish(config, pending.redirect_url, { code: input.code, state, iss: typeof input.iss === 'string' && input.iss.length <= 500 ? input.iss : null }, { state, ...secrets });
    return this.signIn(meta, isGoogle ? { key: 'GOOGLE', event: 'GOOGLE' } : { key: `OIDC_OAUTH:${pending.provider_type}`, event: 'OIDC_OAUTH' }, claims);
  }

  private result(contactId: string, partial: Partial<ContactAuthResult>): ContactAuthResult {
    return { contactId, tokens: null, isVerified: true, authOtp: null, obfuscatedValue: null, consistencyToken: null, ...partial };
  }

  private async signIn(meta: CommandMeta, provider: { key: string; event: 'OIDC_OAUTH' | 'GOOGLE' | 'FACEBOOK' }, claims: ExternalClaims): Promise<ContactAuthResult> {
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
      const [known] = (await tx.m.query(`SELECT id, contact_id, verified_at FROM contact_identities WHERE tenant_id = $1 AND provider = $2 AND subject = $3`, [
        tx.tenantId,
        provider.key,
        claims.subject,
      ])) as IdentityRow[];
      if (known) return this.result(known.contact_id, { tokens: await this.start(tx, known.contact_id) });
      const [byEmail] = email
        ? ((await tx.m.query(`SELECT id, contact_id, verified_at FROM contact_identities WHERE tenant_id = $1 AND provider = 'EMAIL' AND subject = $2 FOR UPDATE`, [tx.tenantId, email])) as IdentityRow[])
        : [];
      if (byEmail) {
        if (!byEmail.verified_at) {
          throw new AppError('CONFLICT', 'a contact already uses this email; sign in with it and verify it first', { reason: 'EMAIL_IDENTITY_UNVERIFIED', field: 'provider' });
        }
        const id = await this.insertIdentity(tx, byEmail.contact_id, provider.key, claims.subject);
        tx.emit({ type: 'contact_identity.added', aggregateType: AGGREGATES.contactIdentity, aggregateId: id, aggregateVersion: 1, data: { contactId: byEmail.contact_id, provider: provider.event } });
        return this.result(byEmail.contact_id, { tokens: await this.start(tx, byEmail.contact_id) });
      }
      const contactId = newId();
      const identityId = await this.insertIdentity(tx, contactId, provider.key, claims.subject);
      tx.emit({
        type: 'contact_identity.registered',
        aggregateType: AGGREGATES.contactIdentity,
        aggregateId: identityId,
        aggregateVersion: 1,
        data: {
          contactId,
          provider: provider.event,
          firstName: claims.firstName,
          lastName: claims.lastName,
          email,
          phone: null,
          smsOptOut: false,
          emailOptOut: false,
          languageCode: null,
        },
      });
      return this.result(contactId, { tokens: await this.start(tx, contactId), consistencyToken: `contact:${contactId}:1` });
    });
  }

  private async insertIdentity(tx: Tx, contactId: string, provider: string, subject: string): Promise<string> {
    const id = newId();
    await tx.m.query(`INSERT INTO contact_identities (id, tenant_id, contact_id, provider, subject, verified_at, version, created_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $6)`, [
      id,
      tx.tenantId,
      contactId,
      provider,
      subject,
      tx.now,
    ]);
    return id;
  }

  private start(tx: Tx, contactId: string) {
    return this.sessions.start(tx, { kind: 'contact', id: contactId, audience: 'crm-self-service', organisationId: tx.tenantId });
  }
}
