import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deciderSpecification } from '@crm/platform/testing';
import {
  createApprovalRequest,
  decideApprovalRequest,
  evolveApprovalRequest,
  type ApprovalRequestChange,
  type ApprovalRequestState,
  type CreateApprovalRequest,
  type DecideApprovalRequest,
} from './approval-request';
import { signApprovalLink, verifyApprovalLink } from './approval-link';
import { CONTACT_ID, at, validateAgainstContract } from './decider-test-kit';

const spec = <C>(decide: (s: ApprovalRequestState | null, c: C) => ApprovalRequestChange[]) =>
  deciderSpecification<ApprovalRequestState, ApprovalRequestChange, C>({
    decide,
    evolve: evolveApprovalRequest,
    at,
    validate: validateAgainstContract('approval_request'),
  });
const OTHER = '00000000-0000-4000-8000-000000000302';
const created: ApprovalRequestChange = {
  type: 'approval_request.created',
  data: {
    approverContactId: CONTACT_ID,
    entityType: 'ORDERS',
    entityId: 'order-1',
    reference: 'CO1234',
    requestedBy: { kind: 'service', id: 'orders' },
    expiresAt: '2024-05-02T10:00:00.000Z',
  },
};

describe('createApprovalRequest', () => {
  const { given } = spec<CreateApprovalRequest>(createApprovalRequest);
  const cmd = (over: Partial<CreateApprovalRequest> = {}): CreateApprovalRequest => ({
    approverContactId: CONTACT_ID,
    entityType: 'ORDERS',
    entityId: ' order-1 ',
    reference: 'CO1234',
    requestedBy: { kind: 'service', id: 'orders' },
    expiresInSeconds: 86400,
    now: at,
    ...over,
  });
  it('creates a pending request expiring after the given time', () => {
    const state = given().when(cmd()).then([created]);
    assert.equal(state.state, 'PENDING');
  });
  it('refuses a bad expiry or entity, naming the field; a second create of the same id', () => {
    given()
      .when(cmd({ expiresInSeconds: 0 }))
      .thenFails(/expires_in/);
    given()
      .when(cmd({ entityId: ' ' }))
      .thenFails(/entity\.id/);
    given(created)
      .when(cmd())
      .thenFails(/exists/);
  });
});

describe('decideApprovalRequest', () => {
  const { given } = spec<DecideApprovalRequest>(decideApprovalRequest);
  const decide = (over: Partial<DecideApprovalRequest> = {}): DecideApprovalRequest => ({
    decision: 'APPROVED',
    comments: ' ok ',
    via: 'LINK',
    contactId: CONTACT_ID,
    now: at,
    ...over,
  });
  it('the approver decides once: approved, with the comment', () => {
    const state = given(created)
      .when(decide())
      .then([{ type: 'approval_request.decided', data: { state: 'APPROVED', comments: 'ok', via: 'LINK' } }]);
    assert.deepEqual([state.state, state.comments], ['APPROVED', 'ok']);
  });
  it('a second decision, whichever, is refused; so is one after the expiry, and another contact’s (not found)', () => {
    const decided: ApprovalRequestChange = { type: 'approval_request.decided', data: { state: 'REJECTED', comments: null, via: 'ACTION' } };
    given(created, decided)
      .when(decide())
      .thenFails(/already rejected/);
    given(created, decided)
      .when(decide({ decision: 'REJECTED' }))
      .thenFails(/already rejected/);
    given(created)
      .when(decide({ now: new Date('2024-05-02T10:00:00.000Z') }))
      .thenFails(/expired/);
    given(created)
      .when(decide({ contactId: OTHER }))
      .thenFails(/not found/);
    given()
      .when(decide())
      .thenFails(/not found/);
  });
});

describe('approval links', () => {
  const key = Buffer.alloc(32, 7);
  const link = {
    tenantId: 't1',
    requestId: '01a25292-6be6-7242-a6cd-8bf5af198b4b',
    action: 'ACCEPT' as const,
    expiresAt: Math.floor(at.getTime() / 1000) + 60,
  };
  it('a signed link verifies, for its tenant, until it expires; it is short enough for a path segment', () => {
    const token = signApprovalLink(link, key);
    assert.ok(token.length <= 100, token);
    assert.deepEqual(verifyApprovalLink(token, 't1', key, at), { ok: true, link });
    assert.deepEqual(verifyApprovalLink(token, 't1', key, new Date(at.getTime() + 60_000)), { ok: false, reason: 'EXPIRED' });
  });
  it('a forged, altered, another tenant’s or foreign-key link is refused', () => {
    const token = signApprovalLink(link, key);
    const [payload, sig] = token.split('.');
    const altered = `${payload!.slice(0, 32)}R${payload!.slice(33)}.${sig}`;
    const later = `${payload!.slice(0, 33)}zzzzzz.${sig}`;
    for (const bad of [altered, later, `${payload}.${sig!.slice(0, -2)}AA`, signApprovalLink(link, Buffer.alloc(32, 8)), 'x', `${token}.x`, ''])
      assert.deepEqual(verifyApprovalLink(bad, 't1', key, at), { ok: false, reason: 'FORGED' }, bad);
    assert.deepEqual(verifyApprovalLink(token, 't2', key, at), { ok: false, reason: 'FORGED' });
  });
});
