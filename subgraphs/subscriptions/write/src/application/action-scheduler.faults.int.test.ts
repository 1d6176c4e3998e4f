// Scheduled subscription actions under faults: the scheduler, in its own process, is SIGKILLed at
// seeded random moments and restarted while actions come due. Each due action executes exactly
// once, none early, none lost. CRM_LONG_TESTS=1: 500 actions due over 60 s (the proof);
// otherwise 100 over 12 s. Replay a run with FAULT_SEED=<seed printed by the test>.
import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { InMemoryBus, registry } from '@crm/event-bus';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { faultSeed, startProcessKiller } from '@crm/platform/testing/faults';
import { parseConfig } from '../env';
import { startSubscriptionsWrite, type SubscriptionsWriteService } from '../service';
import type { SchedulerWorkerConfig } from '../testing/scheduler-worker';

const backends = testBackends();
const logger = pino({ level: 'silent' });
const long = process.env['CRM_LONG_TESTS'] === '1';
const SCALE = long ? { actions: 500, overMs: 60_000, kills: 12 } : { actions: 100, overMs: 12_000, kills: 4 };
const SUBSCRIPTIONS = 25;
const TENANT = 't-faults';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(
  'subscription actions under scheduler SIGKILLs',
  { skip: !backends.databaseUrl && 'needs PostgreSQL (a second process shares the database)' },
  () => {
    let db: TestDatabase;
    let service: SubscriptionsWriteService;
    const q = async <T>(sql: string, params: unknown[] = []) => (await service.dataSource.query(sql, params)) as T[];

    before(async () => {
      db = await createTestDatabase(backends.databaseUrl, 'subscriptions_faults');
      const config = parseConfig({
        INTERNAL_AUTH_SECRET: randomBytes(32).toString('hex'),
        SUBSCRIPTIONS_WRITE_PORT: '0',
        DATABASE_URL: db.url,
        LOG_LEVEL: 'silent',
        OUTBOX_POLL_MS: '50',
        SUBSCRIPTION_SCHEDULER_POLL_MS: '0',
      });
      service = await startSubscriptionsWrite(config, { bus: new InMemoryBus(registry, logger), logger });
    });
    after(async () => {
      await service?.stop();
      await db?.drop();
    });

    it(`${SCALE.actions} actions due over ${SCALE.overMs / 1000} s, ${SCALE.kills} SIGKILLs of the scheduler: each executed once, none early`, async (t) => {
      const seed = faultSeed('subscription scheduler kills');
      const ctx = { tenantId: TENANT, correlationId: 'faults', actor: { kind: 'user' as const, id: 'u1' } };
      const subscriptions: string[] = [];
      for (let i = 0; i < SUBSCRIPTIONS; i++) {
        const added = await service.commands.addServices(
          ctx,
          {
            contactId: randomUUID(),
            accountId: null,
            paymentMethodType: 'CARD',
            services: [{ productId: 'p', priceTermsId: null, quantity: 1, trial: null, contract: null, autoRenewal: 'OPT_IN' }],
            startAt: null,
          },
          null,
        );
        subscriptions.push(added.subscriptionId);
      }
      // every action comes due after scheduling is over, spread evenly over the window
      const start = Date.now() + 3_000 + SCALE.actions * 15;
      const actions: string[] = [];
      for (let i = 0; i < SCALE.actions; i++) {
        const r = await service.commands.changeSubscription(ctx, {
          subscriptionId: subscriptions[i % SUBSCRIPTIONS]!,
          action: 'CHANGE_BILLING_DAY',
          billingDay: 1 + (i % 28),
          paymentMethodType: null,
          paymentMethodId: null,
          when: { kind: 'AT', date: new Date(start + Math.floor((i * SCALE.overMs) / SCALE.actions)) },
        });
        actions.push(r.actionId);
      }

      const worker: SchedulerWorkerConfig = { databaseUrl: db.url!, leaseMs: 1_500 };
      const chaos = startProcessKiller({
        command: process.execPath,
        args: [join(__dirname, '../testing/scheduler-worker.js'), JSON.stringify(worker)],
        seed,
        kills: SCALE.kills,
        uptimeMs: [Math.floor(SCALE.overMs / SCALE.kills / 2), Math.floor((SCALE.overMs / SCALE.kills) * 1.5)],
        signals: ['SIGKILL'],
        readyLine: /^scheduler ready$/,
      });
      await chaos.finished;
      const pending = async () =>
        Number(
          (await q<{ n: number }>(`SELECT count(*)::int AS n FROM subscription_actions WHERE tenant_id = $1 AND state = 'SCHEDULED'`, [TENANT]))[0]!
            .n,
        );
      const deadline = SCALE.overMs + 60_000;
      for (let waited = 0; waited < deadline && (await pending()) > 0; waited += 200) await sleep(200);
      await chaos.stop();

      const executed = await q<{ id: string; n: number; first_at: string }>(
        `SELECT payload->'data'->>'actionId' AS id, count(*)::int AS n, min(payload->>'occurredAt') AS first_at
       FROM outbox WHERE payload->>'type' = 'subscription.action_executed' GROUP BY 1`,
      );
      const due = new Map(
        (await q<{ id: string; due_at: Date }>(`SELECT id::text, due_at FROM subscription_actions WHERE tenant_id = $1`, [TENANT])).map((r) => [
          r.id,
          r.due_at,
        ]),
      );
      const byId = new Map(executed.map((e) => [e.id, e]));
      const missing = actions.filter((a) => !byId.has(a));
      const twice = executed.filter((e) => Number(e.n) !== 1).map((e) => e.id);
      const early = executed.filter((e) => Date.parse(e.first_at) < due.get(e.id)!.getTime()).map((e) => e.id);
      const rejected = await q(`SELECT 1 FROM outbox WHERE payload->>'type' = 'subscription.action_rejected'`);
      t.diagnostic(
        JSON.stringify({
          seed,
          actions: SCALE.actions,
          overMs: SCALE.overMs,
          kills: chaos.kills.length,
          uptimesMs: chaos.kills.map((k) => k.uptimeMs),
        }),
      );
      if (missing.length > 0) t.diagnostic(chaos.tail());
      assert.equal(chaos.kills.length, SCALE.kills);
      assert.deepEqual({ missing: missing.length, twice, early, rejected: rejected.length }, { missing: 0, twice: [], early: [], rejected: 0 });
      assert.equal(executed.length, SCALE.actions);
    });
  },
);
