import type { IncomingHttpHeaders } from 'node:http';
import { SERVICE_CREDENTIAL_HEADER, ServiceCredentialVerifier, type Principal } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';

/** Turns request credentials into the principal of DESIGN.md §3 (`clientIp` for per-address limits). */
export type Authenticator = (headers: IncomingHttpHeaders, clientIp?: string | null) => Promise<Principal>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT = /^[A-Za-z0-9_-]{1,64}$/;
const PERMISSION = /^[a-z_]+\.[a-z_]+$/;

/** Our opaque refresh tokens (identity-write `Sessions`) start so; they are never JWTs. */
export const REFRESH_TOKEN_PREFIX = 'crm_rt_';

/** The refresh token a request carries as its bearer credential, if that is what it carries. */
export function bearerRefreshToken(headers: IncomingHttpHeaders): string | undefined {
  const auth = header(headers, 'authorization');
  if (auth === undefined) return undefined;
  const raw = auth.startsWith('Bearer ') ? auth.slice(7).trim() : auth.trim();
  return raw.startsWith(REFRESH_TOKEN_PREFIX) ? raw : undefined;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * DEVELOPMENT ONLY (DEV_AUTH_ENABLED=true, refused when NODE_ENV=production). The caller says who
 * it is: `x-dev-tenant: <tenant>` and `x-dev-principal:` one of
 *   `user` (all permissions, the default), `user:contacts.read,contacts.write` (listed permissions),
 *   `service:<perm,...>`, `contact:<contact uuid>`, `anonymous`.
 */
export const devAuthenticator =
  (defaultTenant: string): Authenticator =>
  async (headers) => {
    const tenant = header(headers, 'x-dev-tenant') ?? defaultTenant;
    if (!TENANT.test(tenant)) throw new AppError('UNAUTHENTICATED', 'x-dev-tenant is not a valid tenant id', { reason: 'INVALID_CREDENTIALS' });
    const raw = (header(headers, 'x-dev-principal') ?? 'user').trim();
    const [kind, rest = ''] = raw.split(/:(.*)/s, 2) as [string, string?];
    const perms = () => {
      const list = rest
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      if (list.some((p) => !PERMISSION.test(p)))
        throw new AppError('UNAUTHENTICATED', 'x-dev-principal lists an invalid permission', { reason: 'INVALID_CREDENTIALS' });
      return list;
    };
    switch (kind) {
      case 'user':
        return { tenantId: tenant, kind: 'user', subjectId: 'dev-user', permissions: rest ? perms() : ['*'] };
      case 'service':
        return { tenantId: tenant, kind: 'service', subjectId: 'dev-key', permissions: perms() };
      case 'contact':
        if (!UUID.test(rest))
          throw new AppError('UNAUTHENTICATED', 'x-dev-principal contact:<id> needs a contact UUID', { reason: 'INVALID_CREDENTIALS' });
        return { tenantId: tenant, kind: 'contact', subjectId: rest.toLowerCase(), permissions: [] };
      case 'anonymous':
        return { tenantId: tenant, kind: 'anonymous', subjectId: null, permissions: [] };
      default:
        throw new AppError('UNAUTHENTICATED', 'x-dev-principal is not recognised', { reason: 'INVALID_CREDENTIALS' });
    }
  };

/**
 * Services of this deployment calling another domain (DESIGN.md §10) present a service credential
 * (`x-crm-service`, signed with the internal secret) instead of an api_key or bearer token: the
 * caller becomes a `service` principal of the tenant it names, with the permissions it asked for.
 * Any other request goes to `inner`. Both kinds of credential at once is refused.
 */
export function withServiceCredentials(secret: string, inner: Authenticator): Authenticator {
  const verifier = new ServiceCredentialVerifier(secret);
  return async (headers, clientIp) => {
    const token = header(headers, SERVICE_CREDENTIAL_HEADER);
    if (token === undefined) return inner(headers, clientIp);
    if (header(headers, 'api_key') !== undefined || header(headers, 'api-key') !== undefined || header(headers, 'authorization') !== undefined)
      throw new AppError('UNAUTHENTICATED', `send either ${SERVICE_CREDENTIAL_HEADER} or an api_key / bearer token, not both`, {
        reason: 'INVALID_CREDENTIALS',
      });
    return verifier.verify(token.trim());
  };
}
