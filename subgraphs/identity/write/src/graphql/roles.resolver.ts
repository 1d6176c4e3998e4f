import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { AppError } from '@crm/platform/errors';
import { asPayload, formatConsistencyToken, type SubgraphContext, Authorized } from '@crm/platform/graphql';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { nameRace } from './name-race';
import type { UnitOfWork } from '../application/unit-of-work';
import { createRole, deleteRole, updateRole, type RoleView } from '../application/directory/roles';
import { requireUuid } from '../domain/ids';
import { metaOf } from './auth.resolver';
import { grantorOf } from './grantor';
import { CreateRoleInput, DeleteRolePayload, RolePayload, UpdateRoleInput } from './directory.types';

const noRole = (): RolePayload => ({ role: null, errors: [] });
const shown = (role: RoleView): RolePayload => ({
  role,
  consistencyToken: formatConsistencyToken({ aggregateType: AGGREGATES.role, aggregateId: role.id, version: role.version }),
  errors: [],
});

const roleNameTaken = () => new AppError('CONFLICT', 'a role with this name already exists', { reason: 'ROLE_NAME_TAKEN', field: 'name' });

@Resolver()
export class RolesResolver {
  constructor(private readonly uow: UnitOfWork) {}

  @Authorized(['roles.manage'])
  @Mutation(() => RolePayload, { description: 'Creates a custom role; you can only grant permissions you hold.' })
  createRole(@Arg('input', () => CreateRoleInput) input: CreateRoleInput, @Ctx() ctx: SubgraphContext): Promise<RolePayload> {
    return asPayload(
      async () =>
        shown(
          await nameRace(
            () => this.uow.run(metaOf(ctx), (tx) => createRole(tx, { name: input.name, permissions: input.permissions }, grantorOf(ctx))),
            roleNameTaken,
          ),
        ),
      noRole,
    );
  }

  @Authorized(['roles.manage'])
  @Mutation(() => RolePayload, { description: 'Renames a custom role and/or replaces its permissions. Built-in roles cannot be changed.' })
  updateRole(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateRoleInput) input: UpdateRoleInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RolePayload> {
    return asPayload(async () => {
      const roleId = requireUuid('id', id);
      const patch = { name: input.name ?? undefined, permissions: input.permissions ?? undefined };
      return shown(await nameRace(() => this.uow.run(metaOf(ctx), (tx) => updateRole(tx, roleId, patch, grantorOf(ctx))), roleNameTaken));
    }, noRole);
  }

  @Authorized(['roles.manage'])
  @Mutation(() => DeleteRolePayload, { description: 'Deletes a custom role that no user and no live secret key uses.' })
  deleteRole(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<DeleteRolePayload> {
    return asPayload<DeleteRolePayload>(
      async () => {
        const roleId = requireUuid('id', id);
        await this.uow.run(metaOf(ctx), (tx) => deleteRole(tx, roleId));
        return { id: roleId, errors: [] };
      },
      () => ({ id: null, errors: [] }),
    );
  }
}
