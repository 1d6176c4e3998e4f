import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type OpenWallet, openWallet } from './open-wallet';
import { BUSINESS, CONTACT, OPEN, opened, PRIMARY, spec, uuid, WALLET } from './ledger-test-kit';

const cmd: OpenWallet = {
  walletId: WALLET,
  contactId: CONTACT,
  code: '1234567890123456',
  currency: 'EUR',
  openAccountId: OPEN,
  businessAccountId: BUSINESS,
  primaryAccountId: PRIMARY,
};
const { given } = spec<OpenWallet>((book, c) => openWallet(book, c));

describe('openWallet', () => {
  it('opens the wallet, its open and business pockets and the primary account in the default currency, at zero', () => {
    const events = given().when(cmd).events();
    assert.deepEqual(
      events.map((e) => [e.type, e.aggregateId]),
      [
        ['wallet.opened', WALLET],
        ['ledger_account.opened', OPEN],
        ['ledger_account.opened', BUSINESS],
        ['ledger_account.opened', PRIMARY],
      ],
    );
    const book = given().when(cmd).then(events);
    assert.deepEqual(Object.keys(book.wallets), [WALLET]);
    assert.deepEqual(
      Object.values(book.accounts).map((a) => [a.kind, a.pocket, a.currency, a.isPrimary, a.balance, a.minBalance]),
      [
        ['WALLET_POCKET', 'OPEN', 'EUR', false, 0n, 0n],
        ['WALLET_POCKET', 'BUSINESS', 'EUR', false, 0n, 0n],
        ['CONTACT_ACCOUNT', null, 'EUR', true, 0n, 0n],
      ],
    );
  });

  it('opens one wallet per contact, and refuses bad codes and currencies', () => {
    given(...opened())
      .when({ ...cmd, walletId: uuid(50) })
      .thenFails({ code: 'CONFLICT', reason: 'WALLET_EXISTS' });
    given()
      .when({ ...cmd, code: '123' })
      .thenFails({ field: 'code' });
    given()
      .when({ ...cmd, currency: 'EURO' })
      .thenFails({ field: 'currency', reason: 'INVALID_CURRENCY' });
  });
});
