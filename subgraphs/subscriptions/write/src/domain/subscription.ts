import type {
  ActionRequest,
  ActionStateName,
  PAYMENT_METHOD_TYPES,
  ServiceSnapshot,
  SubscriptionEvent,
  SubscriptionStateName,
} from '@crm/event-bus/contracts/subscriptions';

export type PaymentMethodType = (typeof PAYMENT_METHOD_TYPES)[number];

/** A scheduled action still waiting for its date (executed, rejected and cancelled ones leave the state). */
export interface ScheduledAction {
  id: string;
  request: ActionRequest;
  scheduledDate: string;
  state: Extract<ActionStateName, 'SCHEDULED'>;
}

/** Write-side state of one subscription aggregate: its terms, its services and its pending actions. */
export interface SubscriptionState {
  id: string;
  version: number;
  contactId: string;
  accountId: string | null;
  paymentMethodType: PaymentMethodType | null;
  paymentMethodId: string | null;
  billingDay: number;
  state: SubscriptionStateName;
  services: ServiceSnapshot[];
  scheduled: ScheduledAction[];
  createdAt: Date;
  updatedAt: Date;
}

/** What a decider returns: event types with their data, before the envelope is added. */
export type SubscriptionChange = SubscriptionEvent extends infer E ? (E extends SubscriptionEvent ? Pick<E, 'type' | 'data'> : never) : never;

/** Services that ended for good: no action applies to them any more. */
export const TERMINAL_STATES = new Set(['CANCELLED', 'REGRETTED', 'SWAPPED', 'REMOVED']);

/**
 * NOTES §4.7: ACTIVE when at least one service is EFFECTIVE; CHURNED when every service ended
 * (cancelled, regretted, swapped or removed); INACTIVE otherwise (draft, paused, not effective).
 */
export function subscriptionStateOf(services: readonly Pick<ServiceSnapshot, 'state'>[]): SubscriptionStateName {
  if (services.some((s) => s.state === 'EFFECTIVE')) return 'ACTIVE';
  if (services.length > 0 && services.every((s) => TERMINAL_STATES.has(s.state))) return 'CHURNED';
  return 'INACTIVE';
}

const touch = (s: SubscriptionState, meta: { version: number; at: Date }): SubscriptionState => ({ ...s, version: meta.version, updatedAt: meta.at });

/** Applies one event to the state (pure). */
export function evolve(state: SubscriptionState | null, event: SubscriptionChange, meta: { version: number; at: Date }): SubscriptionState {
  if (event.type === 'subscription.created') {
    const d = event.data;
    return {
      id: state?.id ?? '',
      version: meta.version,
      contactId: d.contactId,
      accountId: d.accountId,
      paymentMethodType: d.paymentMethodType,
      paymentMethodId: null,
      billingDay: d.billingDay,
      state: 'INACTIVE',
      services: [],
      scheduled: [],
      createdAt: meta.at,
      updatedAt: meta.at,
    };
  }
  if (!state) throw new Error(`${event.type} before subscription.created`);
  const s = touch(state, meta);
  switch (event.type) {
    case 'subscription.service_added':
      return { ...s, services: [...s.services, event.data.service], state: event.data.subscriptionState };
    case 'subscription.service_state_changed': {
      const d = event.data;
      const services = s.services.map((x) =>
        x.id === d.serviceId ? { ...x, state: d.to, firstEffectiveAt: x.firstEffectiveAt ?? d.firstEffectiveAt } : x,
      );
      return { ...s, services, state: d.subscriptionState };
    }
    case 'subscription.terms_changed':
      return {
        ...s,
        billingDay: event.data.billingDay,
        paymentMethodType: event.data.paymentMethodType,
        paymentMethodId: event.data.paymentMethodId,
      };
    case 'subscription.action_scheduled': {
      const d = event.data;
      return { ...s, scheduled: [...s.scheduled, { id: d.actionId, request: d.request, scheduledDate: d.scheduledDate, state: 'SCHEDULED' }] };
    }
    case 'subscription.action_executed':
    case 'subscription.action_rejected':
    case 'subscription.action_cancelled':
      return { ...s, scheduled: s.scheduled.filter((a) => a.id !== event.data.actionId) };
  }
}
