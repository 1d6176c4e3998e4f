import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Transfer, transfer } from './transfer';
import { credited, OPEN, opened, OTHER_OPEN, postingsOf, spec, uuid } from './ledger-test-kit';

const base: Transfer = { transactionId: uuid(400), lotId: uuid(401), fromAccountId: OPEN, toAccountId: OTHER_OPEN, amount: '2.25', currency: 'EUR' };
const { given } = spec<Transfer>(transfer);

describe('transfer', () => {
  it('moves value between two wallets in one balanced transaction; the destination gets a lot', () => {
    let h = opened();
    h = [...h, ...credited(h, '5.00', uuid(201))];
    const book = given(...h)
      .when(base)
      .then(
        given(...h)
          .when(base)
          .events(),
      );
    assert.deepEqual(
      postingsOf(
        given(...h)
          .when(base)
          .events(),
      ),
      [
        { account: OPEN, amount: '-225', balance: '275' },
        { account: OTHER_OPEN, amount: '225', balance: '225' },
      ],
    );
    assert.equal(book.lots[uuid(401)]?.remaining, 225n);
    assert.equal(book.lots[uuid(201)]?.remaining, 275n);
  });

  it('refuses an overdraft, the same account on both sides, and a foreign currency', () => {
    let h = opened();
    h = [...h, ...credited(h, '1.00', uuid(201))];
    given(...h)
      .when(base)
      .thenFails({ reason: 'INSUFFICIENT_FUNDS' });
    given(...h)
      .when({ ...base, toAccountId: OPEN })
      .thenFails({ reason: 'SAME_ACCOUNT', field: 'destination' });
    given(...h)
      .when({ ...base, amount: '0.50', currency: 'GBP' })
      .thenFails({ reason: 'CURRENCY_MISMATCH', field: 'currency' });
  });
});
