import { AppError } from '@crm/platform/errors';
import type { AUTO_RENEWAL_PREFERENCES, ServiceSnapshot } from '@crm/event-bus/contracts/subscriptions';
import { subscriptionStateOf, type PaymentMethodType, type SubscriptionChange, type SubscriptionState } from './subscription';

export const PERIOD_UNITS = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;
export interface Period {
  duration: number;
  uot: (typeof PERIOD_UNITS)[number];
}

export interface NewService {
  serviceId: string;
  /** The action that adds it (ADD_SERVICE). */
  actionId: string;
  /** The ACTIVATE action scheduled when the services start later. */
  activateActionId: string;
  productId: string;
  priceTermsId: string | null;
  quantity: number;
  trial: Period | null;
  contract: Period | null;
  autoRenewal: (typeof AUTO_RENEWAL_PREFERENCES)[number];
}

/** POST /contacts/{id}/services: services join the contact's live subscription, or open a new one. */
export interface AddServices {
  contactId: string;
  accountId: string | null;
  paymentMethodType: PaymentMethodType | null;
  services: NewService[];
  /** A later start: the services join as DRAFT and an ACTIVATE action is scheduled at this date. */
  startAt: Date | null;
  now: Date;
}

export const MAX_SERVICES_PER_REQUEST = 50;

/** `at` plus a period, in UTC calendar terms (pure). */
export function addPeriod(at: Date, p: Period): Date {
  const d = new Date(at.getTime());
  if (p.uot === 'DAY') d.setUTCDate(d.getUTCDate() + p.duration);
  if (p.uot === 'WEEK') d.setUTCDate(d.getUTCDate() + 7 * p.duration);
  if (p.uot === 'MONTH') d.setUTCMonth(d.getUTCMonth() + p.duration);
  if (p.uot === 'YEAR') d.setUTCFullYear(d.getUTCFullYear() + p.duration);
  return d;
}

/**
 * Adds services (pure): opens the subscription when there is none (billing day = today's day of
 * month, at most 28), then each service as EFFECTIVE from now (trial and contract ends counted
 * from now), or as DRAFT with an ACTIVATE scheduled at `startAt`.
 */
export function addServices(state: SubscriptionState | null, cmd: AddServices): SubscriptionChange[] {
  if (cmd.services.length === 0) throw AppError.validation('services', 'must name at least one service', 'REQUIRED');
  if (cmd.services.length > MAX_SERVICES_PER_REQUEST)
    throw AppError.validation('services', `at most ${MAX_SERVICES_PER_REQUEST} per request`, 'TOO_MANY');
  if (state?.state === 'CHURNED')
    throw new AppError('CONFLICT', 'the subscription has churned; a new one is opened instead', { reason: 'SUBSCRIPTION_CHURNED' });
  if (cmd.startAt && cmd.startAt.getTime() <= cmd.now.getTime()) throw AppError.validation('scheduled_date', 'must be in the future', 'INVALID_DATE');
  cmd.services.forEach((s, i) => {
    if (!Number.isInteger(s.quantity) || s.quantity < 1 || s.quantity > 10000)
      throw AppError.validation(`services[${i}].quantity`, 'must be an integer from 1 to 10000', 'INVALID_VALUE');
  });
  const changes: SubscriptionChange[] = [];
  if (!state) {
    changes.push({
      type: 'subscription.created',
      data: {
        contactId: cmd.contactId,
        accountId: cmd.accountId,
        paymentMethodType: cmd.paymentMethodType,
        billingDay: Math.min(cmd.now.getUTCDate(), 28),
      },
    });
  }
  const services: Pick<ServiceSnapshot, 'state'>[] = [...(state?.services ?? [])];
  const start = cmd.startAt ?? cmd.now;
  for (const s of cmd.services) {
    const service: ServiceSnapshot = {
      id: s.serviceId,
      productId: s.productId,
      priceTermsId: s.priceTermsId,
      quantity: s.quantity,
      state: cmd.startAt ? 'DRAFT' : 'EFFECTIVE',
      trialEndsAt: s.trial ? addPeriod(start, s.trial).toISOString() : null,
      contractEndsAt: s.contract ? addPeriod(start, s.contract).toISOString() : null,
      autoRenewal: s.autoRenewal,
      firstEffectiveAt: cmd.startAt ? null : cmd.now.toISOString(),
    };
    services.push(service);
    changes.push({ type: 'subscription.service_added', data: { service, actionId: s.actionId, subscriptionState: subscriptionStateOf(services) } });
    if (cmd.startAt) {
      changes.push({
        type: 'subscription.action_scheduled',
        data: {
          actionId: s.activateActionId,
          request: { scope: 'SERVICE', serviceId: s.serviceId, action: 'ACTIVATE', changeTo: null },
          scheduledDate: cmd.startAt.toISOString(),
          usedProposedDate: false,
        },
      });
    }
  }
  return changes;
}
