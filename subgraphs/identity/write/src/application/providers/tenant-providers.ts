import type { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import type { CommandHandler } from '@crm/event-bus/kit';
import {
  configureProvider,
  describeProvider,
  type ProviderChange,
  type ProviderKind,
  type ProviderState,
  removeProvider,
} from '../../domain/identity-provider';
import { providerAggregate, providerRef, type ProviderRow, settingsOf } from '../../persistence/identity-provider-store';
import type { CommandMeta, UnitOfWork } from '../unit-of-work';
import type { IdentitySecrets } from '../identity-secrets';
import type { OidcClients } from './oidc';
import { checkProviderUrl, type ProviderUrlPolicy } from './provider-urls';
import {
  facebookProviderSchema,
  oidcProviderSchema,
  PROVIDER_TYPE,
  type FacebookProviderConfig,
  type OidcProviderConfig,
  type ProviderDirectory,
  type TenantProviders,
} from './provider-config';

export type { ProviderKind };

/** What the API answers about a configured provider: never its secret, only that one is stored. */
export interface ConfiguredProvider {
  id: string;
  kind: ProviderKind;
  type: string;
  issuer: string | null;
  graphBaseUrl: string | null;
  clientId: string;
  redirectUris: string[];
  scopes: string[] | null;
  hasSecret: boolean;
  version: number;
}

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com/v19.0';
/** The `type` of the tenant's one Facebook provider. */
const FACEBOOK_TYPE = 'facebook';

type OidcSettings = Omit<OidcProviderConfig, 'clientSecret'>;
type FacebookSettings = Omit<FacebookProviderConfig, 'appSecret'>;

const shown = (p: ProviderState): ConfiguredProvider => ({
  id: p.id,
  kind: p.kind,
  type: p.type,
  ...describeProvider(p.kind, p.settings, p.sealedSecret !== null),
  version: p.version,
});

/** The first problem zod found, as a VALIDATION error naming the input field. */
function parsed<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [prefix, ...(issue?.path ?? []).map(String)].join('.');
  throw AppError.validation(field, issue?.message ?? 'is not valid', 'INVALID_VALUE');
}

function checkType(type: unknown): string {
  if (typeof type !== 'string' || !PROVIDER_TYPE.test(type))
    throw AppError.validation('type', 'must be 1-40 characters [a-z0-9_-], starting with a letter or digit', 'INVALID_PROVIDER_TYPE');
  return type;
}

/**
 * A tenant's external sign-in providers, configured through the back-office API
 * (`security.manage`). The client/app secret is sealed with the service's SecretBox, bound to
 * the tenant, kind and type (a sealed value copied to another row does not open); it is never
 * answered, logged or put in an event. An OIDC issuer is discovered when it is configured, so a
 * wrong issuer is a VALIDATION error at once rather than a failed sign-in later.
 *
 * As a ProviderDirectory: a tenant that has ever configured a provider here (even if it removed
 * them all since) gets exactly its stored providers; other tenants fall through to the env.
 */
export class TenantProviderStore implements ProviderDirectory {
  private readonly handler: CommandHandler<ProviderState, ProviderChange>;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly secrets: IdentitySecrets,
    private readonly oidc: OidcClients,
    private readonly urls: ProviderUrlPolicy,
  ) {
    this.handler = uow.handler(providerAggregate);
  }

  private aad(tenantId: string, kind: ProviderKind, type: string): string {
    return `identity-provider:${tenantId}:${kind}:${type}`;
  }

  async configureOidc(meta: CommandMeta, type: string, input: unknown): Promise<ConfiguredProvider> {
    const t = checkType(type);
    const config = parsed(oidcProviderSchema, input, 'input');
    await checkProviderUrl('input.issuer', config.issuer, this.urls);
    // the endpoints the discovery document names are called too (code exchange, keys): same guard
    const endpoints = await this.oidc.discover(config.issuer, 'input.issuer');
    for (const endpoint of [endpoints.tokenEndpoint, endpoints.jwksUri, endpoints.userinfoEndpoint]) {
      if (endpoint !== null) await checkProviderUrl('input.issuer', endpoint, this.urls);
    }
    const { clientSecret, ...settings } = config;
    const saved = await this.save(meta, 'OIDC', t, settings satisfies OidcSettings, clientSecret);
    this.oidc.forget(meta.tenantId, t);
    return saved;
  }

  async configureFacebook(meta: CommandMeta, input: { appId?: unknown; appSecret?: unknown; graphBaseUrl?: unknown }): Promise<ConfiguredProvider> {
    const config = parsed(facebookProviderSchema, { ...input, graphBaseUrl: input.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL }, 'input');
    await checkProviderUrl('input.graphBaseUrl', config.graphBaseUrl, this.urls);
    const { appSecret, ...settings } = config;
    return this.save(meta, 'FACEBOOK', FACEBOOK_TYPE, settings satisfies FacebookSettings, appSecret);
  }

  async remove(meta: CommandMeta, kind: ProviderKind, type: string | null | undefined): Promise<void> {
    const t = kind === 'FACEBOOK' ? FACEBOOK_TYPE : checkType(type);
    if (kind === 'FACEBOOK' && type !== null && type !== undefined && type !== FACEBOOK_TYPE)
      throw AppError.validation('type', 'a FACEBOOK provider has no type (or `facebook`)', 'INVALID_PROVIDER_TYPE');
    await this.handler.run(meta, { create: false, ref: providerRef(kind, t) }, (current) => removeProvider(current, { kind, type: t }));
    if (kind === 'OIDC') this.oidc.forget(meta.tenantId, t);
  }

  /** Configures the provider (the rules: `domain/identity-provider.ts`); the secret is sealed to the tenant, kind and type. */
  private async save(
    meta: CommandMeta,
    kind: ProviderKind,
    type: string,
    settings: OidcSettings | FacebookSettings,
    secret: string,
  ): Promise<ConfiguredProvider> {
    const sealedSecret = this.secrets.box.seal(secret, this.aad(meta.tenantId, kind, type));
    const { state } = await this.handler.run(meta, { create: false, ref: providerRef(kind, type) }, (current) =>
      configureProvider(current, { kind, type, settings, sealedSecret }),
    );
    return shown(state);
  }

  async forTenant(tenantId: string): Promise<TenantProviders | null> {
    const rows = (await this.uow.query(
      `SELECT id, kind, type, settings, sealed_secret, version, removed_at FROM identity_providers WHERE tenant_id = $1`,
      [tenantId],
    )) as ProviderRow[];
    if (rows.length === 0) return null;
    const providers: TenantProviders = { oidc: {} };
    for (const row of rows) {
      if (row.removed_at || !row.sealed_secret) continue;
      const secret = this.secrets.box.open(row.sealed_secret, this.aad(tenantId, row.kind, row.type));
      const settings = settingsOf(row.settings);
      if (row.kind === 'OIDC') providers.oidc[row.type] = { ...(settings as OidcSettings), clientSecret: secret };
      else providers.facebook = { ...(settings as FacebookSettings), appSecret: secret };
    }
    return providers;
  }
}
