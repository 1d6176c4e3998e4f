import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expireLot } from './expire-lot';
import { credited, EXPIRY, NOW, OPEN, opened, postingsOf, spec, uuid } from './ledger-test-kit';

type Cmd = { lotId: string; transactionId: string; expiryAccountId: string };
const { given } = spec<Cmd>(expireLot);
const cmd: Cmd = { lotId: uuid(202), transactionId: uuid(800), expiryAccountId: EXPIRY };

describe('expireLot', () => {
  it("moves what is left of a due lot to the tenant's expiry account, and only that lot", () => {
    let h = opened();
    h = [...h, ...credited(h, '3.00', uuid(201))];
    h = [...h, ...credited(h, '2.00', uuid(202), { expiresAt: new Date(NOW.getTime() - 30_000) })];
    const events = given(...h)
      .when(cmd)
      .events();
    assert.deepEqual(postingsOf(events), [
      { account: OPEN, amount: '-200', balance: '300' },
      { account: EXPIRY, amount: '200', balance: '200' },
    ]);
    assert.ok(events[0]?.type === 'ledger_account.posted' && events[0].data.transactionType === 'EXPIRY');
  });

  it('does nothing for a lot not yet due', () => {
    let h = opened();
    h = [...h, ...credited(h, '2.00', uuid(202), { expiresAt: new Date(NOW.getTime() + 30_000) })];
    given(...h)
      .when(cmd)
      .then([]);
  });
});
