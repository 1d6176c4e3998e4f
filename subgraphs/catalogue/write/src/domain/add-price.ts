import { AppError } from '@crm/platform/errors';
import type { Price } from '@crm/event-bus/contracts/catalogue';
import { normaliseAmount, tiersProblem, type ProductChange, type ProductState } from '@crm/catalogue-model';
import { notAllowed } from './references';

export interface AddPrice {
  /** The new price, its id chosen by the caller (it becomes the `price_terms_id` clients send). */
  price: Price;
}

const AMOUNT = /^\d{1,12}(\.\d{1,6})?$/;
const AMOUNT_RULE = 'must be a non-negative decimal amount with at most 6 fraction digits (e.g. "9.99")';

/** Classifications whose prices are recurring and so carry price terms. */
const NEEDS_TERMS = new Set(['TERMED_SERVICE']);
const MAY_HAVE_TERMS = new Set(['TERMED_SERVICE', 'USAGE_SERVICE']);

/**
 * Adds a price (pure): tiers that fit its model; price terms required for termed services,
 * allowed for usage services and refused otherwise; a trial only on termed services; no second
 * price with the same currency, terms and supply method. The first price is the default.
 */
export function addPrice(state: ProductState | null, cmd: AddPrice): ProductChange[] {
  if (!state) throw AppError.notFound('product', '');
  const p = cmd.price;
  if (!AMOUNT.test(p.price)) throw AppError.validation('price', AMOUNT_RULE, 'INVALID_VALUE');
  p.tiers.forEach((t, i) => {
    if (!AMOUNT.test(t.price)) throw AppError.validation(`tiers.${i}.price`, AMOUNT_RULE, 'INVALID_VALUE');
  });
  const problem = tiersProblem(p.priceModel, p.tiers);
  if (problem) throw new AppError('VALIDATION', `tiers: ${problem}`, { field: 'tiers', reason: 'INVALID_TIERS' });
  if (NEEDS_TERMS.has(state.classification) && !p.priceTerms)
    throw AppError.validation('price_terms', `a ${state.classification} price needs price terms`, 'REQUIRED');
  if (p.priceTerms && !MAY_HAVE_TERMS.has(state.classification))
    throw notAllowed('price_terms', `a ${state.classification} price has no price terms`);
  if (p.priceTerms?.trialPeriod && state.classification !== 'TERMED_SERVICE')
    throw notAllowed('price_terms.trial_period', 'only termed services have trials');
  const price: Price = {
    ...p,
    price: normaliseAmount(p.price),
    tiers: p.tiers.map((t) => ({ ...t, price: normaliseAmount(t.price) })),
    isDefault: p.isDefault || state.prices.length === 0,
  };
  const same = (a: Price) =>
    a.currencyCode === price.currencyCode &&
    a.supplyMethod === price.supplyMethod &&
    JSON.stringify(a.priceTerms) === JSON.stringify(price.priceTerms);
  if (state.prices.some(same))
    throw AppError.validation('price_terms', 'the product has a price with this currency, supply method and terms already', 'DUPLICATE');
  return [{ type: 'product.price_added', data: { price } }];
}
