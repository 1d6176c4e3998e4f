import type { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import type { CommandMeta, Tx, UnitOfWork } from '../unit-of-work';
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

export type ProviderKind = 'OIDC' | 'FACEBOOK';

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

interface ProviderRow {
  id: string;
  kind: ProviderKind;
  type: string;
  settings: unknown;
  sealed_secret: string | null;
  version: number;
  removed_at: Date | null;
}

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

const settingsOf = (v: unknown): Record<string, unknown> =>
  typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : (v as Record<string, unknown>);

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
  constructor(
    private readonly uow: UnitOfWork,
    private readonly secrets: IdentitySecrets,
    private readonly oidc: OidcClients,
    private readonly urls: ProviderUrlPolicy,
  ) {}

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
    const saved = await this.uow.run(meta, (tx) => this.save(tx, 'OIDC', t, settings satisfies OidcSettings, clientSecret));
    this.oidc.forget(meta.tenantId, t);
    return saved;
  }

  async configureFacebook(meta: CommandMeta, input: { appId?: unknown; appSecret?: unknown; graphBaseUrl?: unknown }): Promise<ConfiguredProvider> {
    const config = parsed(facebookProviderSchema, { ...input, graphBaseUrl: input.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL }, 'input');
    await checkProviderUrl('input.graphBaseUrl', config.graphBaseUrl, this.urls);
    const { appSecret, ...settings } = config;
    return this.uow.run(meta, (tx) => this.save(tx, 'FACEBOOK', FACEBOOK_TYPE, settings satisfies FacebookSettings, appSecret));
  }

  async remove(meta: CommandMeta, kind: ProviderKind, type: string | null | undefined): Promise<void> {
    const t = kind === 'FACEBOOK' ? FACEBOOK_TYPE : checkType(type);
    if (kind === 'FACEBOOK' && type !== null && type !== undefined && type !== FACEBOOK_TYPE)
      throw AppError.validation('type', 'a FACEBOOK provider has no type (or `facebook`)', 'INVALID_PROVIDER_TYPE');
    await this.uow.run(meta, async (tx) => {
      const [found] = (await tx.m.query(
        `SELECT id, version FROM identity_providers WHERE tenant_id = $1 AND kind = $2 AND type = $3 AND removed_at IS NULL FOR UPDATE`,
        [tx.tenantId, kind, t],
      )) as {
        id: string;
        version: number;
      }[];
      if (!found)
        throw new AppError('NOT_FOUND', `no ${kind} provider ${t} is configured`, {
          reason: 'PROVIDER_NOT_FOUND',
          field: kind === 'OIDC' ? 'type' : 'kind',
        });
      const updated = { id: found.id, version: Number(found.version) + 1 };
      await tx.m.query(
        `UPDATE identity_providers SET settings = NULL, sealed_secret = NULL, removed_at = $2, updated_at = $2, version = $3 WHERE id = $1`,
        [updated.id, tx.now, updated.version],
      );
      tx.emit({
        type: 'identity_provider.removed',
        aggregateType: AGGREGATES.identityProvider,
        aggregateId: updated.id,
        aggregateVersion: Number(updated.version),
        data: { kind, type: t },
      });
    });
    if (kind === 'OIDC') this.oidc.forget(meta.tenantId, t);
  }

  private async save(
    tx: Tx,
    kind: ProviderKind,
    type: string,
    settings: OidcSettings | FacebookSettings,
    secret: string,
  ): Promise<ConfiguredProvider> {
    const [row] = (await tx.m.query(
      `INSERT INTO identity_providers (id, tenant_id, kind, type, settings, sealed_secret, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, 1, $7, $7)
       ON CONFLICT (tenant_id, kind, type) DO UPDATE
         SET settings = EXCLUDED.settings, sealed_secret = EXCLUDED.sealed_secret, removed_at = NULL, updated_at = EXCLUDED.updated_at, version = identity_providers.version + 1
       RETURNING id, version`,
      [newId(), tx.tenantId, kind, type, JSON.stringify(settings), this.secrets.box.seal(secret, this.aad(tx.tenantId, kind, type)), tx.now],
    )) as { id: string; version: number }[];
    if (!row) throw new AppError('INTERNAL', 'the provider was not saved');
    const provider = toConfigured({ id: row.id, kind, type, settings, sealed_secret: 'sealed', version: Number(row.version), removed_at: null });
    tx.emit({
      type: 'identity_provider.configured',
      aggregateType: AGGREGATES.identityProvider,
      aggregateId: provider.id,
      aggregateVersion: provider.version,
      data: {
        kind,
        type,
        issuer: provider.issuer,
        graphBaseUrl: provider.graphBaseUrl,
        clientId: provider.clientId,
        redirectUris: provider.redirectUris,
        scopes: provider.scopes,
        hasSecret: provider.hasSecret,
      },
    });
    return provider;
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

function toConfigured(row: ProviderRow): ConfiguredProvider {
  const s = settingsOf(row.settings);
  const oidc = row.kind === 'OIDC' ? (s as OidcSettings) : null;
  const fb = row.kind === 'FACEBOOK' ? (s as FacebookSettings) : null;
  return {
    id: row.id,
    kind: row.kind,
    type: row.type,
    issuer: oidc?.issuer ?? null,
    graphBaseUrl: fb?.graphBaseUrl ?? null,
    clientId: oidc?.clientId ?? fb?.appId ?? '',
    redirectUris: oidc?.redirectUris ?? [],
    scopes: oidc?.scopes ?? null,
    hasSecret: row.sealed_secret !== null,
    version: row.version,
  };
}
