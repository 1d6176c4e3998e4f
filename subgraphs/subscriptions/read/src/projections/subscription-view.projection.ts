import type { ActionStateName, ServiceSnapshot, SubscriptionEvent, SubscriptionStateName } from '@crm/event-bus/contracts/subscriptions';

/** One service as the read side shows it. */
export interface ServiceView extends ServiceSnapshot {
  updatedAt: string;
}

/** One subscription action (immediate or scheduled) and what became of it. */
export interface ActionView {
  id: string;
  /** SERVICE or SUBSCRIPTION. */
  scope: string;
  /** ADD_SERVICE for a service's addition; otherwise the service or subscription action. */
  action: string;
  serviceId: string | null;
  state: ActionStateName;
  scheduledDate: string | null;
  usedProposedDate: boolean;
  executedAt: string | null;
  rejectionReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The read model of one subscription: its terms, services and actions. */
export interface SubscriptionView {
  id: string;
  version: number;
  contactId: string;
  accountId: string | null;
  state: SubscriptionStateName;
  billingDay: number;
  paymentMethodType: string | null;
  paymentMethodId: string | null;
  services: ServiceView[];
  actions: ActionView[];
  createdAt: Date;
  updatedAt: Date;
}

type Projected = Pick<SubscriptionEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>;

/** A new action record (its `executedAt` set when it ran at once). */
function actionOf(
  id: string,
  scope: string,
  action: string,
  serviceId: string | null,
  state: ActionStateName,
  at: string,
  extra: Partial<ActionView> = {},
): ActionView {
  return {
    id,
    scope,
    action,
    serviceId,
    state,
    scheduledDate: null,
    usedProposedDate: false,
    executedAt: state === 'EXECUTED' ? at : null,
    rejectionReason: null,
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}

const settle = (actions: ActionView[], id: string, patch: Partial<ActionView>): ActionView[] =>
  actions.map((a) => (a.id === id ? { ...a, ...patch } : a));

/**
 * Folds one event into the view (pure). The projector engine hands events in aggregate-version
 * order and skips redeliveries; this function only knows how each event changes the view.
 */
export function projectSubscription(view: SubscriptionView | null, event: Projected): SubscriptionView {
  const at = event.occurredAt;
  const e = event as SubscriptionEvent;
  if (e.type === 'subscription.created') {
    return {
      id: event.aggregateId,
      version: event.aggregateVersion,
      contactId: e.data.contactId,
      accountId: e.data.accountId,
      state: 'INACTIVE',
      billingDay: e.data.billingDay,
      paymentMethodType: e.data.paymentMethodType,
      paymentMethodId: null,
      services: [],
      actions: [],
      createdAt: new Date(at),
      updatedAt: new Date(at),
    };
  }
  if (!view) throw new Error(`${e.type} before subscription.created for ${event.aggregateId}`);
  const v: SubscriptionView = { ...view, version: event.aggregateVersion, updatedAt: new Date(at) };
  switch (e.type) {
    case 'subscription.service_added': {
      const d = e.data;
      const actions = v.actions.some((a) => a.id === d.actionId)
        ? v.actions
        : [...v.actions, actionOf(d.actionId, 'SERVICE', 'ADD_SERVICE', d.service.id, 'EXECUTED', at)];
      return { ...v, services: [...v.services, { ...d.service, updatedAt: at }], actions, state: d.subscriptionState };
    }
    case 'subscription.service_state_changed': {
      const d = e.data;
      const services = v.services.map((s) =>
        s.id === d.serviceId ? { ...s, state: d.to, firstEffectiveAt: s.firstEffectiveAt ?? d.firstEffectiveAt, updatedAt: at } : s,
      );
      return { ...v, services, state: d.subscriptionState };
    }
    case 'subscription.terms_changed':
      return { ...v, billingDay: e.data.billingDay, paymentMethodType: e.data.paymentMethodType, paymentMethodId: e.data.paymentMethodId };
    case 'subscription.action_scheduled': {
      const d = e.data;
      const r = d.request;
      const action = actionOf(d.actionId, r.scope, r.action, r.scope === 'SERVICE' ? r.serviceId : null, 'SCHEDULED', at, {
        scheduledDate: d.scheduledDate,
        usedProposedDate: d.usedProposedDate,
      });
      return { ...v, actions: [...v.actions, action] };
    }
    case 'subscription.action_executed': {
      const d = e.data;
      const r = d.request;
      if (v.actions.some((a) => a.id === d.actionId))
        return { ...v, actions: settle(v.actions, d.actionId, { state: 'EXECUTED', executedAt: at, updatedAt: at }) };
      return { ...v, actions: [...v.actions, actionOf(d.actionId, r.scope, r.action, r.scope === 'SERVICE' ? r.serviceId : null, 'EXECUTED', at)] };
    }
    case 'subscription.action_rejected':
      return { ...v, actions: settle(v.actions, e.data.actionId, { state: 'REJECTED', rejectionReason: e.data.reason, updatedAt: at }) };
    case 'subscription.action_cancelled':
      return { ...v, actions: settle(v.actions, e.data.actionId, { state: 'CANCELLED', updatedAt: at }) };
  }
}
