import type { DataSource } from 'typeorm';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult } from '@crm/event-bus/kit';
import { COMMUNITY_RELATIONSHIP_AGGREGATE } from '@crm/event-bus/contracts/contacts/community';
import { AppError } from '@crm/platform/errors';
import { canonicalId, newId } from '@crm/platform/ids';
import { communityRelationOf } from '@crm/contacts-model';
import { contextOf, generateCode, generateReferralCode, type CommandMeta, type ContactCommands } from '../application/contact-commands';
import { createContact } from '../domain/create-contact';
import { evolveRelationship, relationshipNotFound, type RelationshipChange, type RelationshipState } from './relationship';
import { invitePerson } from './invite-person';
import { respondToInvitation } from './respond-to-invitation';
import { updatePerson } from './update-person';
import { leaveCommunity, removePerson } from './remove-person';
import { addProductsAllowance, removeProductAllowance, updateProductAllowance } from './products-allowance';
import type { AllowanceInput, SettingsInput } from './settings';
import {
  acceptedRelationship,
  findInvitee,
  isLiveContact,
  liveMemberIds,
  relationshipIdsInGroup,
  relationshipStore,
  relationshipVersionConflict,
} from './store';

export const relationshipAggregate: AggregateDefinition<RelationshipState, RelationshipChange> = {
  type: COMMUNITY_RELATIONSHIP_AGGREGATE,
  evolve: evolveRelationship,
  store: relationshipStore,
  versionConflict: relationshipVersionConflict,
};

export interface InviteInput {
  email: string | null;
  phoneNumber: string | null;
  countryCode: string | null;
  relationId: string | null;
  group: string | null;
  settings: SettingsInput;
  /** When nobody has the email or phone: the person to create as a contact (CRM.COM `contact`). */
  newContact?: { firstName: string; lastName: string } | null;
}

const contactNotFound = (id: string) => new AppError('NOT_FOUND', `contact ${id} was not found`, { reason: 'CONTACT_NOT_FOUND' });

/** A relation id named by a command, resolved to the organisation's relation (400 when unknown). */
function relationOf(id: string | null | undefined): { id: string; name: string } | null | undefined {
  if (id === undefined) return undefined;
  if (id === null) return null;
  const relation = communityRelationOf(id);
  if (!relation) throw AppError.validation('relation_id', 'no such community relation', 'INVALID_VALUE');
  return relation;
}

/**
 * Community commands on the platform's command handler: each relationship (owner → member) is
 * one aggregate; who may act (owner or member) is decided by the deciders on its state.
 */
export class CommunityCommands {
  private readonly handler: CommandHandler<RelationshipState, RelationshipChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    onCommitted: () => void,
    /** Creates the invitee when nobody has its email or phone and the invitation names one (null: never). */
    private readonly contacts: ContactCommands | null = null,
  ) {
    this.handler = new CommandHandler(dataSource, registry, relationshipAggregate, onCommitted);
  }

  private async liveContact(tenantId: string, ref: string): Promise<string> {
    const id = canonicalId(ref);
    if (!id || !(await isLiveContact(this.dataSource, tenantId, id))) throw contactNotFound(ref);
    return id;
  }

  private change(
    meta: CommandMeta,
    ref: string,
    decide: (s: RelationshipState | null) => RelationshipChange[],
  ): Promise<CommandResult<RelationshipState>> {
    if (!canonicalId(ref)) return Promise.reject(relationshipNotFound(ref));
    return this.handler.run(contextOf(meta), { create: false, ref }, (s) => decide(s));
  }

  /** The owner invites a contact of the tenant, found by email or phone. */
  async invite(meta: CommandMeta, ownerRef: string, input: InviteInput): Promise<CommandResult<RelationshipState>> {
    const tenantId = meta.principal.tenantId;
    const ownerId = await this.liveContact(tenantId, ownerRef);
    if (!input.email && !input.phoneNumber) throw AppError.validation('phone', 'give the phone (or email) of the contact to invite', 'REQUIRED');
    const relation = relationOf(input.relationId) ?? null;
    let memberId = await findInvitee(this.dataSource, tenantId, input);
    if (!memberId && input.newContact && this.contacts) memberId = await this.createInvitee(meta, input, input.newContact);
    const existingMemberIds = await liveMemberIds(this.dataSource, tenantId, ownerId);
    const idempotency = meta.idempotencyKey ? { scope: 'contacts.community.invite', key: meta.idempotencyKey, request: { ownerId, input } } : null;
    return this.handler.run(
      contextOf(meta),
      { create: true, id: null },
      (s) => invitePerson(s, { ownerId, memberId, relation, group: input.group, settings: input.settings, existingMemberIds }),
      idempotency,
    );
  }

  /** Creates the invitee as a PERSON contact with the invitation's email and phone (a mobile, primary). */
  private async createInvitee(meta: CommandMeta, input: InviteInput, person: { firstName: string; lastName: string }): Promise<string> {
    if (input.phoneNumber && !input.countryCode) throw AppError.validation('phone.country_code', 'is required to create the contact', 'REQUIRED');
    const command = {
      type: 'PERSON' as const,
      firstName: person.firstName,
      lastName: person.lastName,
      email: input.email,
      phones: input.phoneNumber ? [{ type: 'MOBILE', countryCode: input.countryCode!, number: input.phoneNumber, isPrimary: true }] : [],
    };
    const created = await this.contacts!.create(
      { ...meta, idempotencyKey: meta.idempotencyKey ? `community-invitee:${meta.idempotencyKey}` : null },
      (state, now) => createContact(state, command, { now, newId, generatedCode: generateCode(), referralCode: generateReferralCode() }),
      command,
    );
    return created.state.id;
  }

  respond(meta: CommandMeta, memberRef: string, ref: string, action: 'ACCEPT' | 'REJECT'): Promise<CommandResult<RelationshipState>> {
    const memberId = canonicalId(memberRef) ?? '';
    return this.change(meta, ref, (s) => respondToInvitation(s, { memberId, action }, ref));
  }

  update(
    meta: CommandMeta,
    ownerRef: string,
    ref: string,
    input: { relationId?: string | null; group?: string | null; settings: SettingsInput },
  ): Promise<CommandResult<RelationshipState>> {
    const ownerId = canonicalId(ownerRef) ?? '';
    const relation = relationOf(input.relationId);
    return this.change(meta, ref, (s) => updatePerson(s, { ownerId, relation, group: input.group, settings: input.settings }, ref));
  }

  remove(meta: CommandMeta, ownerRef: string, ref: string): Promise<CommandResult<RelationshipState>> {
    const ownerId = canonicalId(ownerRef) ?? '';
    return this.change(meta, ref, (s) => removePerson(s, { ownerId }, ref));
  }

  /** The member leaves the owner's community (404 when not a member of it). */
  async leave(meta: CommandMeta, memberRef: string, ownerRef: string): Promise<CommandResult<RelationshipState>> {
    const memberId = canonicalId(memberRef);
    const ownerId = canonicalId(ownerRef);
    const current = memberId && ownerId ? await acceptedRelationship(this.dataSource, meta.principal.tenantId, ownerId, memberId) : null;
    if (!current || !memberId || !ownerId)
      throw new AppError('NOT_FOUND', `community ${ownerRef} was not found`, { reason: 'COMMUNITY_RELATIONSHIP_NOT_FOUND' });
    return this.change(meta, current.id, (s) => leaveCommunity(s, { memberId, ownerId }, current.id));
  }

  /** Renames one of the owner's groups on every live relationship in it (404 when the group has none). */
  async renameGroup(meta: CommandMeta, ownerRef: string, from: string, to: string): Promise<CommandResult<RelationshipState>[]> {
    const ownerId = canonicalId(ownerRef);
    const ids = ownerId ? await relationshipIdsInGroup(this.dataSource, meta.principal.tenantId, ownerId, from) : [];
    if (ids.length === 0) throw new AppError('NOT_FOUND', `group ${from} was not found`, { reason: 'COMMUNITY_GROUP_NOT_FOUND' });
    const results: CommandResult<RelationshipState>[] = [];
    for (const id of ids) results.push(await this.change(meta, id, (s) => updatePerson(s, { ownerId: ownerId!, group: to, settings: {} }, id)));
    return results;
  }

  async addAllowances(
    meta: CommandMeta,
    ownerRef: string,
    ref: string,
    inputs: AllowanceInput[],
  ): Promise<{ result: CommandResult<RelationshipState>; ids: string[] }> {
    const ownerId = canonicalId(ownerRef) ?? '';
    const items = inputs.map((input) => ({ id: newId(), input }));
    const result = await this.change(meta, ref, (s) => addProductsAllowance(s, { ownerId, items }, ref));
    return { result, ids: items.map((i) => i.id) };
  }

  updateAllowance(
    meta: CommandMeta,
    ownerRef: string,
    ref: string,
    allowanceRef: string,
    input: AllowanceInput,
  ): Promise<CommandResult<RelationshipState>> {
    const ownerId = canonicalId(ownerRef) ?? '';
    const allowanceId = canonicalId(allowanceRef) ?? allowanceRef;
    return this.change(meta, ref, (s) => updateProductAllowance(s, { ownerId, allowanceId, input }, ref));
  }

  removeAllowance(meta: CommandMeta, ownerRef: string, ref: string, allowanceRef: string): Promise<CommandResult<RelationshipState>> {
    const ownerId = canonicalId(ownerRef) ?? '';
    const allowanceId = canonicalId(allowanceRef) ?? allowanceRef;
    return this.change(meta, ref, (s) => removeProductAllowance(s, { ownerId, allowanceId }, ref));
  }
}
