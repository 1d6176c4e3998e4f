import type { PassIssuedV1, PassPlanCreatedV1, PassRedeemedV1, PromotionDoc, RewardsEvent } from '@crm/event-bus/contracts/rewards';

export type PassPlanDoc = PassPlanCreatedV1['data'] & { passesIssued: number };
export type PassDoc = Omit<PassIssuedV1['data'], 'codeHash' | 'pinHash'> & {
  hasPin: boolean;
  state: 'ACTIVE' | 'REDEEMED' | 'CANCELLED';
  redemption: (PassRedeemedV1['data'] & { transactionId: string | null }) | null;
};
export type PromotionViewDoc = PromotionDoc & { deleted: boolean };

export const PASSES_TYPES = ['pass_plan', 'pass', 'promotion'] as const;

/** The read model of a pass plan, pass or promotion (same columns as the other reward views). */
export interface PassesView {
  type: (typeof PASSES_TYPES)[number];
  id: string;
  version: number;
  contactId: string | null;
  /** pass: its plan (the column the other views use for their scheme). */
  schemeId: string | null;
  lifeCycle: string | null;
  occurredAt: Date | null;
  data: PassPlanDoc | PassDoc | PromotionViewDoc;
  createdAt: Date;
  updatedAt: Date;
}

type Ev = Pick<RewardsEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>;

export const isPassesEvent = (type: string) => type.startsWith('pass_plan.') || type.startsWith('pass.') || type.startsWith('promotion.');

/** Folds one pass, pass plan or promotion event into its view (pure). Code and PIN hashes never reach the read side. */
export function projectPasses(view: PassesView | null, event: Ev): PassesView {
  const at = new Date(event.occurredAt);
  const base = { id: event.aggregateId, version: event.aggregateVersion, createdAt: view?.createdAt ?? at, updatedAt: at };
  const e = event as RewardsEvent;
  switch (e.type) {
    case 'pass_plan.created':
      return {
        ...base,
        type: 'pass_plan',
        contactId: null,
        schemeId: null,
        lifeCycle: e.data.state,
        occurredAt: null,
        data: { ...e.data, passesIssued: 0 },
      };
    case 'pass_plan.updated':
      return { ...view!, ...base, lifeCycle: e.data.state, data: { ...(view!.data as PassPlanDoc), ...e.data } };
    case 'pass_plan.passes_issued': {
      const d = view!.data as PassPlanDoc;
      return { ...view!, ...base, data: { ...d, passesIssued: d.passesIssued + e.data.count } };
    }
    case 'pass.issued': {
      const { codeHash: _c, pinHash, ...d } = e.data;
      return {
        ...base,
        type: 'pass',
        contactId: null,
        schemeId: d.planId,
        lifeCycle: 'ACTIVE',
        occurredAt: d.expiresAt ? new Date(d.expiresAt) : null,
        data: { ...d, hasPin: pinHash !== null, state: 'ACTIVE', redemption: null },
      };
    }
    case 'pass.state_changed':
      return { ...view!, ...base, lifeCycle: e.data.state, data: { ...(view!.data as PassDoc), state: e.data.state } };
    case 'pass.redeemed':
      return {
        ...view!,
        ...base,
        contactId: e.data.contactId,
        lifeCycle: 'REDEEMED',
        data: { ...(view!.data as PassDoc), state: 'REDEEMED', redemption: { ...e.data, transactionId: null } },
      };
    case 'pass.credit_posted': {
      const d = view!.data as PassDoc;
      return { ...view!, ...base, data: { ...d, redemption: { ...d.redemption!, transactionId: e.data.transactionId } } };
    }
    case 'promotion.created':
      return {
        ...base,
        type: 'promotion',
        contactId: null,
        schemeId: null,
        lifeCycle: e.data.state,
        occurredAt: null,
        data: { ...e.data, deleted: false },
      };
    case 'promotion.updated':
      return { ...view!, ...base, lifeCycle: e.data.state, data: { ...e.data, deleted: false } };
    case 'promotion.deleted':
      return { ...view!, ...base, lifeCycle: 'DELETED', data: { ...(view!.data as PromotionViewDoc), deleted: true } };
    default:
      throw new Error(`not a pass, pass plan or promotion event: ${e.type}`);
  }
}
