import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DataSource } from 'typeorm';
import { PrincipalVerifier, PRINCIPAL_HEADER } from '@crm/platform/auth';
import { AppError, toHttpError } from '@crm/platform/errors';
import { parseJsonBody, readBody, sendJson } from '@crm/platform/http';
import { parseApiKey, toJwks } from '@crm/platform/security';
import type { IdentitySecrets } from '../application/identity-secrets';
import type { SigningKeys } from '../application/signing-keys';
import type { LoginLimits } from '../application/auth/login-limits';
import { refreshTokenTenant } from '../application/auth/sessions';
import { rolePermissions } from '../domain/permissions';

/** Rate-limit scope of refresh-token lookups: unknown tokens count per client address. */
const REFRESH_LOOKUP_SCOPE = 'refresh-token';

/** What the gateway learns about an API key. */
export interface ResolvedApiKey {
  keyId: string;
  tenantId: string;
  applicationId: string;
  kind: 'public' | 'secret';
  permissions: string[];
  /** ISO time after which the key stops working (rolled keys), or null. */
  expiresAt: string | null;
}

interface KeyRow {
  id: string;
  tenant_id: string;
  application_id: string;
  kind: 'public' | 'secret';
  expires_at: Date | null;
  role_name: string | null;
  role_built_in: boolean | null;
  permissions: string[] | null;
}

/**
 * Internal endpoints for the gateway (never routed publicly): the signing keys' JWKS, API key
 * resolution (the key is hashed here, where the pepper lives), and recently revoked sessions.
 * Callers must present a gateway-signed service principal.
 */
export function internalRoutes(deps: {
  dataSource: DataSource;
  secrets: IdentitySecrets;
  keys: SigningKeys;
  limits: LoginLimits;
  internalSecret: string;
  devOutbox: boolean;
}) {
  const verifier = new PrincipalVerifier(deps.internalSecret);
  const guard = (req: IncomingMessage) => {
    const header = req.headers[PRINCIPAL_HEADER];
    const principal = verifier.verify(Array.isArray(header) ? header[0] : header);
    if (principal.kind !== 'service' || principal.subjectId !== 'gateway')
      throw new AppError('FORBIDDEN', 'internal endpoint', { reason: 'PERMISSION_DENIED' });
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://internal');
    if (!url.pathname.startsWith('/internal/')) return false;
    try {
      guard(req);
      if (req.method === 'GET' && url.pathname === '/internal/jwks') {
        sendJson(res, 200, toJwks(await deps.keys.publicKeys()));
        return true;
      }
      if (req.method === 'POST' && url.pathname === '/internal/api-keys/resolve') {
        const body = parseJsonBody(await readBody(req, 4096)) as { key?: unknown } | undefined;
        const key = typeof body?.key === 'string' ? body.key : '';
        if (!parseApiKey(key)) throw new AppError('NOT_FOUND', 'unknown key', { reason: 'UNKNOWN_KEY' });
        const [row] = (await deps.dataSource.query(
          `SELECT k.id, k.tenant_id, k.application_id, k.kind, k.expires_at, r.name AS role_name, r.built_in AS role_built_in, r.permissions
             FROM api_keys k LEFT JOIN roles r ON r.id = k.role_id AND r.tenant_id = k.tenant_id AND r.deleted_at IS NULL
            WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())`,
          [deps.secrets.apiKeyHash(key)],
        )) as KeyRow[];
        if (!row) throw new AppError('NOT_FOUND', 'unknown key', { reason: 'UNKNOWN_KEY' });
        const resolved: ResolvedApiKey = {
          keyId: row.id,
          tenantId: row.tenant_id,
          applicationId: row.application_id,
          kind: row.kind,
          // a built-in role (the admin key's) grants what the catalogue gives it today
          permissions:
            row.kind === 'secret' && row.permissions
              ? [...rolePermissions({ name: row.role_name ?? '', builtIn: row.role_built_in === true, permissions: row.permissions })]
              : [],
          expiresAt: row.expires_at ? new Date(row.expires_at).toISOString() : null,
        };
        sendJson(res, 200, resolved);
        return true;
      }
      if (req.method === 'POST' && url.pathname === '/internal/refresh-tokens/resolve') {
        // a refresh token is its own credential (generated clients send nothing else): the
        // gateway learns its tenant here. Unknown tokens count against the caller's address, and
        // past the limit every lookup from it is refused (429) before any hashing.
        const body = parseJsonBody(await readBody(req, 4096)) as { token?: unknown; clientIp?: unknown } | undefined;
        const token = typeof body?.token === 'string' ? body.token : '';
        const ip = typeof body?.clientIp === 'string' && body.clientIp.length <= 100 ? body.clientIp : null;
        await deps.limits.check('', REFRESH_LOOKUP_SCOPE, null, ip);
        const tenantId = await refreshTokenTenant((sql, params) => deps.dataSource.query(sql, params) as Promise<unknown[]>, deps.secrets, token);
        if (!tenantId) {
          await deps.limits.failed('', REFRESH_LOOKUP_SCOPE, null, ip);
          throw new AppError('NOT_FOUND', 'unknown refresh token', { reason: 'UNKNOWN_REFRESH_TOKEN' });
        }
        sendJson(res, 200, { tenantId });
        return true;
      }
      if (req.method === 'GET' && url.pathname === '/internal/sessions/revoked') {
        const since = new Date(url.searchParams.get('since') ?? Date.now() - 3600_000);
        if (Number.isNaN(since.getTime())) throw AppError.validation('since', 'must be an ISO time');
        const rows = (await deps.dataSource.query(`SELECT id FROM sessions WHERE revoked_at >= $1 LIMIT 100000`, [since])) as { id: string }[];
        sendJson(res, 200, { sessionIds: rows.map((r) => r.id) });
        return true;
      }
      if (req.method === 'GET' && url.pathname === '/internal/dev-outbox' && deps.devOutbox) {
        const to = url.searchParams.get('to') ?? '';
        const tenant = url.searchParams.get('tenant') ?? '';
        const rows = (await deps.dataSource.query(
          `SELECT channel, recipient, subject, body, created_at FROM dev_outbox WHERE ($1 = '' OR recipient = $1) AND ($2 = '' OR tenant_id = $2) ORDER BY id DESC LIMIT 50`,
          [to, tenant],
        )) as { channel: string; recipient: string; subject: string; body: string; created_at: Date }[];
        sendJson(res, 200, {
          messages: rows.map((r) => ({
            channel: r.channel,
            to: r.recipient,
            subject: r.subject,
            body: r.body,
            createdAt: new Date(r.created_at).toISOString(),
          })),
        });
        return true;
      }
      throw new AppError('NOT_FOUND', `no route ${req.method} ${url.pathname}`);
    } catch (err) {
      const { status, body } = toHttpError(err);
      sendJson(res, status, body);
      return true;
    }
  };
}
