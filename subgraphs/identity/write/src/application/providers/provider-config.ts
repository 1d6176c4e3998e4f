import { z } from 'zod';

/**
 * External sign-in providers, per tenant. A tenant's administrators configure them through the
 * back-office API (tenant-providers.ts, stored with the secrets sealed); the `IDENTITY_PROVIDERS`
 * environment variable (JSON, below) is the default for tenants that never configured any.
 *
 * ```json
 * { "*": { "oidc": { "google": { "issuer": "https://accounts.google.com", "clientId": "…", "clientSecret": "…",
 *                               "redirectUris": ["https://app.example/callback"], "scopes": ["openid", "email", "profile"] } },
 *          "facebook": { "appId": "…", "appSecret": "…", "graphBaseUrl": "https://graph.facebook.com/v19.0" } },
 *   "<tenant id>": { "oidc": { … } } }
 * ```
 * A tenant's own entry wins over `*` (entries are not merged).
 */
const httpUrl = z
  .string()
  .max(500)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

export const oidcProviderSchema = z.strictObject({
  issuer: httpUrl,
  clientId: z.string().min(1).max(500),
  clientSecret: z.string().min(1).max(500),
  redirectUris: z.array(httpUrl).min(1).max(20),
  scopes: z
    .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'must be a scope token'))
    .max(20)
    .optional(),
});

export const facebookProviderSchema = z.strictObject({
  appId: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'must be an application id'),
  appSecret: z.string().min(1).max(500),
  graphBaseUrl: httpUrl,
});

/** OIDC provider `type` names as they appear in `/contacts/oidc/{type}`. */
export const PROVIDER_TYPE = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export const tenantProvidersSchema = z.strictObject({
  oidc: z.record(z.string().regex(PROVIDER_TYPE, 'provider types are lower-case [a-z0-9_-], at most 40'), oidcProviderSchema).default({}),
  facebook: facebookProviderSchema.optional(),
});

export const providersSchema = z.record(z.string().min(1).max(100), tenantProvidersSchema);

export type OidcProviderConfig = z.infer<typeof oidcProviderSchema>;
export type FacebookProviderConfig = z.infer<typeof facebookProviderSchema>;
export type TenantProviders = z.infer<typeof tenantProvidersSchema>;
export type ProvidersConfig = z.infer<typeof providersSchema>;

/** The env field: empty/absent → no providers; otherwise JSON validated by `providersSchema`. */
export const envProviders = z
  .string()
  .optional()
  .transform((raw, ctx): ProvidersConfig => {
    if (raw === undefined || raw.trim() === '') return {};
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
    const parsed = providersSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: `${issue.path.join('.')}: ${issue.message}` });
      return z.NEVER;
    }
    return parsed.data;
  });

/** Where a tenant's providers are looked up; `null` = the tenant has none configured there. */
export interface ProviderDirectory {
  forTenant(tenantId: string): Promise<TenantProviders | null>;
}

/** The `IDENTITY_PROVIDERS` environment JSON: a tenant's own entry, else `*`. */
export class StaticProviderDirectory implements ProviderDirectory {
  constructor(private readonly config: ProvidersConfig) {}

  forTenant(tenantId: string): Promise<TenantProviders | null> {
    return Promise.resolve(
      (Object.hasOwn(this.config, tenantId) ? this.config[tenantId] : undefined) ??
        (Object.hasOwn(this.config, '*') ? this.config['*'] : undefined) ??
        null,
    );
  }
}

/**
 * The first directory that knows the tenant wins (entries are not merged, as in the env JSON): the
 * providers a tenant configured through the API, then the environment's defaults.
 */
export class LayeredProviderDirectory implements ProviderDirectory {
  constructor(private readonly layers: readonly ProviderDirectory[]) {}

  async forTenant(tenantId: string): Promise<TenantProviders | null> {
    for (const layer of this.layers) {
      const found = await layer.forTenant(tenantId);
      if (found) return found;
    }
    return null;
  }
}
