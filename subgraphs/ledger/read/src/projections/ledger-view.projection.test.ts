import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LedgerEvent } from '@crm/event-bus/contracts/ledger';
import { accountViewStatements } from './account-view.projection';
import { journalViewStatements } from './journal-view.projection';
import { lotViewStatements } from './lot-view.projection';
import { walletViewStatements } from './wallet-view.projection';

const ACCOUNT = '00000000-0000-4000-8000-000000000003';
const envelope = (type: string, data: unknown, aggregateType = 'ledger_account'): LedgerEvent =>
  ({
    id: '00000000-0000-4000-8000-000000000900',
    type,
    schemaVersion: 1,
    tenantId: 't1',
    aggregateType,
    aggregateId: ACCOUNT,
    aggregateVersion: 2,
    occurredAt: '2024-05-01T10:00:00.000Z',
    correlationId: 'c',
    causationId: null,
    actor: { kind: 'service', id: 'rewards' },
    data,
  }) as LedgerEvent;

const posted = envelope('ledger_account.posted', {
  transactionId: '00000000-0000-4000-8000-000000000100',
  transactionType: 'SPEND',
  amount: '-250',
  currency: 'EUR',
  balance: '750',
  blocked: '100',
  lot: null,
  consumedLots: [
    { lotId: '00000000-0000-4000-8000-000000000201', amount: '200' },
    { lotId: '00000000-0000-4000-8000-000000000202', amount: '50' },
  ],
  reversesTransactionId: null,
  reservationId: null,
  notes: null,
  reference: 'purchase:1',
});

describe('ledger projections (pure, tenant-scoped statements)', () => {
  it('a posting sets the account balance and blocked amount it carries, adds one journal row and lowers the lots it consumed', () => {
    const [account] = accountViewStatements(posted);
    assert.deepEqual(account?.params, ['t1', ACCOUNT, '750', '100', '2024-05-01T10:00:00.000Z']);
    const [journal] = journalViewStatements(posted);
    assert.match(journal!.sql, /ON CONFLICT \(tenant_id, transaction_id, account_id\) DO NOTHING/);
    assert.deepEqual(journal!.params.slice(0, 7), ['t1', '00000000-0000-4000-8000-000000000100', ACCOUNT, 'SPEND', '-250', 'EUR', '750']);
    assert.deepEqual(
      lotViewStatements(posted).map((s) => s.params),
      [
        ['t1', '00000000-0000-4000-8000-000000000201', '200'],
        ['t1', '00000000-0000-4000-8000-000000000202', '50'],
      ],
    );
    assert.deepEqual(walletViewStatements(posted), []);
  });

  it('every statement names the tenant as its first parameter', () => {
    const reserved = envelope('ledger_account.funds_reserved', {
      reservationId: '00000000-0000-4000-8000-000000000500',
      amount: '100',
      currency: 'EUR',
      blocked: '100',
      expiresAt: null,
      reference: null,
    });
    for (const s of [
      ...accountViewStatements(posted),
      ...accountViewStatements(reserved),
      ...journalViewStatements(posted),
      ...lotViewStatements(posted),
    ]) {
      assert.equal(s.params[0], 't1');
      assert.match(s.sql, /tenant_id/);
    }
  });
});
