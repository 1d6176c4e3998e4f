import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Credit, credit } from './credit';
import { LIABILITY, OPEN, opened, PRIMARY, postingsOf, REVENUE, spec, uuid } from './ledger-test-kit';

const base: Credit = {
  transactionId: uuid(100),
  lotId: uuid(200),
  accountId: OPEN,
  sourceAccountId: LIABILITY,
  amount: '10.50',
  currency: 'EUR',
  type: 'AWARD',
  expiresAt: new Date('2024-06-01T00:00:00.000Z'),
  unlockAt: null,
};
const { given } = spec<Credit>(credit);

describe('credit', () => {
  it('posts a balanced pair: the pocket up, the source system account down, and a lot with its expiry', () => {
    const events = given(...opened())
      .when(base)
      .events();
    assert.deepEqual(postingsOf(events), [
      { account: OPEN, amount: '1050', balance: '1050' },
      { account: LIABILITY, amount: '-1050', balance: '-1050' },
    ]);
    const posted = events[0]!;
    assert.equal(posted.type, 'ledger_account.posted');
    if (posted.type === 'ledger_account.posted')
      assert.deepEqual(posted.data.lot, { id: uuid(200), amount: '1050', expiresAt: '2024-06-01T00:00:00.000Z', unlockAt: null });
    const book = given(...opened())
      .when(base)
      .then(events);
    assert.equal(book.lots[uuid(200)]?.remaining, 1050n);
  });

  it('credits a contact account without a lot', () => {
    const events = given(...opened())
      .when({ ...base, accountId: PRIMARY, expiresAt: null })
      .events();
    assert.equal(events[0]?.type === 'ledger_account.posted' && events[0].data.lot, null);
  });

  it('refuses amounts <= 0, too many decimals, a currency the account does not hold, a non-system source, past expiry', () => {
    const g = given(...opened());
    g.when({ ...base, amount: '0' }).thenFails({ field: 'amount', reason: 'AMOUNT_NOT_POSITIVE' });
    g.when({ ...base, amount: '1.001' }).thenFails({ field: 'amount', reason: 'TOO_MANY_DECIMALS' });
    g.when({ ...base, currency: 'USD' }).thenFails({ field: 'currency', reason: 'CURRENCY_MISMATCH' });
    g.when({ ...base, sourceAccountId: PRIMARY }).thenFails({ field: 'source', reason: 'NOT_A_SYSTEM_ACCOUNT' });
    g.when({ ...base, sourceAccountId: uuid(999) }).thenFails({ code: 'NOT_FOUND', reason: 'LEDGER_ACCOUNT_NOT_FOUND' });
    g.when({ ...base, expiresAt: new Date('2024-01-01T00:00:00.000Z') }).thenFails({ field: 'expiresAt' });
    g.when({ ...base, unlockAt: new Date('2024-07-01T00:00:00.000Z') }).thenFails({ field: 'unlockAt' });
    void REVENUE;
  });
});
