import { Arg, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { AUTHENTICATED } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import type { ReadConsistency, SubgraphContext } from '@crm/platform/graphql';
import type { IdentityViews, RoleView, UserView } from '../persistence/identity-views';

@ObjectType({ description: 'A role of the tenant (read model).' })
export class Role {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => [String]) permissions: string[];
  @Field() builtIn: boolean;
}

@ObjectType({ description: 'A back-office user of the tenant (read model).' })
export class User {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field(() => String, { nullable: true }) firstName: string | null;
  @Field(() => String, { nullable: true }) lastName: string | null;
  @Field(() => [ID]) roleIds: string[];
  @Field(() => [Role], { description: 'The roles the user holds (deleted roles left out).' }) roles: Role[];
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

const toRole = (r: RoleView): Role => ({ id: r.id, name: r.name, permissions: r.permissions, builtIn: r.builtIn });

/** Every query reads the caller's tenant only: the tenant comes from the principal, never an argument. */
@Resolver()
export class IdentityQueriesResolver {
  constructor(
    private readonly views: IdentityViews,
    private readonly consistency: ReadConsistency,
  ) {}

  private async withRoles(tenantId: string, users: UserView[]): Promise<User[]> {
    if (users.length === 0) return [];
    const roles = new Map((await this.views.roles(tenantId)).map((r) => [r.id, toRole(r)]));
    return users.map((u) => ({ ...u, roles: u.roleIds.flatMap((id) => roles.get(id) ?? []) }));
  }

  @Authorized([AUTHENTICATED])
  @Query(() => User, { nullable: true, description: 'The signed-in back-office user; null for any other caller.' })
  async me(@Ctx() ctx: SubgraphContext): Promise<User | null> {
    await this.consistency.before(ctx);
    const { principal } = ctx;
    if (principal.kind !== 'user' || !principal.subjectId) return null;
    const user = await this.views.user(principal.tenantId, principal.subjectId);
    return user ? ((await this.withRoles(principal.tenantId, [user]))[0] ?? null) : null;
  }

  @Authorized(['users.read', 'users.manage'])
  @Query(() => [User], { description: 'Users of the tenant, oldest first.' })
  async users(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100, default 50.' }) first: number | null,
    @Arg('offset', () => Int, { nullable: true }) offset: number | null,
  ): Promise<User[]> {
    const limit = first ?? 50;
    if (limit < 1 || limit > 100) throw AppError.validation('first', 'must be between 1 and 100', 'OUT_OF_RANGE');
    const skip = offset ?? 0;
    if (skip < 0 || skip > 100_000) throw AppError.validation('offset', 'must be between 0 and 100000', 'OUT_OF_RANGE');
    await this.consistency.before(ctx);
    return this.withRoles(ctx.principal.tenantId, await this.views.users(ctx.principal.tenantId, limit, skip));
  }

  @Authorized(['users.read', 'users.manage'])
  @Query(() => User, { nullable: true, description: 'A user of the tenant; null when there is none.' })
  async user(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<User | null> {
    await this.consistency.before(ctx);
    const user = await this.views.user(ctx.principal.tenantId, id);
    return user ? ((await this.withRoles(ctx.principal.tenantId, [user]))[0] ?? null) : null;
  }

  @Authorized(['users.read', 'roles.manage'])
  @Query(() => [Role], { description: 'Roles of the tenant (built-in and custom).' })
  async roles(@Ctx() ctx: SubgraphContext): Promise<Role[]> {
    await this.consistency.before(ctx);
    return (await this.views.roles(ctx.principal.tenantId)).map(toRole);
  }

  @Authorized(['keys.manage'])
  @Query(() => [ApiKey], { description: 'API keys of the tenant, masked.' })
  async apiKeys(@Ctx() ctx: SubgraphContext): Promise<ApiKey[]> {
    await this.consistency.before(ctx);
    return this.views.apiKeys(ctx.principal.tenantId);
  }

  @Authorized([AUTHENTICATED])
  @Query(() => [Organisation], { description: 'Organisations of the tenant; for signed-in back-office users.' })
  async organisations(@Ctx() ctx: SubgraphContext): Promise<Organisation[]> {
    if (ctx.principal.kind !== 'user') throw new AppError('FORBIDDEN', 'only back-office users list organisations', { reason: 'PERMISSION_DENIED' });
    await this.consistency.before(ctx);
    return this.views.organisations(ctx.principal.tenantId);
  }
}
