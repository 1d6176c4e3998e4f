import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { AUTHENTICATED } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { asPayload, formatConsistencyToken, type SubgraphContext, Authorized } from '@crm/platform/graphql';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import type { UserAuth } from '../application/auth/user-auth';
import type { Sessions } from '../application/auth/sessions';
import type { UnitOfWork } from '../application/unit-of-work';
import { disableUser, insertUser, loadUser, updateUser, type UserView } from '../application/directory/users';
import { requireUuid, requireUuids } from '../domain/ids';
import { metaOf } from './auth.resolver';
import { grantorOf } from './grantor';
import { ChangePasswordPayload, CreateUserInput, UpdateUserInput, UserPayload } from './directory.types';

const noUser = (): UserPayload => ({ user: null, errors: [] });
const shown = (user: UserView): UserPayload => ({
  user,
  consistencyToken: formatConsistencyToken({ aggregateType: AGGREGATES.user, aggregateId: user.id, version: user.version }),
  errors: [],
});

@Resolver()
export class UsersResolver {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessions: Sessions,
    private readonly auth: UserAuth,
  ) {}

  @Authorized(['users.manage'])
  @Mutation(() => UserPayload, { description: 'Creates a back-office user with a password and roles.' })
  createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: SubgraphContext): Promise<UserPayload> {
    return asPayload(async () => {
      const roleIds = requireUuids('roleIds', input.roleIds);
      const user = await this.uow.run(metaOf(ctx), async (tx) => {
        const id = await insertUser(
          tx,
          {
            email: input.email,
            password: input.password,
            firstName: input.firstName ?? null,
            lastName: input.lastName ?? null,
            roleIds,
            teamIds: input.teamIds == null ? [] : requireUuids('teamIds', input.teamIds),
          },
          grantorOf(ctx),
        );
        return loadUser(tx, id);
      });
      return shown(user);
    }, noUser);
  }

  @Authorized(['users.manage'])
  @Mutation(() => UserPayload, { description: "Changes a user's names, roles and/or teams." })
  updateUser(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateUserInput) input: UpdateUserInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UserPayload> {
    return asPayload(async () => {
      const userId = requireUuid('id', id);
      const roleIds = input.roleIds == null ? undefined : requireUuids('roleIds', input.roleIds);
      const teamIds = input.teamIds == null ? undefined : requireUuids('teamIds', input.teamIds);
      const patch = { firstName: input.firstName, lastName: input.lastName, roleIds, teamIds };
      return shown(await this.uow.run(metaOf(ctx), (tx) => updateUser(tx, userId, patch, grantorOf(ctx))));
    }, noUser);
  }

  @Authorized(['users.manage'])
  @Mutation(() => UserPayload, { description: 'Disables a user and ends all their sessions. The last active owner cannot be disabled.' })
  disableUser(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<UserPayload> {
    return asPayload(async () => {
      const userId = requireUuid('id', id);
      return shown(await this.uow.run(metaOf(ctx), (tx) => disableUser(tx, this.sessions, userId, grantorOf(ctx))));
    }, noUser);
  }

  @Authorized([AUTHENTICATED])
  @Mutation(() => ChangePasswordPayload, {
    description:
      "Changes the signed-in user's own password; their other sessions end. currentPassword may be left out within the re-authentication window after signing in (REAUTH_WINDOW_SECONDS, refreshes keep the sign-in time); later it is FORBIDDEN (REAUTHENTICATION_REQUIRED) without it.",
  })
  changeUserPassword(
    @Arg('currentPassword', () => String, { nullable: true }) currentPassword: string | null | undefined,
    @Arg('newPassword') newPassword: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ChangePasswordPayload> {
    const { principal } = ctx;
    if (principal.kind !== 'user' || !principal.subjectId)
      throw new AppError('FORBIDDEN', 'only a signed-in back-office user can change their password', { reason: 'PERMISSION_DENIED' });
    const userId = principal.subjectId;
    return asPayload<ChangePasswordPayload>(
      async () => {
        await this.auth.changePassword(
          metaOf(ctx),
          { userId, sessionId: principal.sessionId ?? null, currentPassword: currentPassword ?? null, newPassword },
          ctx.clientIp,
        );
        return { changed: true, errors: [] };
      },
      () => ({ changed: false, errors: [] }),
    );
  }
}
