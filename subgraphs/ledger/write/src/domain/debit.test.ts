import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Debit, debit } from './debit';
import { credited, LIABILITY, NOW, OPEN, opened, postingsOf, REVENUE, spec, uuid } from './ledger-test-kit';

const base: Debit = { transactionId: uuid(300), accountId: OPEN, destinationAccountId: REVENUE, amount: '4.00', currency: 'EUR', type: 'SPEND' };
const { given } = spec<Debit>(debit);
const day = (d: number) => new Date(NOW.getTime() + d * 86_400_000);

describe('debit', () => {
  it('spends lots earliest expiry first (never-expiring last), FIFO within equal expiry', () => {
    let h = opened();
    h = [...h, ...credited(h, '3.00', uuid(201))]; // never expires
    h = [...h, ...credited(h, '2.00', uuid(202), { expiresAt: day(20) })];
    h = [...h, ...credited(h, '2.00', uuid(203), { expiresAt: day(10) })];
    const events = given(...h)
      .when(base)
      .events();
    assert.deepEqual(postingsOf(events), [
      { account: OPEN, amount: '-400', balance: '300' },
      { account: REVENUE, amount: '400', balance: '400' },
    ]);
    const spent = events[0]!;
    assert.ok(spent.type === 'ledger_account.posted');
    if (spent.type === 'ledger_account.posted')
      assert.deepEqual(spent.data.consumedLots, [
        { lotId: uuid(203), amount: '200' },
        { lotId: uuid(202), amount: '200' },
      ]);
  });

  it('refuses an overdraft (insufficient funds), counting neither locked nor expired lots, and moves nothing', () => {
    let h = opened();
    h = [...h, ...credited(h, '3.00', uuid(201))];
    h = [...h, ...credited(h, '5.00', uuid(202), { unlockAt: day(5), expiresAt: day(30) })];
    given(...h)
      .when(base)
      .thenFails({ code: 'VALIDATION', reason: 'INSUFFICIENT_FUNDS', field: 'amount' });
    // the unlocked lot alone can be spent
    assert.deepEqual(
      postingsOf(
        given(...h)
          .when({ ...base, amount: '3.00' })
          .events(),
      )[0],
      { account: OPEN, amount: '-300', balance: '500' },
    );
  });

  it('spends down to exactly zero, not a cent more', () => {
    let h = opened();
    h = [...h, ...credited(h, '4.00', uuid(201))];
    assert.equal(
      postingsOf(
        given(...h)
          .when(base)
          .events(),
      )[0]?.balance,
      '0',
    );
    given(...h)
      .when({ ...base, amount: '4.01' })
      .thenFails({ reason: 'INSUFFICIENT_FUNDS' });
  });

  it('refuses a destination that is not a system account', () => {
    let h = opened();
    h = [...h, ...credited(h, '4.00', uuid(201))];
    given(...h)
      .when({ ...base, destinationAccountId: uuid(13) })
      .thenFails({ reason: 'NOT_A_SYSTEM_ACCOUNT' });
    void LIABILITY;
  });
});
