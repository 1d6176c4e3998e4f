import { describe, it } from 'node:test';
import { addPrice, type AddPrice } from './add-price';
import { created, monthly, productSpec, uuid } from './test-kit';

const { given } = productSpec<AddPrice>(addPrice);
const tiers = [
  { lower: 1, upper: 10, price: '5' },
  { lower: 11, upper: null, price: '4.5' },
];

describe('addPrice', () => {
  it('adds the first price as the default, its amounts written canonically', () => {
    given(created())
      .when({ price: monthly({ price: '009.9900' }) })
      .then([{ type: 'product.price_added', data: { price: monthly({ isDefault: true }) } }]);
  });

  it('adds tiered prices with tiers that fit the model', () => {
    given(created(), { type: 'product.price_added', data: { price: monthly({ isDefault: true }) } })
      .when({ price: monthly({ id: uuid(51), currencyCode: 'USD', priceModel: 'VOLUME', tiers }) })
      .then([
        {
          type: 'product.price_added',
          data: {
            price: monthly({
              id: uuid(51),
              currencyCode: 'USD',
              priceModel: 'VOLUME',
              tiers: [
                { lower: 1, upper: 10, price: '5.00' },
                { lower: 11, upper: null, price: '4.50' },
              ],
            }),
          },
        },
      ]);
  });

  it('refuses bad amounts and tiers, naming the field', () => {
    given(created())
      .when({ price: monthly({ price: '9.99.1' }) })
      .thenFails({ code: 'VALIDATION', field: 'price' });
    given(created())
      .when({ price: monthly({ price: '-1' }) })
      .thenFails({ code: 'VALIDATION', field: 'price' });
    given(created())
      .when({ price: monthly({ priceModel: 'TIERED', tiers: [{ lower: 1, upper: 10, price: 'x' }] }) })
      .thenFails({ code: 'VALIDATION', field: 'tiers.0.price' });
    given(created())
      .when({ price: monthly({ priceModel: 'TIERED' }) })
      .thenFails({ code: 'VALIDATION', field: 'tiers', reason: 'INVALID_TIERS' });
    given(created())
      .when({ price: monthly({ tiers }) })
      .thenFails({ code: 'VALIDATION', field: 'tiers', reason: 'INVALID_TIERS' });
  });

  it('needs price terms for termed services, refuses them for one-time services and goods, trials only for termed', () => {
    given(created())
      .when({ price: monthly({ priceTerms: null }) })
      .thenFails({ field: 'price_terms', reason: 'REQUIRED' });
    given(created({ classification: 'ONE_TIME_SERVICE' }))
      .when({ price: monthly() })
      .thenFails({ field: 'price_terms', reason: 'NOT_ALLOWED_FOR_PRODUCT' });
    given(created({ classification: 'TRACEABLE_PHYSICAL_GOOD' }))
      .when({ price: monthly({ priceTerms: null }) })
      .then([{ type: 'product.price_added', data: { price: monthly({ priceTerms: null, isDefault: true }) } }]);
    const trial = monthly().priceTerms!;
    given(created({ classification: 'USAGE_SERVICE' }))
      .when({ price: monthly({ priceTerms: { ...trial, trialPeriod: { duration: 7, uot: 'DAY' } } }) })
      .thenFails({ field: 'price_terms.trial_period', reason: 'NOT_ALLOWED_FOR_PRODUCT' });
  });

  it('refuses a second price with the same currency, supply method and terms', () => {
    given(created(), { type: 'product.price_added', data: { price: monthly({ isDefault: true }) } })
      .when({ price: monthly({ id: uuid(51), price: '5' }) })
      .thenFails({ code: 'VALIDATION', field: 'price_terms', reason: 'DUPLICATE' });
  });
});
