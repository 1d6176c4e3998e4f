import { createHash } from 'node:crypto';
import { custom, errors as oidcErrors, generators, Issuer, type Client } from 'openid-client';
import { z } from 'zod';
import { AppError, type ReasonOf } from '@crm/platform/errors';
import type { OidcProviderConfig } from './provider-config';
import type { LookupFunction } from './provider-urls';

/** Every call to a provider (discovery, JWKS, token endpoint) gives up after this. */
const PROVIDER_TIMEOUT_MS = 5000;
/** A discovery failure is retried after this, not on every sign-in. */
const DISCOVERY_RETRY_MS = 30_000;

export interface OidcStart {
  authorizationUrl: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The ID-token claims we use, validated (the token's signature, iss, aud, exp and nonce were checked by openid-client). */
const claimsSchema = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().max(254).optional(),
  email_verified: z.union([z.boolean(), z.literal('true'), z.literal('false')]).optional(),
  given_name: z.string().max(500).optional(),
  family_name: z.string().max(500).optional(),
  name: z.string().max(500).optional(),
});

export interface ExternalClaims {
  subject: string;
  /** Only when the provider says the address is verified. */
  verifiedEmail: string | null;
  firstName: string | null;
  lastName: string | null;
}

export const externalLoginFailed = (reason: ReasonOf<'UNAUTHENTICATED'> = 'EXTERNAL_LOGIN_FAILED') =>
  new AppError('UNAUTHENTICATED', 'the sign-in with the external provider could not be completed', { reason, exception: 'INVALIDLOGINEXCEPTION' });

const providerUnavailable = (cause: unknown) =>
  new AppError('UNAVAILABLE', 'the sign-in provider is not reachable', { reason: 'PROVIDER_UNAVAILABLE', cause });

function short(value: string | undefined): string | null {
  const v = value?.trim();
  return v ? v.slice(0, 100) : null;
}

export function claimsOf(raw: unknown): ExternalClaims {
  const parsed = claimsSchema.safeParse(raw);
  if (!parsed.success) throw externalLoginFailed('INVALID_ID_TOKEN');
  const c = parsed.data;
  const verified = c.email_verified === true || c.email_verified === 'true';
  let firstName = short(c.given_name);
  let lastName = short(c.family_name);
  if (!firstName && !lastName && c.name) {
    const parts = c.name.trim().split(/\s+/);
    firstName = short(parts.slice(0, -1).join(' ') || parts[0]);
    lastName = parts.length > 1 ? short(parts.at(-1)) : null;
  }
  return { subject: c.sub, verifiedEmail: verified && c.email ? c.email : null, firstName, lastName };
}

/**
 * Generic OpenID Connect relying party (authorization-code flow, PKCE S256, state and nonce).
 * Issuers are discovered once and cached (a provider configured through the API is discovered
 * again at that moment); clients are cached per tenant and type and rebuilt when the configuration
 * changes; keys come from the issuer's JWKS (openid-client
 * refetches it on an unknown `kid`).
 */
export class OidcClients {
  private readonly issuers = new Map<string, { issuer: Promise<Issuer> }>();
  /** Per tenant and provider type: the client built from one configuration (its fingerprint). */
  private readonly clients = new Map<string, { fingerprint: string; client: Client }>();

  /**
   * `lookup` checks every address an OIDC call connects to (provider-urls.ts `guardedLookup`).
   * openid-client takes HTTP options process-wide: one instance per process.
   */
  constructor(lookup?: LookupFunction) {
    custom.setHttpOptionsDefaults({ timeout: PROVIDER_TIMEOUT_MS, ...(lookup ? { lookup } : {}) });
  }

  private issuer(url: string): Promise<Issuer> {
    const cached = this.issuers.get(url);
    if (cached) return cached.issuer;
    const issuer = Issuer.discover(url);
    this.issuers.set(url, { issuer });
    issuer.catch(() => {
      // forget a failed discovery after a while so a provider outage is not cached forever
      setTimeout(() => {
        if (this.issuers.get(url)?.issuer === issuer) this.issuers.delete(url);
      }, DISCOVERY_RETRY_MS).unref();
    });
    return issuer;
  }

  /**
   * Discovers an issuer now, bypassing the cache (a provider being configured); the result
   * replaces the cached discovery. Throws a VALIDATION error on `field` when it cannot be
   * discovered; answers the endpoints the service will call, for the caller to check.
   */
  async discover(url: string, field: string): Promise<{ tokenEndpoint: string | null; jwksUri: string | null; userinfoEndpoint: string | null }> {
    this.issuers.delete(url);
    let issuer: Issuer;
    try {
      issuer = await this.issuer(url);
    } catch (err) {
      this.issuers.delete(url);
      throw new AppError('VALIDATION', `${field}: no OpenID Connect discovery document could be read from this issuer`, {
        field,
        reason: 'ISSUER_NOT_DISCOVERABLE',
        cause: err,
      });
    }
    const m = issuer.metadata;
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return { tokenEndpoint: text(m.token_endpoint), jwksUri: text(m.jwks_uri), userinfoEndpoint: text(m.userinfo_endpoint) };
  }

  /** Drops the client cached for a tenant's provider (its configuration changed or was removed). */
  forget(tenantId: string, type: string): void {
    this.clients.delete(`${tenantId}\0${type}`);
  }

  private async client(tenantId: string, type: string, config: OidcProviderConfig): Promise<Client> {
    const key = `${tenantId}\0${type}`;
    // another replica may have changed the configuration: a different fingerprint rebuilds the client
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([config.issuer, config.clientId, config.clientSecret, config.redirectUris]))
      .digest('base64url');
    const cached = this.clients.get(key);
    if (cached?.fingerprint === fingerprint) return cached.client;
    let issuer: Issuer;
    try {
      issuer = await this.issuer(config.issuer);
    } catch (err) {
      throw providerUnavailable(err);
    }
    const client = new issuer.Client({
      client_id: config.clientId,
      client_secret: config.clientSecret,
      redirect_uris: config.redirectUris,
      response_types: ['code'],
    });
    this.clients.set(key, { fingerprint, client });
    return client;
  }

  async start(tenantId: string, type: string, config: OidcProviderConfig, redirectUri: string): Promise<OidcStart> {
    const client = await this.client(tenantId, type, config);
    const state = generators.state();
    const nonce = generators.nonce();
    const codeVerifier = generators.codeVerifier();
    const authorizationUrl = client.authorizationUrl({
      scope: (config.scopes ?? ['openid', 'email', 'profile']).join(' '),
      redirect_uri: redirectUri,
      response_type: 'code',
      state,
      nonce,
      code_challenge: generators.codeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { authorizationUrl, state, nonce, codeVerifier };
  }

  /** Exchanges the code (with the PKCE verifier) and validates the ID token. */
  async finish(
    tenantId: string,
    type: string,
    config: OidcProviderConfig,
    redirectUri: string,
    input: { code: string; state: string; iss: string | null },
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<ExternalClaims> {
    const client = await this.client(tenantId, type, config);
    try {
      const tokens = await client.callback(
        redirectUri,
        // RFC 9207: the `iss` the provider sent back; when the client did not forward it, the state
        // (bound to one configured provider) already rules out a mix-up, so the expected issuer stands in
        { code: input.code, state: input.state, iss: input.iss ?? String(client.issuer.metadata.issuer) },
        { state: checks.state, nonce: checks.nonce, code_verifier: checks.codeVerifier, response_type: 'code' },
      );
      if (!tokens.id_token) throw externalLoginFailed('NO_ID_TOKEN');
      return claimsOf(tokens.claims());
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (err instanceof oidcErrors.OPError || err instanceof oidcErrors.RPError) throw externalLoginFailed();
      throw providerUnavailable(err);
    }
  }
}
