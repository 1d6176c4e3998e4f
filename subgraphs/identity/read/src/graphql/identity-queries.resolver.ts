import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Authorized } from '@crm/platform/graphql';
import { AUTHENTICATED } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import type { ReadConsistency, SubgraphContext } from '@crm/platform/graphql';
import type { IdentityViews, RoleView, UserFilter, UserView } from '../persistence/identity-views';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILTER_IDS_MAX = 50;

/** A filter list of ids: at most 50 UUIDs (the error names the element); null means no filter. */
function filterIds(field: string, ids: readonly string[] | null): string[] | undefined {
  if (ids === null) return undefined;
  if (ids.length > FILTER_IDS_MAX) throw AppError.validation(field, `at most ${FILTER_IDS_MAX} ids`, 'TOO_MANY');
  return ids.map((id, i) => {
    if (!UUID.test(id)) throw AppError.validation(`${field}.${i}`, 'must be a UUID', 'INVALID_ID');
    return id.toLowerCase();
  });
}

@ObjectType({ description: 'A role of the tenant (read model).' })
export class Role {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => [String]) permissions: string[];
  @Field() builtIn: boolean;
}

@ObjectType({ description: 'A team: a named group of back-office users (read model).' })
export class Team {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType({ description: 'A back-office user of the tenant (read model).' })
export class User {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field(() => String, { nullable: true }) firstName: string | null;
  @Field(() => String, { nullable: true }) lastName: string | null;
  @Field(() => [ID]) roleIds: string[];
  @Field(() => [Role], { description: 'The roles the user holds (deleted roles left out).' }) roles: Role[];
  @Field(() => [ID]) teamIds: string[];
  @Field(() => [Team], { description: 'The teams the user is in.' }) teams: Team[];
  @Field({ description: 'ACTIVE or DISABLED.' }) status: string;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType({ description: 'An API key, masked: only its prefix and last four characters are ever shown.' })
export class ApiKey {
  @Field(() => ID) id: string;
  @Field(() => ID) applicationId: string;
  @Field({ description: 'public or secret.' }) kind: string;
  @Field({ description: 'live or test.' }) env: string;
  @Field() name: string;
  @Field() prefix: string;
  @Field({ description: 'Prefix, a mask and the last four characters.' }) masked: string;
  @Field(() => ID, { nullable: true }) roleId: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
  @Field() revoked: boolean;
}

@ObjectType({ description: 'An organisation of the tenant hierarchy (read model).' })
export class Organisation {
  @Field(() => ID) id: string;
  @Field(() => ID, { nullable: true }) parentId: string | null;
  @Field({ description: 'BUSINESS, MERCHANT or VENUE.' }) type: string;
  @Field() name: string;
  @Field(() => Date) createdAt: Date;
}

@ObjectType({
  description:
    "An external sign-in provider the tenant configured through the back-office API (read model). Secrets are never shown: hasSecret says whether one is stored. Providers that come only from the service's IDENTITY_PROVIDERS default are not listed.",
})
export class IdentityProvider {
  @Field(() => ID) id: string;
  @Field({ description: 'OIDC or FACEBOOK.' }) kind: string;
  @Field({ description: 'The OIDC type (`/contacts/oidc/{type}`), or `facebook`.' }) type: string;
  @Field(() => String, { nullable: true }) issuer: string | null;
  @Field(() => String, { nullable: true }) graphBaseUrl: string | null;
  @Field({ description: 'The OIDC client id, or the Facebook app id.' }) clientId: string;
  @Field(() => String, { nullable: true, description: 'FACEBOOK: the app id (same as clientId).' }) appId: string | null;
  @Field(() => [String]) redirectUris: string[];
  @Field(() => [String], { nullable: true }) scopes: string[] | null;
  @Field() hasSecret: boolean;
  @Field(() => Date) updatedAt: Date;
}

/** A request carrying consistency tokens reads the database, never the cache (which the projector invalidates only after its commit). */
const fresh = (ctx: SubgraphContext): boolean => ctx.consistency.length > 0;

const toRole = (r: RoleView): Role => ({ id: r.id, name: r.name, permissions: r.permissions, builtIn: r.builtIn });

/** Every query reads the caller's tenant only: the tenant comes from the principal, never an argument. */
@Resolver()
export class IdentityQueriesResolver {
  constructor(
    private readonly views: IdentityViews,
    private readonly consistency: ReadConsistency,
  ) {}

  private async withRoles(tenantId: string, users: UserView[], fresh: boolean): Promise<User[]> {
    if (users.length === 0) return [];
    const [roleViews, teamViews] = await Promise.all([this.views.roles(tenantId, fresh), this.views.teams(tenantId, fresh)]);
    const roles = new Map(roleViews.map((r) => [r.id, toRole(r)]));
    const teams = new Map(teamViews.map((t) => [t.id, t]));
    return users.map((u) => ({ ...u, roles: u.roleIds.flatMap((id) => roles.get(id) ?? []), teams: u.teamIds.flatMap((id) => teams.get(id) ?? []) }));
  }

  @Authorized([AUTHENTICATED])
  @Query(() => User, { nullable: true, description: 'The signed-in back-office user; null for any other caller.' })
  async me(@Ctx() ctx: SubgraphContext): Promise<User | null> {
    await this.consistency.before(ctx);
    const { principal } = ctx;
    if (principal.kind !== 'user' || !principal.subjectId) return null;
    const user = await this.views.user(principal.tenantId, principal.subjectId, fresh(ctx));
    return user ? ((await this.withRoles(principal.tenantId, [user], fresh(ctx)))[0] ?? null) : null;
  }

  @Authorized(['users.read', 'users.manage'])
  @Query(() => [User], { description: 'Users of the tenant, oldest first; optionally only those in any of `teamIds` and holding any of `roleIds`.' })
  async users(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100, default 50.' }) first: number | null,
    @Arg('offset', () => Int, { nullable: true }) offset: number | null,
    @Arg('teamIds', () => [ID], { nullable: true, description: 'Users in any of these teams (at most 50).' }) teamIds: string[] | null,
    @Arg('roleIds', () => [ID], { nullable: true, description: 'Users holding any of these roles (at most 50).' }) roleIds: string[] | null,
  ): Promise<User[]> {
    const limit = first ?? 50;
    if (limit < 1 || limit > 100) throw AppError.validation('first', 'must be between 1 and 100', 'OUT_OF_RANGE');
    const skip = offset ?? 0;
    if (skip < 0 || skip > 100_000) throw AppError.validation('offset', 'must be between 0 and 100000', 'OUT_OF_RANGE');
    await this.consistency.before(ctx);
    const filter: UserFilter = { teamIds: filterIds('teamIds', teamIds ?? null), roleIds: filterIds('roleIds', roleIds ?? null) };
    return this.withRoles(ctx.principal.tenantId, await this.views.users(ctx.principal.tenantId, limit, skip, filter), fresh(ctx));
  }

  @Authorized(['users.read', 'users.manage'])
  @Query(() => [Team], { description: 'Teams of the tenant, by name.' })
  async teams(@Ctx() ctx: SubgraphContext): Promise<Team[]> {
    await this.consistency.before(ctx);
    return this.views.teams(ctx.principal.tenantId, fresh(ctx));
  }

  @Authorized(['users.read', 'users.manage'])
  @Query(() => Team, { nullable: true, description: 'A team of the tenant; null when there is none.' })
  async team(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Team | null> {
    await this.consistency.before(ctx);
    return this.views.team(ctx.principal.tenantId, id);
  }

  @Authorized(['users.read', 'users.manage'])
  @Query(() => User, { nullable: true, description: 'A user of the tenant; null when there is none.' })
  async user(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<User | null> {
    await this.consistency.before(ctx);
    const user = await this.views.user(ctx.principal.tenantId, id, fresh(ctx));
    return user ? ((await this.withRoles(ctx.principal.tenantId, [user], fresh(ctx)))[0] ?? null) : null;
  }

  @Authorized(['users.read', 'roles.manage'])
  @Query(() => [Role], { description: 'Roles of the tenant (built-in and custom).' })
  async roles(@Ctx() ctx: SubgraphContext): Promise<Role[]> {
    await this.consistency.before(ctx);
    return (await this.views.roles(ctx.principal.tenantId, fresh(ctx))).map(toRole);
  }

  @Authorized(['keys.manage'])
  @Query(() => [ApiKey], { description: 'API keys of the tenant, masked.' })
  async apiKeys(@Ctx() ctx: SubgraphContext): Promise<ApiKey[]> {
    await this.consistency.before(ctx);
    return this.views.apiKeys(ctx.principal.tenantId);
  }

  @Authorized(['security.manage'])
  @Query(() => [IdentityProvider], { description: "The tenant's configured external sign-in providers, without secrets." })
  async identityProviders(@Ctx() ctx: SubgraphContext): Promise<IdentityProvider[]> {
    return (await this.views.identityProviders(ctx.principal.tenantId)).map((p) => ({ ...p, appId: p.kind === 'FACEBOOK' ? p.clientId : null }));
  }

  @Authorized([AUTHENTICATED])
  @Query(() => [Organisation], { description: 'Organisations of the tenant; for signed-in back-office users.' })
  async organisations(@Ctx() ctx: SubgraphContext): Promise<Organisation[]> {
    if (ctx.principal.kind !== 'user') throw new AppError('FORBIDDEN', 'only back-office users list organisations', { reason: 'PERMISSION_DENIED' });
    await this.consistency.before(ctx);
    return this.views.organisations(ctx.principal.tenantId);
  }
}
