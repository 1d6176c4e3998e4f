import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@crm/platform/db';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { AppError } from '@crm/platform/errors';
import { registry } from '@crm/event-bus';
import type { RequestContext } from '@crm/event-bus/kit';
import { databaseConfig } from '../persistence/database';
import { LedgerCommands } from './ledger-commands';
import { LedgerSettingsCommands } from './settings-commands';

const backends = testBackends();
const logger = pino({ level: backends.logLevel });

describe('ledger commands on PostgreSQL (locks, idempotency, invariants)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let commands: LedgerCommands;
  let clock = new Date();
  const tenantId = `t-${randomUUID().slice(0, 8)}`;
  const ctx: RequestContext = { tenantId, correlationId: 'corr-ledger', actor: { kind: 'service', id: 'rewards' } };
  const key = (scope: string) => ({ scope: `ledger.${scope}`, key: `k-${randomUUID()}`, request: {} });

  const balances = async () =>
    (await ds.query(
      `SELECT a.id, a.balance::text AS cached, coalesce((SELECT sum(p.amount) FROM ledger_postings p WHERE p.account_id = a.id), 0)::text AS folded,
              coalesce((SELECT sum(l.remaining) FROM ledger_lots l WHERE l.account_id = a.id), 0)::text AS lots, a.kind, a.min_balance::text AS min
         FROM ledger_accounts a WHERE a.tenant_id = $1`,
      [tenantId],
    )) as { id: string; cached: string; folded: string; lots: string; kind: string; min: string | null }[];

  /** The ledger's invariants: postings sum to zero per currency; every cached balance is the fold of its postings (and of its lots on wallet pockets); nothing below its minimum. */
  async function assertInvariants() {
    const sums = (await ds.query(`SELECT currency, sum(amount)::text AS s FROM ledger_postings WHERE tenant_id = $1 GROUP BY currency`, [
      tenantId,
    ])) as { s: string }[];
    for (const s of sums) assert.equal(s.s, '0');
    for (const b of await balances()) {
      assert.equal(b.cached, b.folded, `account ${b.id}: cached balance vs postings`);
      if (b.kind === 'WALLET_POCKET') assert.equal(b.lots, b.folded, `account ${b.id}: lots vs postings`);
      if (b.min !== null) assert.ok(BigInt(b.cached) >= BigInt(b.min), `account ${b.id} below its minimum`);
    }
  }

  const wallet = async () => {
    const contactId = randomUUID();
    const w = await commands.openWallet(ctx, contactId);
    return { contactId, ...w };
  };
  const fund = (walletId: string, amount: string, extra: { expiresAt?: Date | null; unlockAt?: Date | null } = {}) =>
    commands.credit(
      ctx,
      {
        account: { walletId },
        source: 'REWARDS_LIABILITY',
        amount,
        currency: 'EUR',
        type: 'AWARD',
        expiresAt: extra.expiresAt ?? null,
        unlockAt: extra.unlockAt ?? null,
      },
      key('credit'),
    );
  const spend = (walletId: string, amount: string, k = key('debit')) =>
    commands.debit(ctx, { account: { walletId }, destination: 'REVENUE', amount, currency: 'EUR', type: 'SPEND' }, k);

  before(async () => {
    db = await createTestDatabase(backends.databaseUrl, 'ledger_cmds');
    ds = await createDataSource({
      ...databaseConfig({ DATABASE_URL: db.url, DATA_DIR: '.data' }, logger),
      entities: [],
      migrate: true,
      inMemory: !db.url,
    });
    commands = new LedgerCommands(
      ds,
      registry,
      () => undefined,
      'EUR',
      () => clock,
    );
  });
  after(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('opens one wallet per contact (16-digit code, open/business pockets, primary account), even when asked concurrently', async () => {
    const contactId = randomUUID();
    const opened = await Promise.all(Array.from({ length: 5 }, () => commands.openWallet(ctx, contactId)));
    assert.equal(new Set(opened.map((o) => o.walletId)).size, 1);
    assert.equal(opened.filter((o) => o.opened).length, 1);
    assert.match(opened[0]!.code, /^\d{16}$/);
    const accounts = (await ds.query(
      `SELECT kind, pocket, currency, is_primary FROM ledger_accounts WHERE tenant_id = $1 AND contact_id = $2 ORDER BY kind, pocket`,
      [tenantId, contactId],
    )) as { kind: string; pocket: string | null; currency: string; is_primary: boolean }[];
    assert.deepEqual(
      accounts.map((a) => [a.kind, a.pocket, a.currency, a.is_primary]),
      [
        ['CONTACT_ACCOUNT', null, 'EUR', true],
        ['WALLET_POCKET', 'BUSINESS', 'EUR', false],
        ['WALLET_POCKET', 'OPEN', 'EUR', false],
      ],
    );
  });

  it('TOP_UP and CREDIT limit rules bound what comes into a wallet: 400 naming amount, nothing posted', async () => {
    const w = await wallet();
    const settings = new LedgerSettingsCommands(
      ds,
      registry,
      () => undefined,
      120,
      () => clock,
    );
    await settings.updateWallet(
      ctx,
      w.walletId,
      {
        limitRules: [
          { id: randomUUID(), name: null, appliesFor: ['TOP_UP'], currency: 'EUR', maximumAmount: '30.00', maximumNumber: null, period: 'DAILY' },
          { id: randomUUID(), name: null, appliesFor: ['CREDIT'], currency: 'EUR', maximumAmount: null, maximumNumber: 2, period: 'MONTHLY' },
        ],
      },
      null,
    );
    const topUp = (amount: string) =>
      commands.credit(
        ctx,
        { account: { walletId: w.walletId }, source: 'TOPUP_CLEARING', amount, currency: 'EUR', type: 'TOP_UP', expiresAt: null, unlockAt: null },
        key('credit'),
      );
    const overLimit = (e: unknown) => e instanceof AppError && e.reason === 'WALLET_LIMIT_EXCEEDED' && e.field === 'amount';
    await topUp('20.00');
    await assert.rejects(topUp('10.01'), overLimit);
    await topUp('10.00');
    // CREDIT rules count awards and other credits, not top-ups: two more, then refused
    await fund(w.walletId, '1.00');
    await fund(w.walletId, '1.00');
    await assert.rejects(fund(w.walletId, '1.00'), overLimit);
    const [row] = (await ds.query(`SELECT sum(balance)::text AS s FROM ledger_accounts WHERE tenant_id = $1 AND wallet_id = $2`, [
      tenantId,
      w.walletId,
    ])) as { s: string }[];
    assert.equal(row?.s, '3200');
    await assertInvariants();
  });

  it('100 concurrent 1.00 spends against a 50.00 wallet from 4 replicas: exactly 50 succeed, the rest are insufficient funds, nothing goes negative', async () => {
    const w = await wallet();
    await fund(w.walletId, '50.00');
    // four command handlers (as four replicas would have): their in-process lanes do not see each
    // other, so only the database row lock stands between the spends
    const replicas = Array.from(
      { length: 4 },
      () =>
        new LedgerCommands(
          ds,
          registry,
          () => undefined,
          'EUR',
          () => clock,
        ),
    );
    const spendOn = (r: LedgerCommands) =>
      r.debit(ctx, { account: { walletId: w.walletId }, destination: 'REVENUE', amount: '1.00', currency: 'EUR', type: 'SPEND' }, key('debit'));
    const started = process.hrtime.bigint();
    const outcomes = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => spendOn(replicas[i % 4]!)));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const ok = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason as AppError);
    assert.equal(ok.length, 50);
    assert.equal(refused.length, 50);
    assert.ok(
      refused.every((e) => e instanceof AppError && e.reason === 'INSUFFICIENT_FUNDS'),
      String(refused.find((e) => !(e instanceof AppError))),
    );
    const [pocket] = (await ds.query(`SELECT balance::text AS b FROM ledger_accounts WHERE wallet_id = $1 AND pocket = 'OPEN'`, [w.walletId])) as {
      b: string;
    }[];
    assert.equal(pocket?.b, '0');
    await assertInvariants();
    logger.info({ ms, perSpendMs: ms / 100 }, 'row-lock: 100 concurrent spends on one wallet');
  });

  it('transfers both ways between two wallets at once never deadlock and conserve the total', async () => {
    const a = await wallet();
    const b = await wallet();
    await fund(a.walletId, '20.00');
    await fund(b.walletId, '20.00');
    const moves = Array.from({ length: 40 }, (_, i) =>
      commands.transfer(
        ctx,
        { from: { walletId: i % 2 ? a.walletId : b.walletId }, to: { walletId: i % 2 ? b.walletId : a.walletId }, amount: '1.00', currency: 'EUR' },
        key('transfer'),
      ),
    );
    const outcomes = await Promise.allSettled(moves);
    assert.equal(
      outcomes.filter((o) => o.status === 'rejected').length,
      0,
      String(
        outcomes.find((o) => o.status === 'rejected')?.status === 'rejected' &&
          (outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason,
      ),
    );
    const total = (await ds.query(`SELECT sum(balance)::text AS s FROM ledger_accounts WHERE wallet_id = ANY($1::uuid[])`, [
      [a.walletId, b.walletId],
    ])) as { s: string }[];
    assert.equal(total[0]?.s, '4000');
    await assertInvariants();
  });

  it('an idempotency key gives one effect: the same input returns the first answer, another input is a conflict', async () => {
    const w = await wallet();
    await fund(w.walletId, '10.00');
    const k = { scope: 'ledger.debit', key: `k-${randomUUID()}`, request: { walletId: w.walletId, amount: '2.00' } };
    const [first, again] = await Promise.all([spend(w.walletId, '2.00', k), spend(w.walletId, '2.00', k)].map((p) => p.catch((e: unknown) => e)));
    const answers = [first, again].filter((x): x is Awaited<ReturnType<typeof spend>> => !(x instanceof Error));
    assert.ok(answers.length >= 1);
    const third = await spend(w.walletId, '2.00', k);
    assert.equal(third.transactionId, answers[0]!.transactionId);
    assert.equal(third.postings[0]?.amount, -200n);
    await assert.rejects(spend(w.walletId, '3.00', { ...k, request: { walletId: w.walletId, amount: '3.00' } }), {
      reason: 'IDEMPOTENCY_KEY_REUSED',
    });
    const [pocket] = (await ds.query(`SELECT balance::text AS b FROM ledger_accounts WHERE wallet_id = $1 AND pocket = 'OPEN'`, [w.walletId])) as {
      b: string;
    }[];
    assert.equal(pocket?.b, '800');
  });

  it('reservations block funds; capture posts, release and expiry unblock; lots expire at their instant; reversal undoes once', async () => {
    const w = await wallet();
    clock = new Date('2030-01-01T00:00:00.000Z');
    await fund(w.walletId, '10.00', { expiresAt: new Date('2030-01-02T00:00:00.000Z') });
    await fund(w.walletId, '5.00', { unlockAt: new Date('2030-01-01T12:00:00.000Z') });
    // 10.00 spendable, 5.00 pending
    await assert.rejects(spend(w.walletId, '10.01'), { reason: 'INSUFFICIENT_FUNDS' });
    const r1 = await commands.reserve(
      ctx,
      { account: { walletId: w.walletId }, amount: '6.00', currency: 'EUR', expiresAt: new Date('2030-01-01T01:00:00.000Z') },
      key('reserve'),
    );
    await assert.rejects(spend(w.walletId, '4.01'), { reason: 'INSUFFICIENT_FUNDS' });
    const captured = await commands.capture(
      ctx,
      { reservationId: r1.reservationId, destination: null, destinationSystem: 'REVENUE', amount: '4.00' },
      key('capture'),
    );
    assert.equal(captured.postings[0]?.amount, -400n);
    await assert.rejects(commands.release(ctx, { reservationId: r1.reservationId }, key('release')), { reason: 'RESERVATION_NOT_ACTIVE' });
    const r2 = await commands.reserve(
      ctx,
      { account: { walletId: w.walletId }, amount: '1.00', currency: 'EUR', expiresAt: new Date('2030-01-01T01:00:00.000Z') },
      key('reserve'),
    );
    clock = new Date('2030-01-01T02:00:00.000Z');
    assert.deepEqual(await commands.expireDue(), { lots: 0, reservations: 1 });
    const [res] = (await ds.query(`SELECT state FROM ledger_reservations WHERE id = $1`, [r2.reservationId])) as { state: string }[];
    assert.equal(res?.state, 'EXPIRED');
    // the 10.00 lot (6.00 left) expires at its instant; the 5.00 lot unlocked meanwhile stays
    clock = new Date('2030-01-02T00:00:01.000Z');
    assert.deepEqual(await commands.expireDue(), { lots: 1, reservations: 0 });
    assert.deepEqual(await commands.expireDue(), { lots: 0, reservations: 0 });
    const [pocket] = (await ds.query(`SELECT balance::text AS b, blocked::text AS k FROM ledger_accounts WHERE wallet_id = $1 AND pocket = 'OPEN'`, [
      w.walletId,
    ])) as { b: string; k: string }[];
    assert.deepEqual(pocket, { b: '500', k: '0' });
    const spent = await spend(w.walletId, '1.50');
    const reversed = await commands.reverse(ctx, { transactionId: spent.transactionId }, key('reverse'));
    assert.deepEqual(
      reversed.postings.map((p) => p.amount),
      spent.postings.map((p) => -p.amount),
    );
    await assert.rejects(commands.reverse(ctx, { transactionId: spent.transactionId }, key('reverse')), { reason: 'ALREADY_REVERSED' });
    await assertInvariants();
    clock = new Date();
  });

  it('refuses bad input naming the field and moves nothing; a foreign tenant sees no wallet', async () => {
    const w = await wallet();
    await fund(w.walletId, '1.00');
    await assert.rejects(spend(w.walletId, '0'), { field: 'amount', reason: 'AMOUNT_NOT_POSITIVE' });
    await assert.rejects(spend(w.walletId, '0.001'), { field: 'amount', reason: 'TOO_MANY_DECIMALS' });
    await assert.rejects(
      commands.debit(ctx, { account: { walletId: w.walletId }, destination: 'REVENUE', amount: '1', currency: 'USD', type: 'SPEND' }, key('debit')),
      { field: 'currency', reason: 'CURRENCY_MISMATCH' },
    );
    await assert.rejects(
      commands.debit(
        { ...ctx, tenantId: 'other' },
        { account: { walletId: w.walletId }, destination: 'REVENUE', amount: '1', currency: 'EUR', type: 'SPEND' },
        key('debit'),
      ),
      { code: 'NOT_FOUND', reason: 'WALLET_NOT_FOUND' },
    );
    const [pocket] = (await ds.query(`SELECT balance::text AS b FROM ledger_accounts WHERE wallet_id = $1 AND pocket = 'OPEN'`, [w.walletId])) as {
      b: string;
    }[];
    assert.equal(pocket?.b, '100');
    const outbox = (await ds.query(
      `SELECT payload FROM outbox WHERE message_key IN (SELECT id::text FROM ledger_accounts WHERE tenant_id = $1) ORDER BY id`,
      [tenantId],
    )) as {
      payload: { aggregateId: string; aggregateVersion: number };
    }[];
    // every account's events are numbered 1, 2, 3… without gaps (what projections skip and wait by)
    const byAccount = new Map<string, number[]>();
    for (const { payload } of outbox) byAccount.set(payload.aggregateId, [...(byAccount.get(payload.aggregateId) ?? []), payload.aggregateVersion]);
    for (const [id, versions] of byAccount)
      assert.deepEqual(
        versions,
        versions.map((_, i) => i + 1),
        `versions of ${id}`,
      );
  });
});
