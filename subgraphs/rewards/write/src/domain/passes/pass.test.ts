import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PASS_AGGREGATE } from '@crm/event-bus/contracts/rewards';
import { deciderSpecification } from '@crm/platform/testing';
import {
  evolvePass,
  passCodeHash,
  passPinHash,
  recordPassCredit,
  redeemKey,
  redeemPass,
  setPassState,
  type PassChange,
  type PassState,
} from './pass';
import { validateChange } from '../../testing/fixtures';

const at = new Date('2026-01-01T10:00:00.000Z');
// the spec's aggregate id (fixtures.validateChange): PINs are salted with it
const ID = '';
const spec = <C>(decide: (s: PassState | null, c: C) => PassChange[]) =>
  deciderSpecification<PassState, PassChange, C>({ decide, evolve: evolvePass, at, validate: validateChange(PASS_AGGREGATE, at) });

const issued = (over: Partial<Extract<PassChange, { type: 'pass.issued' }>['data']> = {}): PassChange => ({
  type: 'pass.issued',
  data: {
    planId: '00000000-0000-4000-8000-00000000c001',
    batchId: '00000000-0000-4000-8000-00000000c002',
    classification: 'GIFT',
    value: '25.00',
    currency: 'EUR',
    codeHash: passCodeHash('t1', 'XM1234567890'),
    codeHint: '7890',
    pinHash: passPinHash(ID, '0420'),
    viewTokenHash: null,
    expiresAt: '2026-06-01T00:00:00.000Z',
    creditPocket: 'OPEN',
    commercePoolId: null,
    recipient: null,
    giftSender: null,
    ...over,
  },
});
const CONTACT = '00000000-0000-4000-8000-00000000d001';
const redeemed: PassChange = {
  type: 'pass.redeemed',
  data: { contactId: CONTACT, organisationId: null, value: '25.00', currency: 'EUR', ledgerKey: redeemKey(ID), redeemedAt: at.toISOString() },
};

describe('redeemPass', () => {
  const { given } = spec((s: PassState | null, c: { pin: string | null; now?: Date }) =>
    redeemPass(s, { contactId: CONTACT, pin: c.pin, organisationId: null }, c.now ?? at),
  );
  it('redeems an active pass with its PIN: the whole value, with the pass’s own ledger key', () => {
    given(issued()).when({ pin: '0420' }).then([redeemed]);
  });
  it('refuses a second redeem (what a concurrent one re-decides on), moving nothing', () => {
    given(issued(), redeemed).when({ pin: '0420' }).thenFails({ reason: 'PASS_ALREADY_REDEEMED', field: 'code' });
  });
  it('refuses a missing or wrong PIN', () => {
    given(issued()).when({ pin: null }).thenFails({ reason: 'PASS_PIN_INVALID', field: 'pin' });
    given(issued()).when({ pin: '0421' }).thenFails({ reason: 'PASS_PIN_INVALID', field: 'pin' });
  });
  it('needs no PIN when the pass has none', () => {
    given(issued({ pinHash: null }))
      .when({ pin: null })
      .then([redeemed]);
  });
  it('refuses an expired or cancelled pass, and an unknown one', () => {
    given(issued())
      .when({ pin: '0420', now: new Date('2026-06-01T00:00:00.000Z') })
      .thenFails({ reason: 'PASS_EXPIRED' });
    given(issued(), { type: 'pass.state_changed', data: { state: 'CANCELLED' } })
      .when({ pin: '0420' })
      .thenFails({ reason: 'PASS_CANCELLED' });
    given().when({ pin: null }).thenFails({ reason: 'PASS_NOT_FOUND' });
  });
});

describe('recordPassCredit and setPassState', () => {
  it('records the ledger transaction once', () => {
    const { given } = spec((s: PassState | null, tx: string) => recordPassCredit(s, tx));
    given(issued(), redeemed)
      .when('tx-1')
      .then([{ type: 'pass.credit_posted', data: { transactionId: 'tx-1' } }]);
    given(issued(), redeemed, { type: 'pass.credit_posted', data: { transactionId: 'tx-1' } })
      .when('tx-1')
      .then([]);
    given(issued()).when('tx-1').thenFails({ reason: 'PASS_NOT_REDEEMED' });
  });
  it('cancels an unredeemed pass; a redeemed one stays redeemed', () => {
    const { given } = spec(setPassState);
    given(issued())
      .when('CANCELLED')
      .then([{ type: 'pass.state_changed', data: { state: 'CANCELLED' } }]);
    given(issued()).when('ACTIVE').then([]);
    given(issued(), redeemed).when('CANCELLED').thenFails({ reason: 'PASS_ALREADY_REDEEMED' });
  });
  it('codes compare upper-case without spaces or dashes, per tenant', () => {
    assert.equal(passCodeHash('t1', 'xm12-3456 7890'), passCodeHash('t1', 'XM1234567890'));
    assert.notEqual(passCodeHash('t2', 'XM1234567890'), passCodeHash('t1', 'XM1234567890'));
  });
});
