import 'reflect-metadata';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registry } from '@crm/event-bus/contracts';
import { deciderSpecification } from '@crm/platform/testing';
import { COMMUNITY_RELATIONSHIP_AGGREGATE, type CommunityChange } from '@crm/event-bus/contracts/contacts/community';
import { evolveRelationship, type RelationshipState } from './relationship';
import { invitePerson, type InvitePerson } from './invite-person';
import { respondToInvitation, type RespondToInvitation } from './respond-to-invitation';
import { updatePerson, type UpdatePerson } from './update-person';
import { leaveCommunity, removePerson } from './remove-person';
import { addProductsAllowance, removeProductAllowance, updateProductAllowance } from './products-allowance';

const at = new Date('2026-05-01T10:00:00.000Z');
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const OWNER = uuid(1);
const MEMBER = uuid(2);
const STRANGER = uuid(3);
const RID = uuid(10);
const FAMILY = { id: 'c0a1e1a7-0000-4000-8000-000000000001', name: 'Family' };

const validate = (change: { type: string; data: unknown }, version: number) =>
  registry.validate({
    id: uuid(900),
    type: change.type,
    schemaVersion: 1,
    tenantId: 't1',
    aggregateType: COMMUNITY_RELATIONSHIP_AGGREGATE,
    aggregateId: RID,
    aggregateVersion: version,
    occurredAt: at.toISOString(),
    correlationId: 'corr-1',
    causationId: null,
    actor: { kind: 'contact', id: OWNER },
    data: change.data,
  });

const spec = <C>(decide: (s: RelationshipState | null, c: C) => CommunityChange[]) =>
  deciderSpecification<RelationshipState, CommunityChange, C>({ decide, evolve: evolveRelationship, at, validate });

const SETTINGS = {
  isAdmin: false,
  permissions: ['ORDERS_MANAGEMENT' as const],
  devices: [],
  walletSharing: { isEnabled: true, commercePools: [], method: 'AUTO' as const, maxAmount: '50' },
  usageAllowance: null,
  termedTransfer: null,
};
const invited: CommunityChange = {
  type: 'community.person_invited',
  data: { ownerId: OWNER, memberId: MEMBER, relation: FAMILY, group: 'Home', settings: SETTINGS },
};
const accepted: CommunityChange = { type: 'community.person_responded', data: { state: 'ACCEPTED' } };

const invite = (over: Partial<InvitePerson> = {}): InvitePerson => ({
  ownerId: OWNER,
  memberId: MEMBER,
  relation: FAMILY,
  group: ' Home ',
  settings: { permissions: ['ORDERS_MANAGEMENT'], walletSharing: { isEnabled: true, method: 'AUTO', maxAmount: '050' } },
  existingMemberIds: [],
  ...over,
});

describe('community invitations (given / when / then)', () => {
  const inviting = spec(invitePerson);
  it('an owner invites a contact: PENDING, with the grants checked and normalised', () => {
    const state = inviting.given().when(invite()).then([invited]);
    assert.equal(state.state, 'PENDING');
    assert.equal(state.settings.walletSharing?.maxAmount, '50');
  });
  it('refuses an invitee nobody has (400 on phone), oneself, and someone already invited or a member (409)', () => {
    inviting
      .given()
      .when(invite({ memberId: null }))
      .thenFails({ reason: 'INVITEE_NOT_FOUND', field: 'phone' });
    inviting
      .given()
      .when(invite({ memberId: OWNER }))
      .thenFails({ reason: 'INVALID_VALUE' });
    inviting
      .given()
      .when(invite({ existingMemberIds: [MEMBER] }))
      .thenFails({ reason: 'ALREADY_COMMUNITY_MEMBER' });
  });
  it('refuses bad grants: an unknown permission, a wallet method, a negative or over-precise amount', () => {
    inviting
      .given()
      .when(invite({ settings: { permissions: ['EVERYTHING'] } }))
      .thenFails({ field: 'permissions' });
    inviting
      .given()
      .when(invite({ settings: { walletSharing: { isEnabled: true, method: 'SOMETIMES' } } }))
      .thenFails({ field: 'wallet_sharing.method' });
    inviting
      .given()
      .when(invite({ settings: { walletSharing: { isEnabled: true, method: 'AUTO', maxAmount: '-1' } } }))
      .thenFails({ field: 'wallet_sharing.max_amount' });
    inviting
      .given()
      .when(invite({ settings: { walletSharing: { isEnabled: true, method: 'AUTO', maxAmount: 1e21 } } }))
      .thenFails({ field: 'wallet_sharing.max_amount' });
  });

  const answering = spec((s, c: RespondToInvitation) => respondToInvitation(s, c, RID));
  it('the invitee accepts once; a second answer is a 409', () => {
    const state = answering.given(invited).when({ memberId: MEMBER, action: 'ACCEPT' }).then([accepted]);
    assert.equal(state.state, 'ACCEPTED');
    answering.given(invited, accepted).when({ memberId: MEMBER, action: 'REJECT' }).thenFails({ reason: 'INVITATION_ANSWERED' });
  });
  it('the invitee may reject; nobody else may answer (404, no existence oracle)', () => {
    answering
      .given(invited)
      .when({ memberId: MEMBER, action: 'REJECT' })
      .then([{ type: 'community.person_responded', data: { state: 'REJECTED' } }]);
    answering.given(invited).when({ memberId: OWNER, action: 'ACCEPT' }).thenFails({ reason: 'COMMUNITY_RELATIONSHIP_NOT_FOUND' });
    answering.given(invited).when({ memberId: STRANGER, action: 'ACCEPT' }).thenFails({ reason: 'COMMUNITY_RELATIONSHIP_NOT_FOUND' });
    answering.given().when({ memberId: MEMBER, action: 'ACCEPT' }).thenFails({ reason: 'COMMUNITY_RELATIONSHIP_NOT_FOUND' });
  });
});

describe('community people: changes, removal, leaving (given / when / then)', () => {
  const updating = spec((s, c: UpdatePerson) => updatePerson(s, c, RID));
  it('the owner changes grants; fields left out keep their value; the same values again change nothing', () => {
    updating
      .given(invited, accepted)
      .when({ ownerId: OWNER, settings: { permissions: ['FULL_ACCESS'] } })
      .then([
        { type: 'community.person_updated', data: { relation: FAMILY, group: 'Home', settings: { ...SETTINGS, permissions: ['FULL_ACCESS'] } } },
      ]);
    assert.deepEqual(updating.given(invited).when({ ownerId: OWNER, group: 'Home', settings: {} }).events(), []);
  });
  it('only the owner changes a person', () => {
    updating
      .given(invited)
      .when({ ownerId: MEMBER, settings: { isAdmin: true } })
      .thenFails({ reason: 'COMMUNITY_RELATIONSHIP_NOT_FOUND' });
  });
  it('the owner removes a person; a removed relationship is gone for every later command', () => {
    const removed: CommunityChange = { type: 'community.person_removed', data: { by: 'OWNER' } };
    spec((s, c: { ownerId: string }) => removePerson(s, c, RID))
      .given(invited)
      .when({ ownerId: OWNER })
      .then([removed]);
    spec((s, c: { ownerId: string }) => removePerson(s, c, RID))
      .given(invited, removed)
      .when({ ownerId: OWNER })
      .thenFails({ reason: 'COMMUNITY_RELATIONSHIP_NOT_FOUND' });
    updating.given(invited, removed).when({ ownerId: OWNER, settings: {} }).thenFails({ reason: 'COMMUNITY_RELATIONSHIP_NOT_FOUND' });
  });
  it('a member leaves; an unanswered invitation is no membership to leave', () => {
    const leaving = spec((s, c: { memberId: string; ownerId: string }) => leaveCommunity(s, c, RID));
    leaving
      .given(invited, accepted)
      .when({ memberId: MEMBER, ownerId: OWNER })
      .then([{ type: 'community.person_removed', data: { by: 'MEMBER' } }]);
    leaving.given(invited).when({ memberId: MEMBER, ownerId: OWNER }).thenFails({ reason: 'COMMUNITY_RELATIONSHIP_NOT_FOUND' });
    leaving.given(invited, accepted).when({ memberId: STRANGER, ownerId: OWNER }).thenFails({ reason: 'COMMUNITY_RELATIONSHIP_NOT_FOUND' });
  });
});

describe('product allowances (given / when / then)', () => {
  const A1 = uuid(51);
  const A2 = uuid(52);
  const coffee = {
    id: A1,
    groupId: null,
    itemType: 'PRODUCT' as const,
    itemId: 'coffee',
    cashLimits: { perTransaction: '5', perDay: null, perBillingCycle: '100' },
    usageLimits: null,
  };
  const withCoffee: CommunityChange = { type: 'community.products_allowance_set', data: { productsAllowance: [coffee] } };

  it('adds allowances; an item twice is a 409; an allowance without limits a 400', () => {
    const adding = spec((s, c: { ownerId: string; items: { id: string; input: object }[] }) => addProductsAllowance(s, c, RID));
    adding
      .given(invited, accepted)
      .when({
        ownerId: OWNER,
        items: [{ id: A1, input: { itemType: 'PRODUCT', itemId: 'coffee', cashLimits: { perTransaction: 5, perBillingCycle: '100' } } }],
      })
      .then([withCoffee]);
    adding
      .given(invited, accepted, withCoffee)
      .when({ ownerId: OWNER, items: [{ id: A2, input: { itemType: 'PRODUCT', itemId: 'coffee', cashLimits: { perDay: 1 } } }] })
      .thenFails({ reason: 'DUPLICATE_ALLOWANCE' });
    adding
      .given(invited)
      .when({ ownerId: OWNER, items: [{ id: A2, input: { itemType: 'TYPE', itemId: 'drinks' } }] })
      .thenFails({ field: 'products_allowance[0].cash_limits' });
    adding
      .given(invited)
      .when({ ownerId: OWNER, items: [{ id: A2, input: { itemType: 'BRAND', itemId: 'x', cashLimits: { perDay: 1 } } }] })
      .thenFails({ field: 'products_allowance[0].item_type' });
  });
  it('changes one allowance (fields left out kept) and removes one; an unknown allowance is a 404', () => {
    spec((s, c: { ownerId: string; allowanceId: string; input: object }) => updateProductAllowance(s, c, RID))
      .given(invited, withCoffee)
      .when({ ownerId: OWNER, allowanceId: A1, input: { usageLimits: { perDay: 3 } } })
      .then([
        {
          type: 'community.products_allowance_set',
          data: { productsAllowance: [{ ...coffee, usageLimits: { perTransaction: null, perDay: '3', perBillingCycle: null } }] },
        },
      ]);
    spec((s, c: { ownerId: string; allowanceId: string }) => removeProductAllowance(s, c, RID))
      .given(invited, withCoffee)
      .when({ ownerId: OWNER, allowanceId: A1 })
      .then([{ type: 'community.products_allowance_set', data: { productsAllowance: [] } }]);
    spec((s, c: { ownerId: string; allowanceId: string }) => removeProductAllowance(s, c, RID))
      .given(invited, withCoffee)
      .when({ ownerId: OWNER, allowanceId: A2 })
      .thenFails({ reason: 'PRODUCT_ALLOWANCE_NOT_FOUND' });
  });
});
