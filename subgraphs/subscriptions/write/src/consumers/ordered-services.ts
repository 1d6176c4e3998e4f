import type { OrderPlacedV1 } from '@crm/event-bus/contracts/orders';
import { PERIOD_UNITS, type Period } from '../domain/add-services';
import type { PaymentMethodType } from '../domain/subscription';

type Placed = Pick<OrderPlacedV1, 'aggregateId' | 'data'>;
type OrderedPeriod = { duration: number; uot: string } | null;

const periodOf = (p: OrderedPeriod): Period | null =>
  p && (PERIOD_UNITS as readonly string[]).includes(p.uot) ? { duration: p.duration, uot: p.uot as Period['uot'] } : null;

const SUBSCRIBABLE: readonly string[] = ['CARD', 'ACCOUNT_DEBIT', 'WALLET', 'CRM_WALLET', 'CHEQUE'];

/**
 * The services an order's termed lines become (pure): each TERMED_SERVICE line at its price terms
 * (trial and contract periods carried over when the subscription engine knows their unit), for the
 * order's contact and account; null when the order has none. Paid by the order's first payment
 * method the subscription engine knows (else none).
 */
export function servicesOfOrder(order: Placed) {
  const termed = order.data.lines.filter((l) => l.classification === 'TERMED_SERVICE');
  if (termed.length === 0) return null;
  const method = order.data.payments.map((p) => p.paymentMethodType as string).find((t) => SUBSCRIBABLE.includes(t));
  return {
    contactId: order.data.contactId,
    accountId: order.data.accountId,
    paymentMethodType: (method ?? null) as PaymentMethodType | null,
    startAt: null,
    services: termed.map((l) => ({
      productId: l.productId,
      priceTermsId: l.priceTermsId,
      quantity: l.quantity,
      trial: periodOf(l.priceTerms?.trialPeriod ?? null),
      contract: periodOf(l.priceTerms?.contractPeriod ?? null),
      autoRenewal: l.priceTerms?.autoRenewed === false ? ('OPT_OUT' as const) : ('OPT_IN' as const),
    })),
  };
}
