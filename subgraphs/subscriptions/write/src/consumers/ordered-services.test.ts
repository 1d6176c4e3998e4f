import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { servicesOfOrder } from './ordered-services';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const line = (n: number, classification: string, priceTerms: unknown = null) => ({
  id: uuid(100 + n),
  productId: uuid(n),
  sku: `S${n}`,
  name: `P${n}`,
  classification,
  priceTermsId: uuid(200 + n),
  priceTerms,
  quantity: 1,
  unitPrice: '9.99',
  taxModel: 'TAX_INCLUSIVE',
  net: '9.99',
  tax: '0.00',
  discount: '0.00',
  total: '9.99',
  notes: null,
});
const order = (lines: unknown[], payments: unknown[] = []) =>
  ({ aggregateId: uuid(1), data: { contactId: uuid(2), accountId: uuid(3), lines, payments } }) as never;

describe('the services an order opens', () => {
  it('adds each TERMED_SERVICE line at its price terms; goods and one-time services open nothing', () => {
    const terms = {
      billingPeriod: { duration: 1, uot: 'MONTH' },
      trialPeriod: { duration: 7, uot: 'DAY' },
      contractPeriod: { duration: 12, uot: 'HOUR' },
      autoRenewed: false,
      billingModel: 'PRE_BILL',
    };
    const input = servicesOfOrder(
      order(
        [line(10, 'TERMED_SERVICE', terms), line(11, 'NON_TRACEABLE_PHYSICAL_GOOD')],
        [
          { paymentMethodType: 'CASH', amount: null, paymentMethodId: null },
          { paymentMethodType: 'CARD', amount: null, paymentMethodId: null },
        ],
      ),
    );
    assert.deepEqual(input, {
      contactId: uuid(2),
      accountId: uuid(3),
      paymentMethodType: 'CARD',
      startAt: null,
      services: [
        { productId: uuid(10), priceTermsId: uuid(210), quantity: 1, trial: { duration: 7, uot: 'DAY' }, contract: null, autoRenewal: 'OPT_OUT' },
      ],
    });
    assert.equal(servicesOfOrder(order([line(11, 'NON_TRACEABLE_PHYSICAL_GOOD'), line(12, 'ONE_TIME_SERVICE')])), null);
  });
});
