import { epochSeconds } from '../../kit/format';
import type { GqlAction, GqlService, GqlSubscription, GqlSubscriptionTerms } from './operations';

const epochOrOmit = (v: string | null) => (v ? epochSeconds(v) : undefined);

/** Drops undefined members (absent values are omitted, never null). */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function termsOf(s: GqlSubscriptionTerms): Record<string, unknown> {
  return compact({
    billing_day: { day_of_month: s.billingDay },
    payment_method: s.paymentMethodType
      ? compact({ type: s.paymentMethodType, identity: s.paymentMethodId ? { id: s.paymentMethodId } : undefined })
      : undefined,
  });
}

/** A service in the CRM.COM shape (GET …/contacts/{id}/services items; the catalogue's names and prices are not known here). */
export function toServiceResponse(s: GqlService, subscription: GqlSubscriptionTerms | undefined): Record<string, unknown> {
  return compact({
    id: s.id,
    state: s.state,
    product: { id: s.productId },
    price: s.priceTermsId ? { id: s.priceTermsId } : undefined,
    first_activated_on: epochOrOmit(s.firstEffectiveAt),
    terms: compact({
      quantity: s.quantity,
      in_contract: s.inContract,
      auto_renew: s.autoRenewal !== 'OPT_OUT',
      contract_period: s.contractEndsAt ? { end_date: epochSeconds(s.contractEndsAt) } : undefined,
    }),
    trial_period: s.trialEndsAt ? compact({ end_date: epochSeconds(s.trialEndsAt), trial_state: s.trialState ?? undefined }) : undefined,
    subscription: subscription ? { id: subscription.id, state: subscription.state, terms: termsOf(subscription) } : { id: s.subscriptionId },
  });
}

const LIVE = new Set(['DRAFT', 'EFFECTIVE', 'PAUSED', 'NOT_EFFECTIVE']);

/** A subscription in the CRM.COM shape (GET …/contacts/{id}/subscriptions items). */
export function toSubscriptionResponse(s: GqlSubscription): Record<string, unknown> {
  const count = (pred: (x: GqlService) => boolean) => s.services.filter(pred).length;
  const firstActivation = s.services
    .map((x) => x.firstEffectiveAt)
    .filter((x): x is string => x !== null)
    .sort()[0];
  return compact({
    id: s.id,
    state: s.state,
    start_date: epochSeconds(s.createdAt),
    first_activation_date: firstActivation ? epochSeconds(firstActivation) : undefined,
    active_services: count((x) => x.state === 'EFFECTIVE'),
    draft_services: count((x) => x.state === 'DRAFT'),
    inactive_services: count((x) => x.state === 'PAUSED' || x.state === 'NOT_EFFECTIVE'),
    trial_services: count((x) => x.trialState === 'IN_TRIAL' && LIVE.has(x.state)),
    account: s.accountId ? { id: s.accountId } : undefined,
    terms: termsOf(s),
  });
}

/** Our action → CRM.COM's behaviour and business classification codes (NOTES §2.1). */
const CODES: Record<string, [string, string]> = {
  'SERVICE:ADD_SERVICE': ['ADD_SERVICE', 'ADD_SERVICE_AS_EFFECTIVE'],
  'SERVICE:ACTIVATE': ['ACTIVATE_SERVICE', 'ACTIVATE_SERVICE'],
  'SERVICE:DEACTIVATE': ['DEACTIVATE_SERVICE', 'DEACTIVATE_SERVICE'],
  'SERVICE:PAUSE': ['PAUSE_SERVICE', 'PAUSE_SERVICE'],
  'SERVICE:RESUME': ['RESUME_SERVICE', 'RESUME_SERVICE'],
  'SERVICE:CANCEL': ['REMOVE_SERVICE', 'CANCEL_SERVICE'],
  'SERVICE:REGRET': ['REMOVE_SERVICE', 'REGRET_SERVICE'],
  'SERVICE:CHANGE': ['CHANGE_SERVICE', 'UPGRADE_SERVICE'],
  'SERVICE:REMOVE': ['REMOVE_SERVICE', 'CANCEL_SERVICE'],
  'SUBSCRIPTION:CHANGE_BILLING_DAY': ['CHANGE_SUBSCRIPTION', 'CHANGE_BILLING_DAY'],
  'SUBSCRIPTION:CHANGE_PAYMENT_METHOD': ['CHANGE_SUBSCRIPTION', 'CHANGE_PAYMENT_METHOD'],
  'SUBSCRIPTION:CANCEL': ['TERMINATE', 'CANCEL'],
};

export function codesOfAction(a: Pick<GqlAction, 'scope' | 'action'>): { behaviour_code: string; business_classification_code: string } {
  const [behaviour, business] = CODES[`${a.scope}:${a.action}`] ?? ['CHANGE_SUBSCRIPTION', 'CHANGE_BILLING_DAY'];
  return { behaviour_code: behaviour, business_classification_code: business };
}

/** A subscription action in the CRM.COM list shape. */
export function toActionListItem(a: GqlAction): Record<string, unknown> {
  return compact({
    id: a.id,
    state: a.state,
    ...codesOfAction(a),
    scheduled_on: epochOrOmit(a.scheduledDate),
    executed_on: a.state === 'EXECUTED' ? epochOrOmit(a.executedAt) : undefined,
    rejected_on: a.state === 'REJECTED' ? epochSeconds(a.updatedAt) : undefined,
    cancelled_on: a.state === 'CANCELLED' ? epochSeconds(a.updatedAt) : undefined,
  });
}

/** One subscription action in the CRM.COM detail shape. */
export function toActionDetail(a: GqlAction): Record<string, unknown> {
  return compact({ ...toActionListItem(a), rejection_reason: a.rejectionReason ?? undefined, subscription: { id: a.subscriptionId } });
}

/** `{paging, content}` of an in-memory list (the read side answers a contact's whole, bounded list). */
export function pageOf<T>(items: T[], page: number, size: number, includeTotal: boolean): { paging: Record<string, unknown>; content: T[] } {
  const start = (page - 1) * size;
  const paging: Record<string, unknown> = { page, size };
  if (includeTotal) paging['total'] = items.length;
  paging['has_more'] = items.length > start + size;
  return { paging, content: items.slice(start, start + size) };
}
