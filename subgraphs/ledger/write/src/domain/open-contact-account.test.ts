import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openContactAccount, type OpenContactAccount } from './open-contact-account';
import { updateAccount } from './update-account';
import { CONTACT, fold, opened, PRIMARY, spec, uuid } from './ledger-test-kit';

const USD = uuid(60);
const cmd: OpenContactAccount = { accountId: USD, contactId: CONTACT, currency: 'USD', name: 'Dollars' };
const { given } = spec<OpenContactAccount>((book, c) => openContactAccount(book, c));

describe('openContactAccount', () => {
  it('opens another account at zero with its details; the existing primary keeps the flag unless the new one asks for it', () => {
    const events = given(...opened())
      .when(cmd)
      .events();
    assert.deepEqual(
      events.map((e) => [e.type, e.aggregateId]),
      [
        ['ledger_account.opened', USD],
        ['ledger_account.updated', USD],
      ],
    );
    const book = given(...opened())
      .when(cmd)
      .then(events);
    assert.deepEqual([book.accounts[USD]!.isPrimary, book.accounts[PRIMARY]!.isPrimary, book.accounts[USD]!.currency], [false, true, 'USD']);
  });

  it('a primary one takes the flag from the previous primary; a credit limit lets it go below zero', () => {
    const events = given(...opened())
      .when({ ...cmd, isPrimary: true, creditLimit: '25.50' })
      .events();
    assert.deepEqual(
      events.map((e) => [e.type, e.aggregateId, e.type === 'ledger_account.updated' ? [e.data.isPrimary, e.data.creditLimit] : null]),
      [
        ['ledger_account.opened', USD, null],
        ['ledger_account.updated', USD, [true, '2550']],
        ['ledger_account.updated', PRIMARY, [false, '0']],
      ],
    );
    const book = given(...opened())
      .when({ ...cmd, isPrimary: true, creditLimit: '25.50' })
      .then(events);
    assert.equal(book.accounts[USD]!.minBalance, -2550n);
  });

  it('refuses a currency that is not one, and too many decimals in the credit limit, naming the field', () => {
    given(...opened())
      .when({ ...cmd, currency: 'USDX' })
      .thenFails({ field: 'currency_code', reason: 'INVALID_CURRENCY' });
    given(...opened())
      .when({ ...cmd, creditLimit: '1.001' })
      .thenFails({ field: 'credit_limit', reason: 'TOO_MANY_DECIMALS' });
  });
});

describe('updateAccount', () => {
  it('moves the primary flag, keeps one primary, refuses a credit limit below what the account owes', () => {
    const history = [...opened(), ...openContactAccount(fold(opened()), { ...cmd, creditLimit: '10' })];
    const changes = updateAccount(fold(history), { accountId: USD, isPrimary: true, classificationId: 'retail' });
    assert.deepEqual(
      changes.map((c) => [c.aggregateId, c.type === 'ledger_account.updated' ? [c.data.isPrimary, c.data.classificationId] : null]),
      [
        [USD, [true, 'retail']],
        [PRIMARY, [false, null]],
      ],
    );
    assert.throws(() => updateAccount(fold(history), { accountId: PRIMARY, isPrimary: false }), {
      field: 'is_primary',
      reason: 'PRIMARY_REQUIRED',
    } as never);
    const owing = fold(history);
    owing.accounts[USD] = { ...owing.accounts[USD]!, balance: -800n };
    assert.throws(() => updateAccount(owing, { accountId: USD, creditLimit: '7.99' }), {
      field: 'credit_limit',
      reason: 'CREDIT_LIMIT_BELOW_BALANCE',
    } as never);
    assert.equal(updateAccount(owing, { accountId: USD, creditLimit: '8' }).length, 1);
    assert.throws(() => updateAccount(fold(history), { accountId: uuid(3) }), { code: 'NOT_FOUND' } as never);
  });
});
