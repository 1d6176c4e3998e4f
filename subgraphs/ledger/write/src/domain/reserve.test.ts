import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Reserve, reserve } from './reserve';
import { debit } from './debit';
import { credited, fold, NOW, OPEN, opened, REVENUE, spec, uuid } from './ledger-test-kit';
import { evolveAll } from './book';

const base: Reserve = {
  reservationId: uuid(500),
  accountId: OPEN,
  amount: '3.00',
  currency: 'EUR',
  expiresAt: new Date(NOW.getTime() + 3_600_000),
  reference: 'order:1',
};
const { given } = spec<Reserve>(reserve);

describe('reserve', () => {
  it('blocks funds: the balance stays, what can be spent drops by the reserved amount', () => {
    let h = opened();
    h = [...h, ...credited(h, '5.00', uuid(201))];
    const events = given(...h)
      .when(base)
      .events();
    assert.deepEqual(events, [
      {
        aggregateType: 'ledger_account',
        aggregateId: OPEN,
        type: 'ledger_account.funds_reserved',
        data: {
          reservationId: uuid(500),
          amount: '300',
          currency: 'EUR',
          blocked: '300',
          expiresAt: base.expiresAt!.toISOString(),
          reference: 'order:1',
        },
      },
    ]);
    const book = evolveAll(fold(h), events, NOW);
    assert.equal(book.accounts[OPEN]?.balance, 500n);
    const spend = { transactionId: uuid(501), accountId: OPEN, destinationAccountId: REVENUE, currency: 'EUR', type: 'SPEND' as const };
    assert.throws(() => debit(book, { ...spend, amount: '2.01' }, NOW), { reason: 'INSUFFICIENT_FUNDS' });
    assert.doesNotThrow(() => debit(book, { ...spend, amount: '2.00' }, NOW));
  });

  it('refuses to reserve more than can be spent, and a past expiry', () => {
    let h = opened();
    h = [...h, ...credited(h, '5.00', uuid(201))];
    h = [...h, ...reserve(fold(h), base, NOW)];
    given(...h)
      .when({ ...base, reservationId: uuid(502), amount: '2.01' })
      .thenFails({ reason: 'INSUFFICIENT_FUNDS' });
    given(...h)
      .when({ ...base, reservationId: uuid(502), amount: '1', expiresAt: new Date(NOW.getTime() - 1) })
      .thenFails({ field: 'expiresAt' });
  });
});
