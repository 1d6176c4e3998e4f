import type { DataSource } from 'typeorm';
import { GenerationalCache, type Cache } from '@crm/platform/cache';
import { maskApiKey } from '@crm/platform/security';
import type { OrganisationProfile } from '@crm/event-bus/contracts/identity';
import { identityCacheKeys } from '../queries/identity-cache-keys';
import type { NetworkEntry } from '../queries/network-search';

export interface RoleView {
  id: string;
  name: string;
  permissions: string[];
  builtIn: boolean;
  deleted: boolean;
}
export interface UserView {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  roleIds: string[];
  teamIds: string[];
  status: string;
  createdAt: Date;
  updatedAt: Date;
}
export interface ApiKeyView {
  id: string;
  applicationId: string;
  kind: string;
  env: string;
  name: string;
  prefix: string;
  masked: string;
  roleId: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revoked: boolean;
}
export interface TeamView {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}
/** Users in ANY of `teamIds` (when given) and holding ANY of `roleIds` (when given). */
export interface UserFilter {
  teamIds?: readonly string[] | undefined;
  roleIds?: readonly string[] | undefined;
}
export interface IdentityProviderView {
  id: string;
  kind: string;
  type: string;
  issuer: string | null;
  graphBaseUrl: string | null;
  clientId: string;
  redirectUris: string[];
  scopes: string[] | null;
  hasSecret: boolean;
  updatedAt: Date;
}
export interface OrganisationView {
  id: string;
  parentId: string | null;
  type: string;
  name: string;
  createdAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const list = (v: unknown): string[] => (typeof v === 'string' ? (JSON.parse(v) as string[]) : ((v as string[] | null) ?? []));
const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
type Row = Record<string, unknown>;

const toUser = (r: Row): UserView => ({
  id: String(r['id']),
  email: String(r['email']),
  firstName: (r['first_name'] as string | null) ?? null,
  lastName: (r['last_name'] as string | null) ?? null,
  roleIds: list(r['role_ids']),
  teamIds: list(r['team_ids']),
  status: String(r['status']),
  createdAt: date(r['created_at']),
  updatedAt: date(r['updated_at']),
});

const toTeam = (r: Row): TeamView => ({
  id: String(r['id']),
  name: String(r['name']),
  createdAt: date(r['created_at']),
  updatedAt: date(r['updated_at']),
});

/** Cached JSON has dates as strings; give them back as Dates. */
const reviveUser = (u: UserView): UserView => ({ ...u, createdAt: date(u.createdAt), updatedAt: date(u.updatedAt) });
const reviveTeam = (t: TeamView): TeamView => ({ ...t, createdAt: date(t.createdAt), updatedAt: date(t.updatedAt) });

/**
 * Reads of the identity read models; every query is scoped to the given tenant. With a cache, the
 * hot reads (a user by id: every `me`; the tenant's roles and teams: every user read) are served
 * from it until the projector changes the tenant; `fresh` (a request with consistency tokens)
 * reads the database.
 */
export class IdentityViews {
  private readonly cached: GenerationalCache | null;

  constructor(
    private readonly dataSource: DataSource,
    cache: Cache | null = null,
    cacheTtlSeconds = 300,
  ) {
    this.cached = cache ? new GenerationalCache(cache, identityCacheKeys, cacheTtlSeconds) : null;
  }

  private through<T>(tenantId: string, id: string, fresh: boolean, load: () => Promise<T>): Promise<T> {
    return this.cached && !fresh ? this.cached.get(tenantId, id, load) : load();
  }

  /** The highest version of an aggregate the projector has applied (0 when none). */
  async appliedVersion(tenantId: string, aggregateType: string, aggregateId: string): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT version FROM applied_versions WHERE aggregate_type = $1 AND aggregate_id = $2`, [
      aggregateType,
      `${tenantId}:${aggregateId}`,
    ])) as { version: number }[];
    return row ? Number(row.version) : 0;
  }

  async users(tenantId: string, limit: number, offset: number, filter: UserFilter = {}): Promise<UserView[]> {
    const params: unknown[] = [tenantId, limit, offset];
    const where = ['tenant_id = $1'];
    if (filter.teamIds !== undefined) where.push(`team_ids ?| $${params.push([...filter.teamIds])}::text[]`);
    if (filter.roleIds !== undefined) where.push(`role_ids ?| $${params.push([...filter.roleIds])}::text[]`);
    const rows = (await this.dataSource.query(
      `SELECT * FROM user_views WHERE ${where.join(' AND ')} ORDER BY created_at, id LIMIT $2 OFFSET $3`,
      params,
    )) as Row[];
    return rows.map(toUser);
  }

  async teams(tenantId: string, fresh = false): Promise<TeamView[]> {
    const teams = await this.through(tenantId, 'teams', fresh, async () => {
      const rows = (await this.dataSource.query(`SELECT * FROM team_views WHERE tenant_id = $1 ORDER BY lower(name), id`, [tenantId])) as Row[];
      return rows.map(toTeam);
    });
    return teams.map(reviveTeam);
  }

  async team(tenantId: string, id: string): Promise<TeamView | null> {
    if (!UUID.test(id)) return null;
    const [row] = (await this.dataSource.query(`SELECT * FROM team_views WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as Row[];
    return row ? toTeam(row) : null;
  }

  async user(tenantId: string, id: string, fresh = false): Promise<UserView | null> {
    if (!UUID.test(id)) return null;
    const user = await this.through(tenantId, `user:${id.toLowerCase()}`, fresh, async () => {
      const [row] = (await this.dataSource.query(`SELECT * FROM user_views WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as Row[];
      return row ? toUser(row) : null;
    });
    return user ? reviveUser(user) : null;
  }

  async roles(tenantId: string, fresh = false): Promise<RoleView[]> {
    return this.through(tenantId, 'roles', fresh, async () => {
      const rows = (await this.dataSource.query(`SELECT * FROM role_views WHERE tenant_id = $1 AND NOT deleted ORDER BY created_at, name`, [
        tenantId,
      ])) as Row[];
      return rows.map((r) => ({
        id: String(r['id']),
        name: String(r['name']),
        permissions: list(r['permissions']),
        builtIn: Boolean(r['built_in']),
        deleted: Boolean(r['deleted']),
      }));
    });
  }

  async apiKeys(tenantId: string): Promise<ApiKeyView[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM api_key_views WHERE tenant_id = $1 ORDER BY created_at, id`, [tenantId])) as Row[];
    return rows.map((r) => ({
      id: String(r['id']),
      applicationId: String(r['application_id']),
      kind: String(r['kind']),
      env: String(r['env']),
      name: String(r['name']),
      prefix: String(r['prefix']),
      masked: maskApiKey(String(r['prefix']), String(r['last4'])),
      roleId: (r['role_id'] as string | null) ?? null,
      createdAt: date(r['created_at']),
      expiresAt: r['expires_at'] === null || r['expires_at'] === undefined ? null : date(r['expires_at']),
      revoked: Boolean(r['revoked']),
    }));
  }

  async organisations(tenantId: string): Promise<OrganisationView[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM organisation_views WHERE tenant_id = $1 ORDER BY created_at, id`, [tenantId])) as Row[];
    return rows.map((r) => ({
      id: String(r['id']),
      parentId: (r['parent_id'] as string | null) ?? null,
      type: String(r['type']),
      name: String(r['name']),
      createdAt: date(r['created_at']),
    }));
  }

  /**
   * The tenant's business network: every organisation with its profile (null when none was set);
   * organisations that left the network (closed profile) are not in it. Not cached: network
   * answers depend on the caller's point and filters.
   */
  async network(tenantId: string): Promise<NetworkEntry[]> {
    const rows = (await this.dataSource.query(
      `SELECT o.id, o.parent_id, o.type, o.name, o.created_at, p.profile
         FROM organisation_views o LEFT JOIN organisation_profile_views p ON p.tenant_id = o.tenant_id AND p.id = o.id
        WHERE o.tenant_id = $1 AND (p.closed IS NULL OR NOT p.closed)
        ORDER BY o.created_at, o.id`,
      [tenantId],
    )) as Row[];
    return rows.map((r) => ({
      id: String(r['id']),
      parentId: (r['parent_id'] as string | null) ?? null,
      type: String(r['type']),
      name: String(r['name']),
      createdAt: date(r['created_at']),
      profile:
        r['profile'] === null || r['profile'] === undefined
          ? null
          : ((typeof r['profile'] === 'string' ? JSON.parse(r['profile']) : r['profile']) as OrganisationProfile),
    }));
  }

  async identityProviders(tenantId: string): Promise<IdentityProviderView[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM identity_provider_views WHERE tenant_id = $1 ORDER BY kind, type`, [tenantId])) as Row[];
    return rows.map((r) => ({
      id: String(r['id']),
      kind: String(r['kind']),
      type: String(r['type']),
      issuer: (r['issuer'] as string | null) ?? null,
      graphBaseUrl: (r['graph_base_url'] as string | null) ?? null,
      clientId: String(r['client_id']),
      redirectUris: list(r['redirect_uris']),
      scopes: r['scopes'] === null || r['scopes'] === undefined ? null : list(r['scopes']),
      hasSecret: Boolean(r['has_secret']),
      updatedAt: date(r['updated_at']),
    }));
  }
}
