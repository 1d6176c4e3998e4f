import { epochSeconds } from '../../kit/format';
import type { GqlEstimate, GqlOrder } from './operations';

/** The default order queue (the orders domain gives every tenant one). */
export const DEFAULT_QUEUE = { id: '0e7d5a4c-0000-4000-8000-0000000000a0', name: 'Orders' };

const num = (s: string) => Number(s);
const product = (l: { productId: string; name: string; sku: string }) => ({ id: l.productId, name: l.name, sku: l.sku });

export function toEstimateResponse(e: GqlEstimate): Record<string, unknown> {
  const wallet = num(e.walletFunds);
  return {
    id: e.id,
    order_estimate: {
      ordering_allowed: e.orderingAllowed,
      queue: DEFAULT_QUEUE,
      net_amount: num(e.net),
      tax_amount: num(e.tax),
      discount_amount: num(e.discount),
      total_price: num(e.total),
      currency_code: e.currency,
      expiration_date: epochSeconds(e.expiresAt),
      items: e.lines.map((l) => ({
        id: l.id,
        product: product(l),
        quantity: l.quantity,
        price_terms_id: l.priceTermsId,
        tax_model: l.taxModel,
        unit_price: num(l.unitPrice),
        net_amount: num(l.net),
        tax_amount: num(l.tax),
        discount_amount: num(l.discount),
        total_price: num(l.total),
      })),
    },
    invoice_estimate: {
      currency_code: e.currency,
      net: num(e.net),
      discount: num(e.discount),
      tax: num(e.tax),
      total: num(e.total),
      total_price: num(e.total),
      discount_incl_tax: num(e.discount),
      wallet_funds_amount: wallet,
      amount_due: num(e.total),
      amount_to_collect: num(e.amountToCollect),
    },
    invalid_products: e.invalidProducts.map((p) => ({
      unavailability_reason: p.reason,
      product: { id: p.productId, ...(p.name === null ? {} : { name: p.name }), ...(p.sku === null ? {} : { sku: p.sku }) },
    })),
  };
}

const dropNull = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;

/** An order in the contract's shape; `backOffice` adds the fields only the Back-Office shows. */
export function toOrderResponse(o: GqlOrder, backOffice = false): Record<string, unknown> {
  const out: Record<string, unknown> = dropNull({
    id: o.id,
    number: o.number,
    supply_method: o.supplyMethod,
    delivery_method: o.deliveryMethod,
    state: o.state,
    is_favorite: o.isFavorite,
    notes: o.notes,
    total: num(o.total),
    wallet_funds: num(o.walletFunds),
    amount_due: num(o.amountToCollect),
    amount_to_collect: num(o.amountToCollect),
    currency_code: o.currency,
    fulfilled_by: o.fulfilledBy === null ? null : { id: o.fulfilledBy },
    address: o.addressId === null ? null : { id: o.addressId },
    key_dates: dropNull({
      submitted_on: epochSeconds(o.submittedAt),
      started_on: o.startedAt === null ? null : epochSeconds(o.startedAt),
      completed_on: o.completedAt === null ? null : epochSeconds(o.completedAt),
      cancelled_on: o.cancelledAt === null ? null : epochSeconds(o.cancelledAt),
    }),
    cancellation_reason: o.cancellationReasonId === null ? null : { id: o.cancellationReasonId },
    discount: { amount: num(o.discount), amount_incl_tax: num(o.discount) },
    sub_total: num(o.total),
    net_amount: num(o.net),
    tax_amount: num(o.tax),
    items: o.items.map((i) =>
      dropNull({
        id: i.id,
        notes: i.notes,
        quantity: i.quantity,
        price: num(i.unitPrice),
        tax: num(i.tax),
        net: num(i.net),
        discount: { amount: num(i.discount) },
        sub_total: num(i.total),
        total: num(i.total),
        tax_model: i.taxModel,
        product: product(i),
        price_terms:
          i.priceTerms === null
            ? null
            : dropNull({
                id: i.priceTermsId,
                billing_period: i.priceTerms.billingPeriod,
                trial_period: i.priceTerms.trialPeriod,
                contract_period: i.priceTerms.contractPeriod,
                auto_renewed: i.priceTerms.autoRenewed,
                billing_model: i.priceTerms.billingModel,
              }),
      }),
    ),
  });
  if (backOffice)
    Object.assign(
      out,
      dropNull({
        contact: { id: o.contactId },
        account_id: o.accountId,
        estimation_id: o.estimateId,
        queue: { id: o.queueId, name: DEFAULT_QUEUE.name },
        stage: o.stage,
        payments: o.payments.map((p) => dropNull({ payment_method_type: p.paymentMethodType, amount: p.amount === null ? null : num(p.amount) })),
        refunded_wallet_funds: o.refundAmount === null ? null : num(o.refundAmount),
      }),
    );
  return out;
}

export function toOrderListItem(o: GqlOrder, backOffice = false): Record<string, unknown> {
  return dropNull({
    id: o.id,
    number: o.number,
    supply_method: o.supplyMethod,
    delivery_method: o.deliveryMethod,
    state: o.state,
    is_favorite: o.isFavorite,
    total: num(o.total),
    wallet_funds: num(o.walletFunds),
    amount_due: num(o.amountToCollect),
    amount_to_collect: num(o.amountToCollect),
    currency: o.currency,
    submitted_date: epochSeconds(o.submittedAt),
    discount: { amount: num(o.discount), amount_incl_tax: num(o.discount) },
    sub_total: num(o.total),
    net_amount: num(o.net),
    tax_amount: num(o.tax),
    stage: o.stage,
    items: o.items.map((i) =>
      dropNull({
        id: i.id,
        quantity: i.quantity,
        notes: i.notes,
        life_cycle_state: o.state === 'COMPLETED' ? 'DELIVERED' : 'PENDING_DELIVERY',
        product: product(i),
      }),
    ),
    contact: backOffice ? { id: o.contactId } : null,
  });
}
