import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { projectReward, type PurchaseDoc, type RewardView } from './reward-view.projection';

const ev = (type: string, data: unknown, version: number, aggregateId = '00000000-0000-4000-8000-000000000001') =>
  ({ type, data, aggregateId, aggregateVersion: version, occurredAt: `2026-01-0${version}T10:00:00.000Z` }) as Parameters<typeof projectReward>[1];

const fold = (events: Parameters<typeof projectReward>[1][]) => events.reduce<RewardView | null>((v, e) => projectReward(v, e), null)!;

describe('reward views projection', () => {
  it('a membership: pending, verified, signed out — and never the code hash', () => {
    const v = fold([
      ev('reward_membership.signed_up', { schemeId: 's', contactId: 'c', verified: false, emailAddress: 'a@crm.com', codeHash: 'h' }, 1),
      ev('reward_membership.verified', {}, 2),
    ]);
    assert.equal(v.lifeCycle, 'ACTIVE');
    assert.equal(JSON.stringify(v).includes('codeHash'), false);
    assert.equal(
      fold([
        ev('reward_membership.signed_up', { schemeId: 's', contactId: 'c', verified: true, emailAddress: null, codeHash: null }, 1),
        ev('reward_membership.signed_out', {}, 2),
      ]).lifeCycle,
      'INACTIVE',
    );
  });

  it('an offer is INACTIVE until turned on', () => {
    const created = ev('reward_offer.created', { schemeId: 's', name: 'o' }, 1);
    assert.equal(fold([created]).lifeCycle, 'INACTIVE');
    assert.equal(fold([created, ev('reward_offer.state_changed', { state: 'ACTIVE' }, 2)]).lifeCycle, 'ACTIVE');
  });

  it('a purchase: posted, its award step done, returned, then its view keeps every step in order', () => {
    const step = { key: 'k1', kind: 'AWARD', offerId: 'o', amount: '1.00', currency: 'EUR', commercePoolId: null, expiresAt: null, reverses: null };
    const v = fold([
      ev('purchase.posted', { contactId: 'c', purchasedAt: '2026-01-01T09:00:00.000Z', steps: [step] }, 1),
      ev('purchase.step_completed', { key: 'k1', outcome: 'POSTED', transactionId: 't1' }, 2),
      ev('purchase.returned', { number: 1, net: '5.00', steps: [{ ...step, key: 'k2', kind: 'CLAWBACK', amount: '0.50' }] }, 3),
    ]);
    const d = v.data as PurchaseDoc;
    assert.equal(v.contactId, 'c');
    assert.equal(v.occurredAt?.toISOString(), '2026-01-01T09:00:00.000Z');
    assert.deepEqual(
      d.steps.map((s) => [s.key, s.outcome, s.transactionId]),
      [
        ['k1', 'POSTED', 't1'],
        ['k2', null, null],
      ],
    );
    assert.deepEqual(d.returns, [{ number: 1, net: '5.00' }]);
    assert.equal(v.version, 3);
    assert.equal(v.createdAt.toISOString(), '2026-01-01T10:00:00.000Z');
  });
});
