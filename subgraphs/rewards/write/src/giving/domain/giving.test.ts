import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DONATION_OFFER_AGGREGATE,
  DONATION_OPT_IN_AGGREGATE,
  REFERRAL_AGGREGATE,
  REFERRAL_INVITATION_AGGREGATE,
} from '@crm/event-bus/contracts/rewards';
import { validateChange } from '../../testing/fixtures';
import { referralAwards, type ReferOffer, type ReferScheme } from './referral-awards';
import { completeReferralAward, evolveReferral, recordReferral, type ReferralState } from './referral';
import { evolveInvitation, pendingDeliveries, recordDelivery, sendInvitations } from './invitation';
import { createDonationOffer, evolveDonationOffer, type DonationOfferDefinition, type DonationOfferState } from './donation-offer';
import { changeTerms, evolveOptIn, optIn, optOut, type DonationOptInState } from './donation-opt-in';
import { donationAmount, evolveDonation, makeDonation, recordReversal, requestReversal, termedPeriodsDue, completeDonation } from './donation';

const at = new Date('2026-03-10T09:00:00.000Z');
const meta = { version: 1, at };
const S1 = '00000000-0000-4000-8000-0000000000a1';
const S2 = '00000000-0000-4000-8000-0000000000a2';

const offer = (id: string, o: Partial<ReferOffer> = {}): ReferOffer => ({
  id,
  schemeId: S1,
  type: 'REFER',
  state: 'ACTIVE',
  priority: 100,
  currency: 'EUR',
  award: { method: 'FIXED', amount: '5' },
  caps: { perPurchase: null },
  validityDays: null,
  commercePoolId: null,
  ...o,
});
const scheme = (id: string, resolution: ReferScheme['resolution'] = 'ALL', state = 'ACTIVE'): ReferScheme => ({ id, resolution, state });
const awards = (offers: ReferOffer[], schemes: ReferScheme[], memberOf = [S1, S2]) =>
  referralAwards({ referralId: 'r1', offers, schemes, memberOf: new Set(memberOf), at });

describe('referral awards (REFER offers, per-scheme resolution)', () => {
  const table: { name: string; offers: ReferOffer[]; schemes: ReferScheme[]; memberOf?: string[]; expect: [string, string][] }[] = [
    {
      name: 'ALL: every eligible REFER offer',
      offers: [offer('o1'), offer('o2', { award: { method: 'FIXED', amount: '3' } })],
      schemes: [scheme(S1)],
      expect: [
        ['o1', '5.00'],
        ['o2', '3.00'],
      ],
    },
    {
      name: 'BEST: the largest award',
      offers: [offer('o1', { priority: 1 }), offer('o2', { award: { method: 'FIXED', amount: '8' } })],
      schemes: [scheme(S1, 'BEST')],
      expect: [['o2', '8.00']],
    },
    {
      name: 'FIRST: the lowest priority number',
      offers: [offer('o1', { priority: 5 }), offer('o2', { priority: 2 })],
      schemes: [scheme(S1, 'FIRST')],
      expect: [['o2', '5.00']],
    },
    {
      name: 'offers of other types do not award referrals',
      offers: [offer('o1', { type: 'DISCOUNT' }), offer('o2', { type: 'SIGNUP' })],
      schemes: [scheme(S1)],
      expect: [],
    },
    {
      name: 'an INACTIVE offer or scheme awards nothing',
      offers: [offer('o1', { state: 'INACTIVE' }), offer('o2', { schemeId: S2 })],
      schemes: [scheme(S1), scheme(S2, 'ALL', 'INACTIVE')],
      expect: [],
    },
    { name: 'a referrer outside the scheme earns nothing', offers: [offer('o1')], schemes: [scheme(S1)], memberOf: [], expect: [] },
    {
      name: 'the per-event cap limits the award',
      offers: [offer('o1', { caps: { perPurchase: '2.5' } })],
      schemes: [scheme(S1)],
      expect: [['o1', '2.50']],
    },
    {
      name: 'a percentage award has nothing to apply to',
      offers: [offer('o1', { award: { method: 'PERCENT', amount: null } })],
      schemes: [scheme(S1)],
      expect: [],
    },
    {
      name: 'each scheme resolves on its own',
      offers: [offer('o1'), offer('o2', { schemeId: S2, priority: 1 }), offer('o3', { schemeId: S2, priority: 2 })],
      schemes: [scheme(S1), scheme(S2, 'FIRST')],
      expect: [
        ['o1', '5.00'],
        ['o2', '5.00'],
      ],
    },
  ];
  for (const row of table) {
    it(row.name, () => {
      const got = awards(row.offers, row.schemes, row.memberOf);
      assert.deepEqual(
        got.map((a) => [a.offerId, a.amount]),
        row.expect,
      );
    });
  }
  it('keys each award by referral and offer (the ledger idempotency key), with the offer’s validity and pool', () => {
    const [a] = awards([offer('o1', { validityDays: 30, commercePoolId: 'pool-1' })], [scheme(S1)]);
    assert.equal(a!.key, 'referral:r1:award:o1');
    assert.equal(a!.expiresAt, new Date(at.getTime() + 30 * 86_400_000).toISOString());
    assert.equal(a!.commercePoolId, 'pool-1');
  });
});

describe('referral decider', () => {
  const validate = validateChange(REFERRAL_AGGREGATE, at);
  const award = { key: 'referral:r1:award:o1', offerId: 'o1', schemeId: S1, amount: '5.00', currency: 'EUR', commercePoolId: null, expiresAt: null };
  const recorded = (): ReferralState => {
    const [c] = recordReferral(null, { referrerId: 'A', referredId: 'B', code: 'ABCD2345', awards: [award] });
    validate(c!, 1);
    return { ...evolveReferral(null, c!, meta), id: 'r1' };
  };
  it('records the referral with its awards pending', () => {
    assert.deepEqual(
      recorded().awards.map((a) => a.outcome),
      [null],
    );
  });
  it('refuses a contact using its own code, and a second referral of the same contact', () => {
    assert.throws(() => recordReferral(null, { referrerId: 'A', referredId: 'A', code: 'X', awards: [] }), {
      reason: 'SELF_REFERRAL',
      field: 'code',
    });
    assert.throws(() => recordReferral(recorded(), { referrerId: 'C', referredId: 'B', code: 'Y', awards: [] }), { reason: 'ALREADY_REFERRED' });
  });
  it('records an award’s outcome once', () => {
    const s = recorded();
    const done = completeReferralAward(s, { key: award.key, outcome: 'POSTED', transactionId: 'tx1' });
    assert.equal(done.length, 1);
    validate(done[0]!, 2);
    const after = evolveReferral(s, done[0]!, { version: 2, at });
    assert.deepEqual(completeReferralAward(after, { key: award.key, outcome: 'POSTED', transactionId: 'tx2' }), []);
    assert.throws(() => completeReferralAward(s, { key: award.key, outcome: 'POSTED', transactionId: null }), { field: 'transactionId' });
  });
});

describe('referral invitations', () => {
  const validate = validateChange(REFERRAL_INVITATION_AGGREGATE, at);
  it('sends to emails and phone numbers, each once', () => {
    const [c] = sendInvitations(null, { contactId: 'A', action: 'SEND', recipients: ['Ann@Example.com', '+357 99 123456', 'ann@example.com'] });
    validate(c!, 1);
    assert.deepEqual((c!.data as { recipients: unknown }).recipients, [
      { channel: 'EMAIL', address: 'ann@example.com' },
      { channel: 'SMS', address: '+35799123456' },
    ]);
  });
  it('hands each recipient to communications once', () => {
    const [c] = sendInvitations(null, { contactId: 'A', action: 'SEND', recipients: ['ann@example.com', '+35799123456'] });
    const s0 = { ...evolveInvitation(null, c!, meta), id: 'inv-1' };
    assert.deepEqual(pendingDeliveries(s0), [0, 1]);
    const [d] = recordDelivery(s0, { index: 1, outcome: 'SENT', communicationId: 'm1', reason: null });
    validateChange(REFERRAL_INVITATION_AGGREGATE, at)(d!, 2);
    const s1 = evolveInvitation(s0, d!, { version: 2, at });
    assert.deepEqual(pendingDeliveries(s1), [0]);
    assert.deepEqual(recordDelivery(s1, { index: 1, outcome: 'FAILED', communicationId: null, reason: 'x' }), []);
    assert.throws(() => recordDelivery(s1, { index: 5, outcome: 'SENT', communicationId: null, reason: null }), { field: 'index' });
  });
  it('refuses another action, no recipients, too many, or one that is neither', () => {
    assert.throws(() => sendInvitations(null, { contactId: 'A', action: 'SHARE', recipients: ['a@b.cy'] }), { field: 'action' });
    assert.throws(() => sendInvitations(null, { contactId: 'A', action: 'SEND', recipients: [] }), { field: 'recipients' });
    assert.throws(() => sendInvitations(null, { contactId: 'A', action: 'SEND', recipients: Array.from({ length: 21 }, (_, i) => `a${i}@b.cy`) }), {
      reason: 'TOO_MANY',
    });
    assert.throws(() => sendInvitations(null, { contactId: 'A', action: 'SEND', recipients: ['a@b.cy', 'hello'] }), { field: 'recipients.1' });
  });
});

const ORG = { id: 'org-1', name: 'Red Cross' };
const definition = (d: Partial<DonationOfferDefinition> = {}): DonationOfferDefinition => ({
  name: 'Round up for the Red Cross',
  shortDescription: null,
  longDescription: null,
  termsAndConditions: null,
  donationType: 'PER_TRANSACTION',
  offerType: 'GIFT',
  rule: 'ROUND_UP',
  percent: null,
  termedAmount: null,
  currency: 'EUR',
  organisation: ORG,
  state: 'ACTIVE',
  ...d,
});
const donationOffer = (d: Partial<DonationOfferDefinition> = {}): DonationOfferState => {
  const [c] = createDonationOffer(null, definition(d));
  validateChange(DONATION_OFFER_AGGREGATE, at)(c!, 1);
  return { ...evolveDonationOffer(null, c!, meta), id: 'off-1' };
};

describe('donation offers', () => {
  it('needs what its type uses: a rule, a percentage, a termed amount', () => {
    assert.throws(() => createDonationOffer(null, definition({ rule: null })), { field: 'rule' });
    assert.throws(() => createDonationOffer(null, definition({ rule: 'PERCENT' })), { field: 'percent' });
    assert.throws(() => createDonationOffer(null, definition({ rule: 'PERCENT', percent: '150' })), { field: 'percent' });
    assert.throws(() => createDonationOffer(null, definition({ donationType: 'TERMED', rule: null })), { field: 'termedAmount' });
    assert.throws(() => createDonationOffer(null, definition({ donationType: 'GIFTS' as never })), { field: 'donationType' });
    assert.throws(() => createDonationOffer(null, definition({ organisation: { id: ' ', name: '' } })), { field: 'organisation.id' });
  });
  it('keeps only what its type uses', () => {
    const o = donationOffer({ donationType: 'VARIABLE', rule: 'PERCENT', percent: '5', termedAmount: '3' });
    assert.deepEqual([o.rule, o.percent, o.termedAmount], [null, null, null]);
  });
});

describe('donation amounts', () => {
  const table: {
    name: string;
    offer: Partial<DonationOfferDefinition>;
    multiplier?: number;
    amount?: string | null;
    net: string | null;
    expect: string | null;
  }[] = [
    { name: 'round-up: the spare change to the next euro', offer: {}, net: '12.30', expect: '0.70' },
    { name: 'round-up times the multiplier', offer: {}, multiplier: 3, net: '12.30', expect: '2.10' },
    { name: 'round-up of a whole amount gives nothing', offer: {}, net: '12.00', expect: null },
    { name: 'percent of the net, rounded down to the cent', offer: { rule: 'PERCENT', percent: '2.5' }, net: '19.99', expect: '0.49' },
    {
      name: 'variable: the contact’s amount per purchase',
      offer: { donationType: 'VARIABLE', rule: null },
      amount: '1.5',
      net: '80',
      expect: '1.50',
    },
    {
      name: 'termed: the monthly amount times the multiplier',
      offer: { donationType: 'TERMED', rule: null, termedAmount: '10' },
      multiplier: 2,
      net: null,
      expect: '20.00',
    },
    { name: 'a per-transaction offer without a purchase gives nothing', offer: {}, net: null, expect: null },
    { name: 'round-up in a currency without decimals has no spare change', offer: { currency: 'JPY' }, net: '1234', expect: null },
  ];
  for (const row of table) {
    it(row.name, () => {
      assert.equal(donationAmount(donationOffer(row.offer), { multiplier: row.multiplier ?? 1, amount: row.amount ?? null }, row.net), row.expect);
    });
  }
  it('termed donations fall due at the opt-in and then monthly (short months on their last day)', () => {
    assert.deepEqual(termedPeriodsDue(new Date('2026-01-31T10:00:00Z'), new Date('2026-01-31T09:59:59Z')), []);
    assert.deepEqual(termedPeriodsDue(new Date('2026-01-31T10:00:00Z'), new Date('2026-03-30T00:00:00Z')), ['2026-01', '2026-02']);
    assert.deepEqual(termedPeriodsDue(new Date('2026-01-31T10:00:00Z'), new Date('2026-03-31T10:00:00Z')), ['2026-01', '2026-02', '2026-03']);
  });
});

describe('donation opt-ins', () => {
  const validate = validateChange(DONATION_OPT_IN_AGGREGATE, at);
  const variable = () => donationOffer({ donationType: 'VARIABLE', rule: null });
  const optedIn = (o = donationOffer(), terms = { multiplier: 2, amount: null as string | null }): DonationOptInState => {
    const [c] = optIn(null, o, { contactId: 'C', ...terms }, at);
    validate(c!, 1);
    return { ...evolveOptIn(null, c!, meta), id: 'in-1' };
  };
  it('opts in with the offer’s terms; a VARIABLE offer needs the amount, others refuse one', () => {
    assert.equal(optedIn().multiplier, 2);
    assert.throws(() => optIn(null, variable(), { contactId: 'C', multiplier: null, amount: null }, at), { field: 'amount' });
    assert.throws(() => optIn(null, donationOffer(), { contactId: 'C', multiplier: null, amount: '2' }, at), { field: 'amount' });
    assert.throws(() => optIn(null, donationOffer(), { contactId: 'C', multiplier: 0, amount: null }, at), { field: 'multiplier' });
  });
  it('refuses an INACTIVE offer', () => {
    assert.throws(() => optIn(null, donationOffer({ state: 'INACTIVE' }), { contactId: 'C', multiplier: null, amount: null }, at), {
      reason: 'DONATION_OFFER_NOT_ACTIVE',
    });
  });
  it('the same opt-in again changes nothing; other terms go through an update', () => {
    const s = optedIn();
    assert.deepEqual(optIn(s, donationOffer(), { contactId: 'C', multiplier: 2, amount: null }, at), []);
    assert.throws(() => optIn(s, donationOffer(), { contactId: 'C', multiplier: 3, amount: null }, at), { reason: 'ALREADY_OPTED_IN' });
    const [c] = changeTerms(s, donationOffer(), { offerId: s.offerId, multiplier: 3, amount: null });
    validate(c!, 2);
    assert.throws(() => changeTerms(s, donationOffer(), { offerId: 'another', multiplier: 3, amount: null }), { field: 'donation_offer_id' });
  });
  it('opting out stops it; opting in again reopens it with a new date', () => {
    const s = optedIn();
    const [out] = optOut(s, at);
    validate(out!, 2);
    const off = evolveOptIn(s, out!, { version: 2, at });
    assert.equal(off.optedIn, false);
    assert.throws(() => optOut(off, at), { reason: 'DONATION_NOT_FOUND' });
    const later = new Date('2026-04-01T00:00:00Z');
    const [again] = optIn(off, donationOffer(), { contactId: 'C', multiplier: null, amount: null }, later);
    const on = evolveOptIn(off, again!, { version: 3, at: later });
    assert.deepEqual([on.optedIn, on.optedInAt, on.multiplier], [true, later.toISOString(), 1]);
  });
});

describe('donations made, posted and given back', () => {
  const made = () => {
    const [c] = makeDonation(null, {
      contactId: 'C',
      optInId: 'i',
      offerId: 'o',
      offerName: 'Reef',
      organisation: ORG,
      amount: '0.70',
      currency: 'EUR',
      purchaseId: 'p',
      period: null,
    });
    return { ...evolveDonation(null, c!, meta), id: 'd1' };
  };
  it('is made once (its id names what it is for)', () => {
    assert.deepEqual(makeDonation(made(), { ...made() }), []);
  });
  it('a posted donation whose purchase was cancelled is given back once; one never posted has nothing to give back', () => {
    const [posted] = completeDonation(made(), { outcome: 'POSTED', transactionId: 'tx', reason: null });
    const p1 = evolveDonation(made(), posted!, { version: 2, at });
    const [asked] = requestReversal(p1, 'PURCHASE_CANCELLED');
    const p2 = evolveDonation(p1, asked!, { version: 3, at });
    assert.deepEqual(requestReversal(p2, 'PURCHASE_CANCELLED'), []);
    const [back] = recordReversal(p2, 'tx-back');
    const p3 = evolveDonation(p2, back!, { version: 4, at });
    assert.equal(p3.reversal, 'REVERSED');
    assert.deepEqual(recordReversal(p3, 'again'), []);
    assert.deepEqual(requestReversal(made(), 'PURCHASE_CANCELLED'), []);
  });
});
