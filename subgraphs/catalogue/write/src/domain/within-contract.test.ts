import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { withinContract } from './within-contract';

describe('withinContract', () => {
  it('passes changes inside their event contract', () => {
    const changes = [{ type: 'product_group.deleted', data: {} }];
    assert.equal(withinContract(changes), changes);
  });

  it('refuses a change outside its contract with a VALIDATION error naming the field in snake case', () => {
    assert.throws(() => withinContract([{ type: 'product.updated', data: { description: 'x'.repeat(2001) } }]), {
      code: 'VALIDATION',
      field: 'description',
    });
    assert.throws(
      () =>
        withinContract([
          {
            type: 'product.price_added',
            data: {
              price: {
                id: '00000000-0000-4000-8000-000000000001',
                price: '1.00',
                currencyCode: 'eur',
                taxModel: 'TAX_INCLUSIVE',
                priceModel: 'FLAT',
                tiers: [],
                priceTerms: null,
                supplyMethod: null,
                isDefault: true,
              },
            },
          },
        ]),
      { code: 'VALIDATION', field: 'currency_code' },
    );
  });
});
