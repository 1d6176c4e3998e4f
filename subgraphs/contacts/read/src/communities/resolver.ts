import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import { Authorized, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import { COMMUNITY_RELATIONS } from '@crm/contacts-model';
import type { RelationshipView } from './projection';
import type { CommunityContactView, CommunityQueries } from './queries';

@ObjectType()
export class CommunityRelation {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() isDefault: boolean;
}

@ObjectType({ description: 'Limits as decimal strings; null: no limit.' })
export class CommunityLimits {
  @Field(() => String, { nullable: true }) perTransaction: string | null;
  @Field(() => String, { nullable: true }) perDay: string | null;
  @Field(() => String, { nullable: true }) perBillingCycle: string | null;
}

@ObjectType()
export class CommunityWalletSharing {
  @Field() isEnabled: boolean;
  @Field(() => [String]) commercePools: string[];
  @Field() method: string;
  @Field(() => String, { nullable: true }) maxAmount: string | null;
}

@ObjectType()
export class CommunityUsageAllowance {
  @Field(() => CommunityLimits, { nullable: true }) cashLimits: CommunityLimits | null;
  @Field() sameAsOwner: boolean;
  @Field(() => [String]) organisations: string[];
}

@ObjectType()
export class CommunityTermedTransfer {
  @Field() active: boolean;
  @Field(() => String, { nullable: true }) amount: string | null;
  @Field(() => String, { nullable: true }) currency: string | null;
  @Field(() => String, { nullable: true }) commercePoolId: string | null;
  @Field(() => String, { nullable: true }) frequency: string | null;
  @Field(() => String, { nullable: true }) dayOfWeek: string | null;
  @Field(() => Int, { nullable: true }) dayOfMonth: number | null;
}

@ObjectType()
export class CommunityProductAllowance {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) groupId: string | null;
  @Field() itemType: string;
  @Field() itemId: string;
  @Field(() => CommunityLimits, { nullable: true }) cashLimits: CommunityLimits | null;
  @Field(() => CommunityLimits, { nullable: true }) usageLimits: CommunityLimits | null;
}

@ObjectType({ description: 'A contact as community lists show it.' })
export class CommunityContact {
  @Field(() => ID) id: string;
  @Field() type: string;
  @Field(() => String, { nullable: true }) firstName: string | null;
  @Field(() => String, { nullable: true }) lastName: string | null;
  @Field(() => String, { nullable: true }) companyName: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => String, { nullable: true }) phoneCountryCode: string | null;
  @Field(() => String, { nullable: true }) phoneNumber: string | null;
}

@ObjectType({ description: 'An owner’s relationship with a person of its community.' })
export class CommunityRelationship {
  @Field(() => ID) id: string;
  @Field(() => ID) ownerId: string;
  @Field(() => ID) memberId: string;
  @Field(() => CommunityContact, { nullable: true }) owner: CommunityContact | null;
  @Field(() => CommunityContact, { nullable: true }) member: CommunityContact | null;
  @Field(() => CommunityRelation, { nullable: true }) relation: { id: string; name: string } | null;
  @Field(() => String, { nullable: true }) group: string | null;
  @Field() isAdmin: boolean;
  @Field(() => [String]) permissions: string[];
  @Field(() => [String]) devices: string[];
  @Field(() => CommunityWalletSharing, { nullable: true }) walletSharing: CommunityWalletSharing | null;
  @Field(() => CommunityUsageAllowance, { nullable: true }) usageAllowance: CommunityUsageAllowance | null;
  @Field(() => CommunityTermedTransfer, { nullable: true }) termedTransfer: CommunityTermedTransfer | null;
  @Field(() => [CommunityProductAllowance]) productsAllowance: CommunityProductAllowance[];
  @Field({ description: 'PENDING, ACCEPTED or REJECTED.' }) state: string;
  @Field() createdAt: Date;
}

@ObjectType()
export class CommunityRelationshipPage {
  @Field(() => [CommunityRelationship]) items: CommunityRelationship[];
  @Field(() => Int) total: number;
  @Field() hasMore: boolean;
}

@ObjectType({ description: 'A contact of a community group: a member, or the owner (isOwner).' })
export class CommunityMember {
  @Field(() => ID) id: string;
  @Field(() => ID, { nullable: true }) relationshipId: string | null;
  @Field(() => CommunityContact, { nullable: true }) contact: CommunityContact | null;
  @Field(() => String, { nullable: true }) state: string | null;
  @Field() isOwner: boolean;
}

@ObjectType()
export class CommunityMemberPage {
  @Field(() => [CommunityMember]) items: CommunityMember[];
  @Field(() => Int) total: number;
  @Field() hasMore: boolean;
}

@ObjectType({ description: 'A device an owner shares with a member of its community.' })
export class CommunitySharedDevice {
  @Field(() => ID) deviceId: string;
  @Field(() => CommunityContact, { nullable: true }) owner: CommunityContact | null;
}

@ObjectType()
export class CommunitySharedDevicePage {
  @Field(() => [CommunitySharedDevice]) items: CommunitySharedDevice[];
  @Field(() => Int) total: number;
  @Field() hasMore: boolean;
}

const NO_RECORD = '00000000-0000-0000-0000-000000000000';
const idOf = (raw: string): string => canonicalId(raw) ?? NO_RECORD;
/** The largest community a members list or device list gathers in one go. */
const MAX_GATHER = 1000;

function checkPage(offset: number, limit: number): void {
  if (offset < 0) throw AppError.validation('page', 'must be at least 1', 'INVALID_VALUE');
  if (limit < 1 || limit > 100) throw AppError.validation('size', 'must be 1 to 100', 'INVALID_VALUE');
}

/** A contact principal reads only as itself. */
const isOther = (ctx: SubgraphContext, contactId: string): boolean => ctx.principal.kind === 'contact' && ctx.principal.subjectId !== contactId;

/**
 * Community queries: an owner reads its people and groups, a contact its communities and shared
 * devices; the members of a group are visible to the owner and to the people of that community.
 */
@Resolver()
export class CommunityQueriesResolver {
  constructor(
    private readonly queries: CommunityQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  private async withContacts(tenantId: string, views: RelationshipView[]): Promise<CommunityRelationship[]> {
    const contacts = await this.queries.contacts(
      tenantId,
      views.flatMap((v) => [v.ownerId, v.memberId]),
    );
    return views.map((v) => ({
      id: v.id,
      ownerId: v.ownerId,
      memberId: v.memberId,
      owner: contacts.get(v.ownerId) ?? null,
      member: contacts.get(v.memberId) ?? null,
      relation: v.relation,
      group: v.group,
      ...v.settings,
      productsAllowance: v.productsAllowance,
      state: v.state,
      createdAt: new Date(v.createdAt),
    }));
  }

  @Authorized(['contacts.read', SELF])
  @Query(() => [CommunityRelation], { description: 'The community relations of the organisation (optionally names containing `name`).' })
  communityRelations(@Arg('name', () => String, { nullable: true }) name: string | null): CommunityRelation[] {
    const needle = name?.trim().toLowerCase() ?? '';
    return COMMUNITY_RELATIONS.filter((r) => r.name.toLowerCase().includes(needle)).map((r) => ({ ...r }));
  }

  @Authorized(['contacts.read', SELF])
  @Query(() => CommunityRelationshipPage, {
    nullable: true,
    description: "An owner's people (invited, members, rejected); null when a contact asks for another's.",
  })
  async communityPeople(
    @Arg('ownerId', () => ID) ownerId: string,
    @Arg('group', () => String, { nullable: true }) group: string | null,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('limit', () => Int, { defaultValue: 10 }) limit: number,
    @Arg('ascending', () => Boolean, { defaultValue: false }) ascending: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunityRelationshipPage | null> {
    checkPage(offset, limit);
    const owner = idOf(ownerId);
    if (isOther(ctx, owner)) return null;
    await this.consistency.before(ctx);
    const page = await this.queries.list(ctx.principal.tenantId, { ownerId: owner, group }, { offset, limit, ascending });
    return {
      items: await this.withContacts(ctx.principal.tenantId, page.items),
      total: page.total,
      hasMore: offset + page.items.length < page.total,
    };
  }

  @Authorized(['contacts.read', SELF])
  @Query(() => CommunityRelationship, { nullable: true, description: "One of an owner's people; null when none (or not the caller's)." })
  async communityPerson(
    @Arg('ownerId', () => ID) ownerId: string,
    @Arg('relationshipId', () => ID) relationshipId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunityRelationship | null> {
    const owner = idOf(ownerId);
    if (isOther(ctx, owner)) return null;
    await this.consistency.before(ctx);
    const view = await this.queries.get(ctx.principal.tenantId, idOf(relationshipId));
    if (!view || view.ownerId !== owner || view.state === 'REMOVED') return null;
    return (await this.withContacts(ctx.principal.tenantId, [view]))[0]!;
  }

  @Authorized(['contacts.read', SELF])
  @Query(() => CommunityRelationshipPage, {
    nullable: true,
    description: 'The communities a contact is in or invited to; null when a contact asks for another’s.',
  })
  async contactCommunities(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('limit', () => Int, { defaultValue: 10 }) limit: number,
    @Arg('ascending', () => Boolean, { defaultValue: false }) ascending: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunityRelationshipPage | null> {
    checkPage(offset, limit);
    const member = idOf(contactId);
    if (isOther(ctx, member)) return null;
    await this.consistency.before(ctx);
    const page = await this.queries.list(ctx.principal.tenantId, { memberId: member, states: ['PENDING', 'ACCEPTED'] }, { offset, limit, ascending });
    return {
      items: await this.withContacts(ctx.principal.tenantId, page.items),
      total: page.total,
      hasMore: offset + page.items.length < page.total,
    };
  }

  @Authorized(['contacts.read', SELF])
  @Query(() => [String], { nullable: true, description: "The owner's group names; null when a contact asks for another's." })
  async communityGroups(@Arg('ownerId', () => ID) ownerId: string, @Ctx() ctx: SubgraphContext): Promise<string[] | null> {
    const owner = idOf(ownerId);
    if (isOther(ctx, owner)) return null;
    await this.consistency.before(ctx);
    return this.queries.groups(ctx.principal.tenantId, owner);
  }

  @Authorized(['contacts.read', SELF])
  @Query(() => CommunityMemberPage, {
    nullable: true,
    description: 'The owner (first) and the invited or accepted people of one group; null unless the caller is the owner or one of its people.',
  })
  async communityMembers(
    @Arg('ownerId', () => ID) ownerId: string,
    @Arg('group', () => String) group: string,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('limit', () => Int, { defaultValue: 10 }) limit: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunityMemberPage | null> {
    checkPage(offset, limit);
    const tenantId = ctx.principal.tenantId;
    const owner = idOf(ownerId);
    await this.consistency.before(ctx);
    if (isOther(ctx, owner) && !(await this.queries.isInCommunity(tenantId, owner, ctx.principal.subjectId ?? NO_RECORD))) return null;
    const people = await this.queries.list(
      tenantId,
      { ownerId: owner, group, states: ['PENDING', 'ACCEPTED'] },
      { offset: 0, limit: MAX_GATHER, ascending: true },
    );
    const contacts = await this.queries.contacts(tenantId, [owner, ...people.items.map((p) => p.memberId)]);
    if (!contacts.get(owner)) return null;
    const all: CommunityMember[] = [
      { id: owner, relationshipId: null, contact: contacts.get(owner) ?? null, state: null, isOwner: true },
      ...people.items.map((p) => ({
        id: p.memberId,
        relationshipId: p.id,
        contact: contacts.get(p.memberId) ?? null,
        state: p.state,
        isOwner: false,
      })),
    ];
    const items = all.slice(offset, offset + limit);
    return { items, total: all.length, hasMore: offset + items.length < all.length };
  }

  @Authorized(['contacts.read', SELF])
  @Query(() => CommunitySharedDevicePage, {
    nullable: true,
    description: 'Devices the owners of the communities a contact belongs to share with it.',
  })
  async communitySharedDevices(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('limit', () => Int, { defaultValue: 10 }) limit: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunitySharedDevicePage | null> {
    checkPage(offset, limit);
    const member = idOf(contactId);
    if (isOther(ctx, member)) return null;
    await this.consistency.before(ctx);
    const tenantId = ctx.principal.tenantId;
    const memberships = await this.queries.list(
      tenantId,
      { memberId: member, states: ['ACCEPTED'] },
      { offset: 0, limit: MAX_GATHER, ascending: true },
    );
    const owners = await this.queries.contacts(
      tenantId,
      memberships.items.map((m) => m.ownerId),
    );
    const all = memberships.items.flatMap((m) => m.settings.devices.map((deviceId) => ({ deviceId, owner: owners.get(m.ownerId) ?? null })));
    const items = all.slice(offset, offset + limit);
    return { items, total: all.length, hasMore: offset + items.length < all.length };
  }

  @Authorized(['contacts.read', SELF])
  @Query(() => CommunityRelationship, {
    nullable: true,
    description: "The accepted relationship making `memberId` a member of `ownerId`'s community; null when none (a contact asks only as the member).",
  })
  async communityMembership(
    @Arg('ownerId', () => ID) ownerId: string,
    @Arg('memberId', () => ID) memberId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommunityRelationship | null> {
    const member = idOf(memberId);
    if (isOther(ctx, member)) return null;
    await this.consistency.before(ctx);
    const view = await this.queries.isInCommunity(ctx.principal.tenantId, idOf(ownerId), member, ['ACCEPTED']);
    return view ? (await this.withContacts(ctx.principal.tenantId, [view]))[0]! : null;
  }
}

export type { CommunityContactView };
