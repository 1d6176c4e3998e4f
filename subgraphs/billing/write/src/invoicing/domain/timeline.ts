import type { SubscriptionEvent } from '@crm/event-bus/contracts/subscriptions';
import type { Price } from '@crm/event-bus/contracts/catalogue';
import type { PlanPrice, ServiceTimeline, SubscriptionTimeline } from './engine';
import { dayOf, type PeriodUnit } from './periods';

/**
 * What billing folds from the subscriptions domain's events (never its code): per subscription, its
 * terms and, per service, the days it was EFFECTIVE. Pure; moved forward by aggregate version.
 */
export interface TimelineDoc extends SubscriptionTimeline {
  version: number;
  /** Per service, the state it is in (to know whether an interval is open). */
  states: Record<string, string>;
}

type Applied = SubscriptionEvent extends infer E
  ? E extends SubscriptionEvent
    ? Pick<E, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>
    : never
  : never;

function withState(service: ServiceTimeline, from: string | null, to: string, on: string): ServiceTimeline {
  const effective = service.effective.map((i) => ({ ...i }));
  if (to === 'EFFECTIVE' && from !== 'EFFECTIVE') effective.push({ from: on, to: null });
  if (from === 'EFFECTIVE' && to !== 'EFFECTIVE') {
    const open = effective.find((i) => i.to === null);
    if (open) open.to = on;
  }
  return { ...service, effective };
}

/** Folds one subscription event into its timeline (pure); null for events before the subscription's creation. */
export function foldTimeline(doc: TimelineDoc | null, event: Applied): TimelineDoc | null {
  const on = dayOf(event.occurredAt);
  switch (event.type) {
    case 'subscription.created':
      return {
        id: event.aggregateId,
        version: event.aggregateVersion,
        contactId: event.data.contactId,
        accountId: event.data.accountId,
        billingDay: event.data.billingDay,
        services: [],
        states: {},
      };
    case 'subscription.service_added': {
      if (!doc) return null;
      const s = event.data.service;
      const base: ServiceTimeline = {
        id: s.id,
        productId: s.productId,
        priceTermsId: s.priceTermsId,
        quantity: s.quantity,
        effective: [],
        trialEndsOn: s.trialEndsAt ? dayOf(s.trialEndsAt) : null,
      };
      return {
        ...doc,
        version: event.aggregateVersion,
        services: [...doc.services.filter((x) => x.id !== s.id), withState(base, null, s.state, on)],
        states: { ...doc.states, [s.id]: s.state },
      };
    }
    case 'subscription.service_state_changed': {
      if (!doc) return null;
      const d = event.data;
      return {
        ...doc,
        version: event.aggregateVersion,
        services: doc.services.map((s) => (s.id === d.serviceId ? withState(s, doc.states[s.id] ?? d.from, d.to, on) : s)),
        states: { ...doc.states, [d.serviceId]: d.to },
      };
    }
    case 'subscription.terms_changed':
      return doc ? { ...doc, version: event.aggregateVersion, billingDay: event.data.billingDay } : null;
    default:
      return doc ? { ...doc, version: event.aggregateVersion } : null;
  }
}

/** A catalogue price as billing bills with it; null for a price without recurring terms (not a subscription price). */
export function planPriceOf(price: Price, productId: string, productName: string): PlanPrice | null {
  const terms = price.priceTerms;
  if (!terms) return null;
  const uot = terms.billingPeriod.uot;
  if (!(['DAY', 'WEEK', 'MONTH', 'YEAR'] as string[]).includes(uot)) return null;
  return {
    id: price.id,
    productId,
    productName,
    amount: price.price,
    currency: price.currencyCode,
    taxModel: price.taxModel,
    billingPeriod: { duration: terms.billingPeriod.duration, uot: uot as PeriodUnit },
    billingModel: terms.billingModel,
  };
}
