import { registry } from '@crm/event-bus/contracts';
import { ORDER_AGGREGATE, ORDER_ESTIMATE_AGGREGATE } from '@crm/event-bus/contracts/orders';
import { deciderSpecification } from '@crm/platform/testing';
import type { ProductView } from './catalogue-view';
import { evolveEstimate, type EstimateChange, type EstimateState } from './estimate';
import { evolveOrder, type OrderChange, type OrderState } from './order';
import { priceOrder } from './pricing';

export const at = new Date('2026-05-01T10:00:00.000Z');
export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const CONTACT = uuid(1);
export const OTHER_CONTACT = uuid(2);
export const ACCOUNT = uuid(3);
export const WALLET = uuid(4);
export const RESERVATION = uuid(5);
export const CAPTURE_TX = uuid(6);

/** Validates an emitted change against its event contract, as the command handler's envelope would carry it. */
const validateAgainstContract = (aggregateType: string) => (change: { type: string; data: unknown }, version: number) =>
  registry.validate({
    id: uuid(900),
    type: change.type,
    schemaVersion: 1,
    tenantId: 't1',
    aggregateType,
    aggregateId: uuid(999),
    aggregateVersion: version,
    occurredAt: at.toISOString(),
    correlationId: 'corr-1',
    causationId: null,
    actor: { kind: 'user', id: 'u1' },
    data: change.data,
  });

export const estimateSpec = <C>(decide: (state: EstimateState | null, cmd: C) => EstimateChange[]) =>
  deciderSpecification<EstimateState, EstimateChange, C>({
    decide,
    evolve: evolveEstimate,
    at,
    validate: validateAgainstContract(ORDER_ESTIMATE_AGGREGATE),
  });

export const orderSpec = <C>(decide: (state: OrderState | null, cmd: C) => OrderChange[]) =>
  deciderSpecification<OrderState, OrderChange, C>({ decide, evolve: evolveOrder, at, validate: validateAgainstContract(ORDER_AGGREGATE) });

/** A product of the price view with one flat price (id `priceId`). */
export function product(n: number, over: Partial<ProductView> = {}, price: Partial<ProductView['prices'][number]> = {}): ProductView {
  return {
    kind: 'PRODUCT',
    id: uuid(n),
    version: 2,
    sku: `SKU${n}`,
    name: `Product ${n}`,
    classification: 'NON_TRACEABLE_PHYSICAL_GOOD',
    availability: 'ENABLED',
    categoryIds: [],
    prices: [
      {
        id: uuid(n + 500),
        price: '2.50',
        currencyCode: 'EUR',
        taxModel: 'TAX_INCLUSIVE',
        priceModel: 'FLAT',
        tiers: [],
        priceTerms: null,
        supplyMethod: null,
        isDefault: true,
        ...price,
      },
    ],
    ...over,
  };
}

/** 4 × product 10 at 2.50: 10.00 EUR. */
export const priced = priceOrder({
  items: [{ productId: uuid(10), quantity: 4, priceTermsId: null, notes: null }],
  supplyMethod: 'PICK_UP',
  products: new Map([[uuid(10), product(10)]]),
  catalogues: [],
  lineIds: [uuid(700)],
});

/** An estimate of `priced` holding `wallet` of the contact's funds, expiring 15 minutes after `at`. */
export function estimateCreated(wallet: string | null = '6.00'): EstimateChange {
  return {
    type: 'order_estimate.created',
    data: {
      contactId: CONTACT,
      accountId: ACCOUNT,
      supplyMethod: 'PICK_UP',
      deliveryMethod: null,
      paymentMethodType: 'CRM_WALLET',
      fulfilledBy: null,
      addressId: null,
      notes: null,
      currency: priced.currency,
      lines: priced.lines,
      invalidProducts: priced.invalidProducts,
      totals: priced.totals,
      wallet: wallet === null ? null : { walletId: WALLET, reservationId: RESERVATION, amount: wallet },
      expiresAt: new Date(at.getTime() + 15 * 60_000).toISOString(),
    },
  };
}
