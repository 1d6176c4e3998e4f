import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, registerEnumType, Resolver } from 'type-graphql';
import { assertOwnContact, SELF } from '@crm/platform/auth';
import { asPayload, Authorized, formatConsistencyToken, UserError, type SubgraphContext } from '@crm/platform/graphql';
import type { CommandResult } from '@crm/event-bus/kit';
import type { CommandMeta } from '../application/contact-commands';
import type { CommunityCommands } from './commands';
import type { RelationshipState } from './relationship';

export enum CommunityInvitationAction {
  ACCEPT = 'ACCEPT',
  REJECT = 'REJECT',
}
registerEnumType(CommunityInvitationAction, { name: 'CommunityInvitationAction' });

@InputType({ description: 'Limits as decimal strings (null: no limit).' })
export class CommunityLimitsInput {
  @Field(() => String, { nullable: true }) perTransaction?: string | null;
  @Field(() => String, { nullable: true }) perDay?: string | null;
  @Field(() => String, { nullable: true }) perBillingCycle?: string | null;
}

@InputType()
export class CommunityWalletSharingInput {
  @Field() isEnabled: boolean;
  @Field(() => [String], { nullable: true, description: 'Commerce pool ids the member may draw on.' }) commercePools?: string[] | null;
  @Field(() => String, { description: 'AUTO or MANUAL.' }) method: string;
  @Field(() => String, { nullable: true, description: 'Most the member may draw per calendar month (decimal).' }) maxAmount?: string | null;
}

@InputType()
export class CommunityUsageAllowanceInput {
  @Field(() => CommunityLimitsInput, { nullable: true }) cashLimits?: CommunityLimitsInput | null;
  @Field(() => Boolean, { nullable: true }) sameAsOwner?: boolean | null;
  @Field(() => [String], { nullable: true }) organisations?: string[] | null;
}

@InputType()
export class CommunityTermedTransferInput {
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
  @Field(() => String, { nullable: true }) amount?: string | null;
  @Field(() => String, { nullable: true }) currency?: string | null;
  @Field(() => String, { nullable: true }) commercePoolId?: string | null;
  @Field(() => String, { nullable: true, description: 'WEEKLY or MONTHLY.' }) frequency?: string | null;
  @Field(() => String, { nullable: true }) dayOfWeek?: string | null;
  @Field(() => Number, { nullable: true }) dayOfMonth?: number | null;
}

@InputType({ description: "A member's relation, group and grants; fields left out keep their value on an update." })
export class CommunityPersonInput {
  @Field(() => ID, { nullable: true }) relationId?: string | null;
  @Field(() => String, { nullable: true }) group?: string | null;
  @Field(() => Boolean, { nullable: true }) isAdmin?: boolean | null;
  @Field(() => [String], { nullable: true, description: 'CONTACT_MANAGEMENT, SERVICE_REQUESTS_MANAGEMENT, ORDERS_MANAGEMENT, FULL_ACCESS.' })
  permissions?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Device ids shared with the member.' }) devices?: string[] | null;
  @Field(() => CommunityWalletSharingInput, { nullable: true }) walletSharing?: CommunityWalletSharingInput | null;
  @Field(() => CommunityUsageAllowanceInput, { nullable: true }) usageAllowance?: CommunityUsageAllowanceInput | null;
  @Field(() => CommunityTermedTransferInput, { nullable: true }) termedTransfer?: CommunityTermedTransferInput | null;
}

@InputType({ description: 'Who to invite: a live contact of the organisation with this email, else this phone number.' })
export class CommunityInviteeInput {
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phoneNumber?: string | null;
  @Field(() => String, { nullable: true }) countryCode?: string | null;
}

@InputType({ description: 'The person to create when no contact has the invitee’s email or phone.' })
export class CommunityNewContactInput {
  @Field() firstName: string;
  @Field() lastName: string;
}

@InputType()
export class CommunityProductAllowanceInput {
  @Field(() => String, { nullable: true }) groupId?: string | null;
  @Field(() => String, { nullable: true, description: 'PRODUCT, TYPE, FAMILY or CATEGORY.' }) itemType?: string | null;
  @Field(() => String, { nullable: true }) itemId?: string | null;
  @Field(() => CommunityLimitsInput, { nullable: true }) cashLimits?: CommunityLimitsInput | null;
  @Field(() => CommunityLimitsInput, { nullable: true }) usageLimits?: CommunityLimitsInput | null;
}

@ObjectType({ description: 'Result of a community mutation.' })
export class CommunityPayload {
  @Field(() => ID, { nullable: true, description: 'The relationship changed (or the owner, for a group rename).' }) id: string | null;
  @Field(() => [ID], { description: 'The product allowances created, for addCommunityProductsAllowance.' }) allowanceIds: string[];
  @Field(() => String, { nullable: true, description: 'Send as `x-consistency-token` with a later query to read at least this write.' })
  consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

const empty = (): CommunityPayload => ({ id: null, allowanceIds: [], consistencyToken: null, errors: [] });
const payloadOf = (r: CommandResult<RelationshipState>, allowanceIds: string[] = []): CommunityPayload => ({
  id: r.state.id,
  allowanceIds,
  consistencyToken: formatConsistencyToken(r.consistency),
  errors: [],
});

const settingsOf = (i: CommunityPersonInput) => ({
  isAdmin: i.isAdmin,
  permissions: i.permissions,
  devices: i.devices,
  walletSharing: i.walletSharing,
  usageAllowance: i.usageAllowance,
  termedTransfer: i.termedTransfer,
});

/**
 * Communities (CRM.COM "people"): an owner invites contacts, who accept or reject; the owner sets
 * what they may do. A contact acts only as itself: as owner (its own community) or as member
 * (answering, leaving); anyone else's relationship reads as not found.
 */
@Resolver()
export class CommunityMutationsResolver {
  constructor(private readonly commands: CommunityCommands) {}

  private meta(ctx: SubgraphContext, idempotencyKey?: string | null): CommandMeta {
    return { principal: ctx.principal, correlationId: ctx.correlationId, idempotencyKey: idempotencyKey ?? null };
  }

  @Authorized(['contacts.write', SELF])
  @Mutation(() => CommunityPayload, { description: 'The owner invites a contact (by email or phone) into its community; PENDING until answered.' })
  inviteCommunityPerson(
    @Arg('ownerId', () => ID) ownerId: string,
    @Arg('invitee', () => CommunityInviteeInput) invitee: CommunityInviteeInput,
    @Arg('input', () => CommunityPersonInput) input: CommunityPersonInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Arg('newContact', () => CommunityNewContactInput, { nullable: true }) newContact: CommunityNewContactInput | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunityPayload> {
    return asPayload(async () => {
      assertOwnContact(ctx.principal, ownerId);
      const result = await this.commands.invite(this.meta(ctx, idempotencyKey), ownerId, {
        email: invitee.email?.trim() || null,
        phoneNumber: invitee.phoneNumber?.trim() || null,
        countryCode: invitee.countryCode ?? null,
        relationId: input.relationId ?? null,
        group: input.group ?? null,
        settings: settingsOf(input),
        newContact: newContact ? { firstName: newContact.firstName, lastName: newContact.lastName } : null,
      });
      return payloadOf(result);
    }, empty);
  }

  @Authorized(['contacts.write', SELF])
  @Mutation(() => CommunityPayload, { description: 'The invitee accepts or rejects a pending invitation (once).' })
  respondToCommunityInvitation(
    @Arg('contactId', () => ID, { description: 'The invitee.' }) contactId: string,
    @Arg('relationshipId', () => ID) relationshipId: string,
    @Arg('action', () => CommunityInvitationAction) action: CommunityInvitationAction,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunityPayload> {
    return asPayload(async () => {
      assertOwnContact(ctx.principal, contactId);
      return payloadOf(await this.commands.respond(this.meta(ctx), contactId, relationshipId, action));
    }, empty);
  }

  @Authorized(['contacts.write', SELF])
  @Mutation(() => CommunityPayload, { description: "The owner changes a person's relation, group or grants." })
  updateCommunityPerson(
    @Arg('ownerId', () => ID) ownerId: string,
    @Arg('relationshipId', () => ID) relationshipId: string,
    @Arg('input', () => CommunityPersonInput) input: CommunityPersonInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunityPayload> {
    return asPayload(async () => {
      assertOwnContact(ctx.principal, ownerId);
      const change = {
        ...(input.relationId !== undefined ? { relationId: input.relationId } : {}),
        ...(input.group !== undefined ? { group: input.group } : {}),
        settings: settingsOf(input),
      };
      return payloadOf(await this.commands.update(this.meta(ctx), ownerId, relationshipId, change));
    }, empty);
  }

  @Authorized(['contacts.write', SELF])
  @Mutation(() => CommunityPayload, { description: 'The owner removes a person (invited or member) from its community.' })
  removeCommunityPerson(
    @Arg('ownerId', () => ID) ownerId: string,
    @Arg('relationshipId', () => ID) relationshipId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunityPayload> {
    return asPayload(async () => {
      assertOwnContact(ctx.principal, ownerId);
      return payloadOf(await this.commands.remove(this.meta(ctx), ownerId, relationshipId));
    }, empty);
  }

  @Authorized(['contacts.write', SELF])
  @Mutation(() => CommunityPayload, { description: "A member leaves the owner's community." })
  leaveCommunity(
    @Arg('contactId', () => ID, { description: 'The member leaving.' }) contactId: string,
    @Arg('ownerId', () => ID) ownerId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunityPayload> {
    return asPayload(async () => {
      assertOwnContact(ctx.principal, contactId);
      return payloadOf(await this.commands.leave(this.meta(ctx), contactId, ownerId));
    }, empty);
  }

  @Authorized(['contacts.write', SELF])
  @Mutation(() => CommunityPayload, { description: "Renames one of the owner's groups (every person in it)." })
  renameCommunityGroup(
    @Arg('ownerId', () => ID) ownerId: string,
    @Arg('name', () => String) name: string,
    @Arg('newName', () => String) newName: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunityPayload> {
    return asPayload(async () => {
      assertOwnContact(ctx.principal, ownerId);
      const results = await this.commands.renameGroup(this.meta(ctx), ownerId, name, newName);
      const last = results[results.length - 1]!;
      return { ...payloadOf(last), id: last.state.ownerId };
    }, empty);
  }

  @Authorized(['contacts.write', SELF])
  @Mutation(() => CommunityPayload, { description: "The owner adds per-product allowances to a person's grants." })
  addCommunityProductsAllowance(
    @Arg('ownerId', () => ID) ownerId: string,
    @Arg('relationshipId', () => ID) relationshipId: string,
    @Arg('items', () => [CommunityProductAllowanceInput]) items: CommunityProductAllowanceInput[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunityPayload> {
    return asPayload(async () => {
      assertOwnContact(ctx.principal, ownerId);
      const { result, ids } = await this.commands.addAllowances(this.meta(ctx), ownerId, relationshipId, items);
      return payloadOf(result, ids);
    }, empty);
  }

  @Authorized(['contacts.write', SELF])
  @Mutation(() => CommunityPayload, { description: 'The owner changes one product allowance.' })
  updateCommunityProductAllowance(
    @Arg('ownerId', () => ID) ownerId: string,
    @Arg('relationshipId', () => ID) relationshipId: string,
    @Arg('allowanceId', () => ID) allowanceId: string,
    @Arg('input', () => CommunityProductAllowanceInput) input: CommunityProductAllowanceInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunityPayload> {
    return asPayload(async () => {
      assertOwnContact(ctx.principal, ownerId);
      return payloadOf(await this.commands.updateAllowance(this.meta(ctx), ownerId, relationshipId, allowanceId, input));
    }, empty);
  }

  @Authorized(['contacts.write', SELF])
  @Mutation(() => CommunityPayload, { description: 'The owner removes one product allowance.' })
  removeCommunityProductAllowance(
    @Arg('ownerId', () => ID) ownerId: string,
    @Arg('relationshipId', () => ID) relationshipId: string,
    @Arg('allowanceId', () => ID) allowanceId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunityPayload> {
    return asPayload(async () => {
      assertOwnContact(ctx.principal, ownerId);
      return payloadOf(await this.commands.removeAllowance(this.meta(ctx), ownerId, relationshipId, allowanceId));
    }, empty);
  }
}
