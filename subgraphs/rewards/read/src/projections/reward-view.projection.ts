import type {
  PurchasePostedV1,
  PurchaseStep,
  RewardMembershipSignedUpV1,
  RewardOfferCreatedV1,
  RewardSchemeCreatedV1,
  RewardsEvent,
} from '@crm/event-bus/contracts/rewards';

export type SchemeDoc = RewardSchemeCreatedV1['data'];
export type TokenDoc = { intent: string; spendAmount: string | null; expiresAt: string; usedBy: string | null };
export type MembershipDoc = Omit<RewardMembershipSignedUpV1['data'], 'codeHash'> & { signedUp: boolean };
export type OfferDoc = RewardOfferCreatedV1['data'] & { state: 'ACTIVE' | 'INACTIVE' };
export type PurchaseStepDoc = PurchaseStep & { outcome: 'POSTED' | 'WRITTEN_OFF' | 'CLAIMED' | null; transactionId: string | null };
export type PurchaseDoc = Omit<PurchasePostedV1['data'], 'steps'> & {
  state: 'POSTED' | 'CANCELLED';
  steps: PurchaseStepDoc[];
  returns: { number: number; net: string }[];
};

/** The read model of one rewards aggregate: its document and the columns queries use. */
export interface RewardView {
  type: 'reward_scheme' | 'reward_membership' | 'reward_offer' | 'purchase' | 'contact_token';
  id: string;
  version: number;
  contactId: string | null;
  schemeId: string | null;
  lifeCycle: string | null;
  occurredAt: Date | null;
  data: SchemeDoc | MembershipDoc | OfferDoc | PurchaseDoc | TokenDoc;
  createdAt: Date;
  updatedAt: Date;
}

type Ev = Pick<RewardsEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>;

const open = (steps: PurchaseStep[]): PurchaseStepDoc[] => steps.map((s) => ({ ...s, outcome: null, transactionId: null }));

/**
 * Folds one event into the view (pure). The projector hands events in aggregate-version order and
 * skips redeliveries. A membership's code hash never reaches the read side.
 */
export function projectReward(view: RewardView | null, event: Ev): RewardView {
  const at = new Date(event.occurredAt);
  const base = { id: event.aggregateId, version: event.aggregateVersion, createdAt: view?.createdAt ?? at, updatedAt: at };
  const e = event as RewardsEvent;
  switch (e.type) {
    case 'reward_scheme.created':
      return { ...base, type: 'reward_scheme', contactId: null, schemeId: null, lifeCycle: e.data.state, occurredAt: null, data: { ...e.data } };
    case 'reward_scheme.state_changed':
      return { ...view!, ...base, lifeCycle: e.data.state, data: { ...(view!.data as SchemeDoc), state: e.data.state } };
    case 'reward_membership.signed_up': {
      const { codeHash: _hidden, ...d } = e.data;
      return {
        ...base,
        type: 'reward_membership',
        contactId: d.contactId,
        schemeId: d.schemeId,
        lifeCycle: d.verified ? 'ACTIVE' : 'PENDING',
        occurredAt: at,
        data: { ...d, signedUp: true },
      };
    }
    case 'reward_membership.verified':
      return { ...view!, ...base, lifeCycle: 'ACTIVE', data: { ...(view!.data as MembershipDoc), verified: true } };
    case 'reward_membership.signed_out':
      return { ...view!, ...base, lifeCycle: 'INACTIVE', data: { ...(view!.data as MembershipDoc), signedUp: false, verified: false } };
    case 'reward_offer.created':
      return {
        ...base,
        type: 'reward_offer',
        contactId: null,
        schemeId: e.data.schemeId,
        lifeCycle: 'INACTIVE',
        occurredAt: null,
        data: { ...e.data, state: 'INACTIVE' },
      };
    case 'reward_offer.state_changed':
      return { ...view!, ...base, lifeCycle: e.data.state, data: { ...(view!.data as OfferDoc), state: e.data.state } };
    case 'purchase.posted':
      return {
        ...base,
        type: 'purchase',
        contactId: e.data.contactId,
        schemeId: null,
        lifeCycle: 'POSTED',
        occurredAt: new Date(e.data.purchasedAt),
        data: { ...e.data, state: 'POSTED', steps: open(e.data.steps), returns: [] },
      };
    case 'purchase.step_completed': {
      const d = view!.data as PurchaseDoc;
      const steps = d.steps.map((s) => (s.key === e.data.key ? { ...s, outcome: e.data.outcome, transactionId: e.data.transactionId } : s));
      return { ...view!, ...base, data: { ...d, steps } };
    }
    case 'purchase.cancelled': {
      const d = view!.data as PurchaseDoc;
      return { ...view!, ...base, lifeCycle: 'CANCELLED', data: { ...d, state: 'CANCELLED', steps: [...d.steps, ...open(e.data.steps)] } };
    }
    case 'contact_token.issued': {
      // the value's hash stays on the write side
      const { contactId, intent, spendAmount, expiresAt } = e.data;
      return {
        ...base,
        type: 'contact_token',
        contactId,
        schemeId: null,
        lifeCycle: 'ACTIVE',
        occurredAt: new Date(expiresAt),
        data: { intent, spendAmount, expiresAt, usedBy: null },
      };
    }
    case 'contact_token.used':
      return { ...view!, ...base, lifeCycle: 'USED', data: { ...(view!.data as TokenDoc), usedBy: e.data.purchaseId } };
    case 'purchase.returned': {
      const d = view!.data as PurchaseDoc;
      return {
        ...view!,
        ...base,
        data: { ...d, returns: [...d.returns, { number: e.data.number, net: e.data.net }], steps: [...d.steps, ...open(e.data.steps)] },
      };
    }
    default:
      // referral and donation events are projected by the giving read model (giving/store.ts);
      // passes, pass plans and promotions by projections/passes-view.projection.ts
      return view!;
  }
}
