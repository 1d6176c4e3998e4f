import type {
  DonationMadeV1,
  DonationOfferCreatedV1,
  ReferralAward,
  ReferralInvitationsSentV1,
  RewardsEvent,
} from '@crm/event-bus/contracts/rewards';

export type DonationOfferDoc = DonationOfferCreatedV1['data'];
export type OptInDoc = {
  offerId: string;
  organisationId: string;
  optedIn: boolean;
  optedInAt: string;
  optedOutAt: string | null;
  multiplier: number;
  amount: string | null;
};
export type DonationDoc = DonationMadeV1['data'] & { outcome: 'POSTED' | 'DECLINED' | null; transactionId: string | null; reason: string | null };
export type ReferralDoc = {
  referrerId: string;
  referredId: string;
  code: string;
  awards: (ReferralAward & { outcome: 'POSTED' | 'DECLINED' | null; transactionId: string | null })[];
};
/** What the read side keeps of an invitation: how many went out on which channel (never the addresses). */
export type InvitationDoc = { action: string; emails: number; phones: number; sent?: number; failed?: number };

export type GivingType = 'referral' | 'referral_invitation' | 'donation_offer' | 'donation_opt_in' | 'donation';

export interface GivingView {
  type: GivingType;
  id: string;
  version: number;
  contactId: string | null;
  offerId: string | null;
  organisationId: string | null;
  lifeCycle: string | null;
  data: DonationOfferDoc | OptInDoc | DonationDoc | ReferralDoc | InvitationDoc;
  createdAt: Date;
  updatedAt: Date;
}

type Ev = Pick<RewardsEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>;

/** Folds one referral or donation event into its view (pure); other rewards events leave it as it is. */
export function projectGiving(view: GivingView | null, event: Ev): GivingView {
  const at = new Date(event.occurredAt);
  const base = { id: event.aggregateId, version: event.aggregateVersion, createdAt: view?.createdAt ?? at, updatedAt: at };
  const e = event as RewardsEvent;
  switch (e.type) {
    case 'referral.recorded':
      return {
        ...base,
        type: 'referral',
        contactId: e.data.referrerId,
        offerId: null,
        organisationId: null,
        lifeCycle: 'RECORDED',
        data: { ...e.data, awards: e.data.awards.map((a) => ({ ...a, outcome: null, transactionId: null })) },
      };
    case 'referral.award_completed': {
      const d = view!.data as ReferralDoc;
      const awards = d.awards.map((a) => (a.key === e.data.key ? { ...a, outcome: e.data.outcome, transactionId: e.data.transactionId } : a));
      return { ...view!, ...base, data: { ...d, awards } };
    }
    case 'referral.invitations_sent': {
      const r = (e.data as ReferralInvitationsSentV1['data']).recipients;
      return {
        ...base,
        type: 'referral_invitation',
        contactId: e.data.contactId,
        offerId: null,
        organisationId: null,
        lifeCycle: 'SENT',
        data: { action: e.data.action, emails: r.filter((x) => x.channel === 'EMAIL').length, phones: r.filter((x) => x.channel === 'SMS').length },
      };
    }
    case 'referral.invitation_delivered': {
      const d = view!.data as InvitationDoc;
      const key = e.data.outcome === 'SENT' ? 'sent' : 'failed';
      return { ...view!, ...base, data: { ...d, [key]: (d[key] ?? 0) + 1 } };
    }
    case 'donation_offer.created':
      return {
        ...base,
        type: 'donation_offer',
        contactId: null,
        offerId: null,
        organisationId: e.data.organisation.id,
        lifeCycle: e.data.state,
        data: { ...e.data },
      };
    case 'donation_offer.state_changed':
      return { ...view!, ...base, lifeCycle: e.data.state, data: { ...(view!.data as DonationOfferDoc), state: e.data.state } };
    case 'donation.opted_in':
      return {
        ...base,
        type: 'donation_opt_in',
        contactId: e.data.contactId,
        offerId: e.data.offerId,
        organisationId: e.data.organisationId,
        lifeCycle: 'ACTIVE',
        data: {
          offerId: e.data.offerId,
          organisationId: e.data.organisationId,
          optedIn: true,
          optedInAt: e.data.optedInAt,
          optedOutAt: null,
          multiplier: e.data.multiplier,
          amount: e.data.amount,
        },
      };
    case 'donation.terms_changed':
      return { ...view!, ...base, data: { ...(view!.data as OptInDoc), multiplier: e.data.multiplier, amount: e.data.amount } };
    case 'donation.opted_out':
      return { ...view!, ...base, lifeCycle: 'INACTIVE', data: { ...(view!.data as OptInDoc), optedIn: false, optedOutAt: e.data.optedOutAt } };
    case 'donation.made':
      return {
        ...base,
        type: 'donation',
        contactId: e.data.contactId,
        offerId: e.data.offerId,
        organisationId: e.data.organisation.id,
        lifeCycle: 'PENDING',
        data: { ...e.data, outcome: null, transactionId: null, reason: null },
      };
    case 'donation.completed':
      return { ...view!, ...base, lifeCycle: e.data.outcome, data: { ...(view!.data as DonationDoc), ...e.data } };
    case 'donation.reversal_requested':
      return { ...view!, ...base };
    case 'donation.reversed':
      // given back to the wallet (its purchase was cancelled): no longer in the history or the totals
      return { ...view!, ...base, lifeCycle: 'REVERSED' };
    default:
      return view!;
  }
}
