// Ledger invariants under faults: the command handler, in its own process (testing/ledger-worker),
// runs 8 clients doing random transfers, spends, reservations (captured or released) and reversals
// over 50 wallets while it is SIGKILLed at seeded random moments and restarted; each incarnation
// re-sends its clients' last commands with the same idempotency keys. Afterwards, on PostgreSQL:
// postings balance per transaction and currency, the contacts' balances plus what left to revenue
// equal the external credits, every cached balance (and lot, and blocked amount) is the fold of
// its rows, no pocket is negative, every acknowledged movement exists exactly once (a replay
// answered the same transaction) and every idempotency key produced exactly one transaction.
// The outbox relay publishes to Kafka and the projector (ledger-read), SIGKILLed at its own seeded
// moments, projects: its balances must end equal to the folds. CRM_LONG_TESTS=1: ≥ 60 s with 20
// kills of the handler and 10 of the projector; otherwise 3 and 2. Replay with FAULT_SEED=<seed>.
import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { registry } from '@crm/event-bus';
import { createDataSource } from '@crm/platform/db';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { faultSeed, startProcessKiller, startServiceProcess, type ServiceProcess } from '@crm/platform/testing/faults';
import { deleteNamespace } from '@crm/event-bus/testing';
import type { RequestContext } from '@crm/event-bus/kit';
import { databaseConfig } from '../persistence/database';
import { LedgerCommands } from './ledger-commands';
import type { LedgerWorkerConfig } from '../testing/ledger-worker';

const backends = testBackends();
const logger = pino({ level: 'silent' });
const long = process.env['CRM_LONG_TESTS'] === '1';
const SCALE = long
  ? { ops: 3000, kills: 20, uptimeMs: [1500, 4000] as [number, number] }
  : { ops: 60, kills: 3, uptimeMs: [700, 2000] as [number, number] };
const WALLETS = 50;
const CLIENTS = 8;
const FUNDING = 2000n; // 20.00 per wallet, in cents
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(
  'ledger invariants under SIGKILLs of the command handler and the projector',
  {
    skip: (!backends.databaseUrl || backends.kafkaBrokers.length === 0) && 'needs PostgreSQL and Kafka (other processes share them)',
  },
  () => {
    let db: TestDatabase;
    let ds: DataSource;
    let relay: ServiceProcess | null = null;
    const namespace = `ledger-faults-${randomUUID().slice(0, 8)}`;
    const tenantId = `t-faults-${randomUUID().slice(0, 8)}`;
    const q = async <T>(sql: string, params: unknown[] = [tenantId]) => (await ds.query(sql, params)) as T[];

    before(async () => {
      db = await createTestDatabase(backends.databaseUrl, 'ledger_faults');
      ds = await createDataSource({
        ...databaseConfig({ DATABASE_URL: db.url, DATA_DIR: '.data' }, logger),
        entities: [],
        migrate: true,
        inMemory: false,
      });
    });
    after(async () => {
      relay?.child.kill('SIGTERM');
      if (relay) await Promise.race([relay.exited, sleep(10_000).then(() => relay?.child.kill('SIGKILL'))]);
      await deleteNamespace(backends.kafkaBrokers, namespace).catch(() => undefined);
      await ds?.destroy();
      await db?.drop();
    });

    it(`${CLIENTS} clients × ${SCALE.ops} commands over ${WALLETS} wallets, ${SCALE.kills} SIGKILLs (and the projector’s): double entry, folds, exactly-once, read model = folds`, async () => {
      const seed = faultSeed('ledger command handler kills');
      const commands = new LedgerCommands(ds, registry, () => undefined, 'EUR');
      const ctx: RequestContext = { tenantId, correlationId: 'faults', actor: { kind: 'service', id: 'faults' } };
      const wallets: string[] = [];
      for (let i = 0; i < WALLETS; i++) {
        const w = await commands.openWallet(ctx, randomUUID());
        wallets.push(w.walletId);
        const input = {
          account: { walletId: w.walletId },
          source: 'REWARDS_LIABILITY' as const,
          amount: '20.00',
          currency: 'EUR',
          type: 'AWARD' as const,
          expiresAt: null,
          unlockAt: null,
        };
        await commands.credit(ctx, input, { scope: 'ledger.credit', key: `fund-${i}-${seed}`, request: input });
      }

      // the outbox relay (the ledger-write service, its commands unused) publishes what the worker commits;
      // the projector (ledger-read) is SIGKILLed at its own seeded moments while it projects
      const serviceEnv = (name: string) => ({
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        INTERNAL_AUTH_SECRET: 'f'.repeat(64),
        DATABASE_URL: db.url!,
        KAFKA_BROKERS: backends.kafkaBrokers.join(','),
        KAFKA_NAMESPACE: namespace,
        DATA_DIR: join(tmpdir(), `${namespace}-${name}`),
      });
      relay = await startServiceProcess(join(__dirname, '../main.js'), {
        ...serviceEnv('write'),
        LEDGER_WRITE_PORT: '0',
        WALLET_CONSUMER_ENABLED: 'false',
        LEDGER_SCHEDULE_INTERVAL_MS: '0',
        OUTBOX_POLL_MS: '50',
      });
      const projector = startProcessKiller({
        command: process.execPath,
        args: [join(__dirname, '../../../read/dist/main.js')],
        env: { PATH: process.env['PATH'] ?? '', ...serviceEnv('read'), LEDGER_READ_PORT: '0' },
        seed: seed + 1,
        kills: long ? 10 : 2,
        uptimeMs: [SCALE.uptimeMs[0] * 2, SCALE.uptimeMs[1] * 2],
        signals: ['SIGKILL'],
        readyLine: /listening/,
      });

      const config: LedgerWorkerConfig = { databaseUrl: db.url!, tenantId, seed, clients: CLIENTS, ops: SCALE.ops, wallets };
      const acks = new Map<string, Set<string>>();
      const incarnationsOf = new Map<string, Set<number>>();
      let finishedIn = -1;
      let lastIncarnation = 0;
      const chaos = startProcessKiller({
        command: process.execPath,
        args: [join(__dirname, '../testing/ledger-worker.js'), JSON.stringify(config)],
        seed,
        kills: SCALE.kills,
        uptimeMs: SCALE.uptimeMs,
        signals: ['SIGKILL'],
        readyLine: /^ledger ready$/,
        onLine: (line, incarnation) => {
          lastIncarnation = Math.max(lastIncarnation, incarnation);
          if (!line.startsWith('{')) return;
          const m = JSON.parse(line) as { ack?: string; id?: string; reservation?: string; finished?: boolean };
          if (m.finished) finishedIn = incarnation;
          if (!m.ack) return;
          const value = m.id ?? m.reservation ?? '';
          acks.set(m.ack, (acks.get(m.ack) ?? new Set()).add(value));
          incarnationsOf.set(m.ack, (incarnationsOf.get(m.ack) ?? new Set()).add(incarnation));
        },
      });
      await chaos.finished;
      // the last incarnation completes every client's commands
      for (let i = 0; finishedIn !== lastIncarnation && i < 1200; i++) await sleep(100);
      await chaos.stop();
      assert.equal(finishedIn, lastIncarnation, 'the last incarnation finished every command');
      assert.equal(chaos.kills.filter((k) => k.signal === 'SIGKILL').length, SCALE.kills, 'every planned SIGKILL happened');

      // double entry: every transaction balances per currency, and so does the whole tenant
      assert.deepEqual(
        await q(`SELECT transaction_id FROM ledger_postings WHERE tenant_id = $1 GROUP BY transaction_id, currency HAVING sum(amount) <> 0`),
        [],
      );
      const [totals] = await q<{ total: string }>(`SELECT coalesce(sum(amount), 0)::text AS total FROM ledger_postings WHERE tenant_id = $1`);
      assert.equal(totals?.total, '0');

      // the contacts' money plus what left to revenue is what was credited from outside
      const held = await q<{ kind: string; system_account: string | null; s: string }>(
        `SELECT kind, system_account, sum(balance)::text AS s FROM ledger_accounts WHERE tenant_id = $1 GROUP BY kind, system_account`,
      );
      const sumOf = (pred: (r: { kind: string; system_account: string | null }) => boolean) =>
        held.filter(pred).reduce((a, r) => a + BigInt(r.s), 0n);
      const funded = FUNDING * BigInt(WALLETS);
      assert.equal(
        sumOf((r) => r.system_account === 'REWARDS_LIABILITY'),
        -funded,
        'the external credits',
      );
      assert.equal(sumOf((r) => r.kind !== 'SYSTEM') + sumOf((r) => r.system_account === 'REVENUE'), funded, 'contacts + revenue = external credits');
      assert.ok(sumOf((r) => r.system_account === 'REVENUE') > 0n, 'spends and captures reached revenue');

      // every cached balance, lot total and blocked amount is the fold of its rows; nothing negative
      const accounts = await q<{ id: string; kind: string; cached: string; folded: string; lots: string; blocked: string; held: string }>(
        `SELECT a.id, a.kind, a.balance::text AS cached, a.blocked::text AS blocked,
              coalesce((SELECT sum(p.amount) FROM ledger_postings p WHERE p.account_id = a.id), 0)::text AS folded,
              coalesce((SELECT sum(l.remaining) FROM ledger_lots l WHERE l.account_id = a.id), 0)::text AS lots,
              coalesce((SELECT sum(r.amount) FROM ledger_reservations r WHERE r.account_id = a.id AND r.state = 'ACTIVE'), 0)::text AS held
         FROM ledger_accounts a WHERE a.tenant_id = $1`,
      );
      for (const a of accounts) {
        assert.equal(a.cached, a.folded, `account ${a.id}: cached balance vs its postings`);
        assert.equal(a.blocked, a.held, `account ${a.id}: blocked vs its active reservations`);
        if (a.kind === 'WALLET_POCKET') {
          assert.equal(a.lots, a.folded, `account ${a.id}: lots vs postings`);
          assert.ok(BigInt(a.cached) >= 0n, `wallet pocket ${a.id} is negative`);
        }
      }
      // the running balance after each posting is the fold up to it
      assert.deepEqual(
        await q(
          `SELECT seq FROM (SELECT seq, balance_after, sum(amount) OVER (PARTITION BY account_id ORDER BY seq) AS running FROM ledger_postings WHERE tenant_id = $1) x
          WHERE balance_after <> running`,
        ),
        [],
      );

      // every acknowledged command answered one result, also when it was re-sent by a later incarnation
      const replayed = [...incarnationsOf.values()].filter((s) => s.size > 1).length;
      assert.ok(replayed > 0, 'restarted incarnations re-sent commands');
      for (const [key, ids] of acks) assert.equal(ids.size, 1, `${key} answered ${[...ids].join(', ')}`);
      const ackedTx = [...acks.values()].map((s) => [...s][0]!).filter((id) => id !== '');
      const existing = await q<{ id: string }>(`SELECT id FROM ledger_transactions WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
        tenantId,
        ackedTx,
      ]).catch(() => []);
      const reservations = await q<{ id: string }>(`SELECT id FROM ledger_reservations WHERE tenant_id = $1`);
      const known = new Set([...existing.map((r) => r.id), ...reservations.map((r) => r.id)]);
      for (const id of ackedTx) assert.ok(known.has(id), `acknowledged ${id} exists`);

      // each idempotency key produced exactly one transaction (and every transaction has its key)
      const byType = new Map(
        (await q<{ type: string; n: number }>(`SELECT type, count(*)::int AS n FROM ledger_transactions WHERE tenant_id = $1 GROUP BY type`)).map(
          (r) => [r.type, r.n],
        ),
      );
      const byScope = new Map(
        (
          await q<{ scope: string; n: number }>(
            `SELECT scope, count(*)::int AS n FROM idempotency_keys WHERE tenant_id = $1 AND result IS NOT NULL GROUP BY scope`,
          )
        ).map((r) => [r.scope, r.n]),
      );
      for (const [type, scope] of [
        ['AWARD', 'ledger.credit'],
        ['TRANSFER', 'ledger.transfer'],
        ['SPEND', 'ledger.debit'],
        ['CAPTURE', 'ledger.capture'],
        ['REVERSAL', 'ledger.reverse'],
      ] as const)
        assert.equal(byType.get(type) ?? 0, byScope.get(scope) ?? 0, `${type} transactions vs ${scope} keys`);
      const [reservedRow] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_reservations WHERE tenant_id = $1`);
      assert.equal(reservedRow?.n, byScope.get('ledger.reserve') ?? 0, 'reservations vs ledger.reserve keys');
      assert.ok((byType.get('TRANSFER') ?? 0) > CLIENTS * 10, 'transfers went through');
      // the read model: after the projector's kills, every account's balance there is the fold of its postings here
      await projector.finished;
      const folded = new Map(accounts.map((a) => [a.id, a.folded]));
      let behind = -1;
      for (let i = 0; i < 1200 && behind !== 0; i++) {
        const views = (await ds
          .query(`SELECT id::text AS id, balance::text AS balance FROM ledger_read.account_views WHERE tenant_id = $1`, [tenantId])
          .catch(() => [])) as { id: string; balance: string }[];
        const seen = new Map(views.map((v) => [v.id, v.balance]));
        behind = [...folded].filter(([id, b]) => seen.get(id) !== b).length;
        if (behind !== 0) await sleep(100);
      }
      await projector.stop();
      assert.equal(behind, 0, 'read-model balances equal the fold of the postings');
      assert.ok(projector.kills.length >= 2, 'the projector was killed');
      process.stderr.write(
        `[faults] ledger: ${[...byType].map(([t, n]) => `${t} ${n}`).join(', ')}; ${acks.size} acknowledged, ${replayed} re-sent after a kill; seed ${seed}\n`,
      );
    });
  },
);
