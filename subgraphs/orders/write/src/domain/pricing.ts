import { AppError } from '@crm/platform/errors';
import type { InvalidProduct, OrderLine, SupplyMethod, Totals } from '@crm/event-bus/contracts/orders';
import type { Price } from '@crm/event-bus/contracts/catalogue';
import type { OrderCatalogueView, ProductView } from './catalogue-view';
import { formatMoney, roundToCurrency, toMicro } from './money';

export interface OrderedItem {
  productId: string;
  quantity: number;
  priceTermsId: string | null;
  notes: string | null;
}

export interface PricingInput {
  items: OrderedItem[];
  supplyMethod: SupplyMethod;
  /** The products the items name (those the tenant has). */
  products: ReadonlyMap<string, ProductView>;
  /** Every order catalogue of the tenant: when there is one, a product must be offered by one for the supply method. */
  catalogues: readonly OrderCatalogueView[];
  /** One fresh id per item, for its line. */
  lineIds: readonly string[];
}

export interface PricedOrder {
  currency: string;
  lines: OrderLine[];
  invalidProducts: InvalidProduct[];
  totals: Totals;
}

/** Services ordered with their price terms (the contract: price_terms_id is required for them). */
const NEEDS_TERMS = new Set(['TERMED_SERVICE', 'ONE_TIME_SERVICE']);

/**
 * What `quantity` units cost under the price's model, in micro-units (null: no tier holds it):
 * FLAT each unit at the price; TIERED (graduated) each unit at its tier's price; VOLUME every
 * unit at the price of the tier the whole quantity falls in; STAIRSTEP the tier's price as the total.
 */
export function amountOf(price: Pick<Price, 'price' | 'priceModel' | 'tiers'>, quantity: number): bigint | null {
  const q = BigInt(quantity);
  if (price.priceModel === 'FLAT' || price.tiers.length === 0) return toMicro(price.price) * q;
  const holding = price.tiers.find((t) => quantity >= t.lower && (t.upper === null || quantity <= t.upper));
  if (!holding) return null;
  switch (price.priceModel) {
    case 'VOLUME':
      return toMicro(holding.price) * q;
    case 'STAIRSTEP':
      return toMicro(holding.price);
    case 'TIERED': {
      let sum = 0n;
      for (const t of price.tiers) {
        const from = Math.max(t.lower, 1);
        const to = Math.min(quantity, t.upper ?? quantity);
        if (to >= from) sum += toMicro(t.price) * BigInt(to - from + 1);
      }
      return sum;
    }
  }
}

function offered(product: ProductView, supplyMethod: SupplyMethod, catalogues: readonly OrderCatalogueView[]): boolean {
  if (catalogues.length === 0) return true;
  return catalogues.some(
    (c) =>
      c.supplyMethods.includes(supplyMethod) && (c.productIds.includes(product.id) || c.categoryIds.some((id) => product.categoryIds.includes(id))),
  );
}

/**
 * Prices an order request (pure). Products the tenant does not sell now are left out with their
 * reason (AVAILABILITY when disabled, ORDER_CATALOGUE when no order catalogue offers them for the
 * supply method); a request the catalogue cannot price is refused naming the field. No tax rates
 * are known to the catalogue yet: tax is 0, the price is the net amount whatever its tax model.
 */
export function priceOrder(input: PricingInput): PricedOrder {
  const lines: OrderLine[] = [];
  const invalidProducts: InvalidProduct[] = [];
  let currency: string | null = null;
  let net = 0n;
  input.items.forEach((item, i) => {
    const field = `items.${i}`;
    const product = input.products.get(item.productId);
    if (!product) throw AppError.validation(`${field}.id`, 'no such product', 'INVALID_ID');
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > 10_000)
      throw AppError.validation(`${field}.quantity`, 'must be a whole number from 1 to 10000', 'INVALID_VALUE');
    if (product.availability !== 'ENABLED') {
      invalidProducts.push({ productId: product.id, sku: product.sku, name: product.name, reason: 'AVAILABILITY' });
      return;
    }
    if (!offered(product, input.supplyMethod, input.catalogues)) {
      invalidProducts.push({ productId: product.id, sku: product.sku, name: product.name, reason: 'ORDER_CATALOGUE' });
      return;
    }
    let price: Price | undefined;
    if (item.priceTermsId) {
      price = product.prices.find((p) => p.id === item.priceTermsId);
      if (!price) throw AppError.validation(`${field}.priceTermsId`, 'is not a price of the product', 'INVALID_ID');
    } else {
      if (NEEDS_TERMS.has(product.classification))
        throw AppError.validation(`${field}.priceTermsId`, `is required for a ${product.classification}`, 'REQUIRED');
      price = product.prices.find((p) => p.isDefault) ?? product.prices[0];
      if (!price) throw AppError.validation(`${field}.id`, 'the product has no price', 'INVALID_VALUE');
    }
    if (price.supplyMethod !== null && price.supplyMethod !== input.supplyMethod)
      throw AppError.validation(`${field}.priceTermsId`, `is a price for ${price.supplyMethod} orders`, 'INVALID_VALUE');
    if (currency !== null && price.currencyCode !== currency)
      throw AppError.validation(`${field}.priceTermsId`, `is in ${price.currencyCode}; the order is in ${currency}`, 'INVALID_VALUE');
    currency = price.currencyCode;
    const amount = amountOf(price, item.quantity);
    if (amount === null) throw AppError.validation(`${field}.quantity`, 'no price tier holds this quantity', 'INVALID_VALUE');
    const total = roundToCurrency(amount, currency);
    net += total;
    lines.push({
      id: input.lineIds[i]!,
      productId: product.id,
      sku: product.sku,
      name: product.name,
      classification: product.classification,
      priceTermsId: price.id,
      priceTerms: price.priceTerms,
      quantity: item.quantity,
      unitPrice: price.price,
      taxModel: price.taxModel,
      net: formatMoney(total, currency),
      tax: formatMoney(0n, currency),
      discount: formatMoney(0n, currency),
      total: formatMoney(total, currency),
      notes: item.notes,
    });
  });
  const c = currency ?? 'EUR';
  const zero = formatMoney(0n, c);
  return { currency: c, lines, invalidProducts, totals: { net: formatMoney(net, c), tax: zero, discount: zero, total: formatMoney(net, c) } };
}
