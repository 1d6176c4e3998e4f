import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { projectGiving, type DonationDoc, type GivingView, type OptInDoc, type ReferralDoc } from './projection';

const ev = (type: string, data: unknown, version: number, aggregateId = '00000000-0000-4000-8000-000000000001') =>
  ({ type, data, aggregateId, aggregateVersion: version, occurredAt: `2026-01-0${version}T10:00:00.000Z` }) as Parameters<typeof projectGiving>[1];
const fold = (events: Parameters<typeof projectGiving>[1][]) => events.reduce<GivingView | null>((v, e) => projectGiving(v, e), null)!;

describe('giving views projection', () => {
  it('a referral is the referrer’s, its award pending until posted', () => {
    const award = { key: 'k1', offerId: 'o1', schemeId: 's', amount: '5.00', currency: 'EUR', commercePoolId: null, expiresAt: null };
    const recorded = ev('referral.recorded', { referrerId: 'A', referredId: 'B', code: 'CODE', awards: [award] }, 1);
    assert.equal(fold([recorded]).contactId, 'A');
    assert.deepEqual((fold([recorded]).data as ReferralDoc).awards[0]!.outcome, null);
    const posted = fold([recorded, ev('referral.award_completed', { key: 'k1', outcome: 'POSTED', transactionId: 'tx' }, 2)]);
    assert.deepEqual([(posted.data as ReferralDoc).awards[0]!.outcome, (posted.data as ReferralDoc).awards[0]!.transactionId], ['POSTED', 'tx']);
  });

  it('invitations keep how many went out, never the addresses', () => {
    const v = fold([
      ev(
        'referral.invitations_sent',
        {
          contactId: 'A',
          action: 'SEND',
          recipients: [
            { channel: 'EMAIL', address: 'ann@example.com' },
            { channel: 'SMS', address: '+35799123456' },
          ],
        },
        1,
      ),
    ]);
    assert.deepEqual(v.data, { action: 'SEND', emails: 1, phones: 1 });
    assert.equal(JSON.stringify(v).includes('ann@example.com'), false);
  });

  it('an opt-in: ACTIVE, new terms, opted out (INACTIVE, with the date)', () => {
    const v = fold([
      ev(
        'donation.opted_in',
        { contactId: 'C', offerId: 'o', organisationId: 'org', optedInAt: '2026-01-01T10:00:00.000Z', multiplier: 1, amount: null },
        1,
      ),
      ev('donation.terms_changed', { multiplier: 3, amount: null }, 2),
      ev('donation.opted_out', { optedOutAt: '2026-01-03T10:00:00.000Z' }, 3),
    ]);
    assert.equal(v.lifeCycle, 'INACTIVE');
    assert.deepEqual([(v.data as OptInDoc).multiplier, (v.data as OptInDoc).optedOutAt], [3, '2026-01-03T10:00:00.000Z']);
  });

  it('a donation is PENDING until the ledger posts or declines it', () => {
    const made = ev(
      'donation.made',
      {
        contactId: 'C',
        optInId: 'i',
        offerId: 'o',
        offerName: 'Reef',
        organisation: { id: 'org', name: 'Reef Trust' },
        amount: '0.70',
        currency: 'EUR',
        purchaseId: 'p',
        period: null,
      },
      1,
    );
    assert.equal(fold([made]).lifeCycle, 'PENDING');
    const declined = fold([made, ev('donation.completed', { outcome: 'DECLINED', transactionId: null, reason: 'INSUFFICIENT_FUNDS' }, 2)]);
    assert.deepEqual([declined.lifeCycle, (declined.data as DonationDoc).reason], ['DECLINED', 'INSUFFICIENT_FUNDS']);
  });
});
