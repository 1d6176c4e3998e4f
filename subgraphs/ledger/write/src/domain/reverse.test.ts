import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Reverse, reverse } from './reverse';
import { debit } from './debit';
import { credited, fold, LIABILITY, NOW, OPEN, opened, postingsOf, REVENUE, spec, uuid } from './ledger-test-kit';

const { given } = spec<Reverse>(reverse);

describe('reverse', () => {
  it('posts the opposite postings as a new transaction, once; the original is never edited', () => {
    let h = opened();
    h = [...h, ...credited(h, '5.00', uuid(201))];
    h = [
      ...h,
      ...debit(
        fold(h),
        { transactionId: uuid(300), accountId: OPEN, destinationAccountId: REVENUE, amount: '2.00', currency: 'EUR', type: 'SPEND' },
        NOW,
      ),
    ];
    const cmd: Reverse = { transactionId: uuid(300), reversalId: uuid(700), lotIds: { [OPEN]: uuid(701) } };
    const events = given(...h)
      .when(cmd)
      .events();
    assert.deepEqual(postingsOf(events), [
      { account: OPEN, amount: '200', balance: '500' },
      { account: REVENUE, amount: '-200', balance: '0' },
    ]);
    assert.ok(events.every((e) => e.type === 'ledger_account.posted' && e.data.reversesTransactionId === uuid(300)));
    given(...h, ...events)
      .when({ ...cmd, reversalId: uuid(702) })
      .thenFails({ code: 'CONFLICT', reason: 'ALREADY_REVERSED' });
    given(...h, ...events)
      .when({ ...cmd, transactionId: uuid(700), reversalId: uuid(703) })
      .thenFails({ code: 'CONFLICT', reason: 'NOT_REVERSIBLE' });
  });

  it('refuses to take back a credit that was spent, and an unknown transaction', () => {
    let h = opened();
    h = [...h, ...credited(h, '5.00', uuid(201))];
    const creditTx = h.at(-1)!.type === 'ledger_account.posted' ? (h.at(-1) as { data: { transactionId: string } }).data.transactionId : '';
    h = [
      ...h,
      ...debit(
        fold(h),
        { transactionId: uuid(300), accountId: OPEN, destinationAccountId: REVENUE, amount: '2.00', currency: 'EUR', type: 'SPEND' },
        NOW,
      ),
    ];
    given(...h)
      .when({ transactionId: creditTx, reversalId: uuid(700), lotIds: {} })
      .thenFails({ reason: 'INSUFFICIENT_FUNDS' });
    given(...h)
      .when({ transactionId: uuid(999), reversalId: uuid(700), lotIds: {} })
      .thenFails({ code: 'NOT_FOUND', reason: 'LEDGER_TRANSACTION_NOT_FOUND' });
    void LIABILITY;
  });
});
