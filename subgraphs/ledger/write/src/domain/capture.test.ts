import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Capture, capture } from './capture';
import { reserve } from './reserve';
import { evolveAll } from './book';
import { credited, fold, NOW, OPEN, opened, postingsOf, REVENUE, spec, uuid } from './ledger-test-kit';

const base: Capture = { reservationId: uuid(500), transactionId: uuid(600), destinationAccountId: REVENUE, lotId: uuid(601), amount: '2.00' };
const { given } = spec<Capture>(capture);

function reserved() {
  let h = opened();
  h = [...h, ...credited(h, '5.00', uuid(201))];
  return [...h, ...reserve(fold(h), { reservationId: uuid(500), accountId: OPEN, amount: '3.00', currency: 'EUR', expiresAt: null }, NOW)];
}

describe('capture', () => {
  it('unblocks the whole reservation and posts the captured part to the destination in one transaction', () => {
    const events = given(...reserved())
      .when(base)
      .events();
    assert.equal(events[0]?.type, 'ledger_account.reservation_released');
    assert.deepEqual(postingsOf(events), [
      { account: OPEN, amount: '-200', balance: '300' },
      { account: REVENUE, amount: '200', balance: '200' },
    ]);
    const book = evolveAll(fold(reserved()), events, NOW);
    assert.equal(book.accounts[OPEN]?.blocked, 0n);
    assert.equal(book.reservations[uuid(500)]?.state, 'CAPTURED');
  });

  it('captures once, never more than reserved, and an unknown reservation is not found', () => {
    const h = reserved();
    given(...h, ...capture(fold(h), base, NOW))
      .when({ ...base, transactionId: uuid(602) })
      .thenFails({ code: 'CONFLICT', reason: 'RESERVATION_NOT_ACTIVE' });
    given(...h)
      .when({ ...base, amount: '3.01' })
      .thenFails({ field: 'amount' });
    given(...h)
      .when({ ...base, reservationId: uuid(599) })
      .thenFails({ code: 'NOT_FOUND', reason: 'RESERVATION_NOT_FOUND' });
  });
});
