import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { InMemoryBus, registry } from '@crm/event-bus';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { parseConfig } from '../env';
import { startSubscriptionsWrite, type SubscriptionsWriteService } from '../service';
import { SubscriptionCommands } from './subscription-commands';
import { ActionScheduler } from './action-scheduler';

const backends = testBackends();
const logger = pino({ level: process.env['SCHED_DEBUG'] ? 'error' : 'silent' });
const HOUR = 3_600_000;
const TENANT = 't-sched';

/**
 * The durable scheduler: actions come due while no scheduler runs; then two schedulers run at
 * once and one is stopped and started again mid-way. Each due action executes exactly once,
 * cancelled and not-yet-due ones never.
 */
describe(`subscription action scheduler (${backends.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  let db: TestDatabase;
  let service: SubscriptionsWriteService;
  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await service.dataSource.query(sql, params)) as T[];

  before(async () => {
    db = await createTestDatabase(backends.databaseUrl, 'subscriptions_scheduler');
    const config = parseConfig({
      INTERNAL_AUTH_SECRET: randomBytes(32).toString('hex'),
      SUBSCRIPTIONS_WRITE_PORT: '0',
      DATABASE_URL: db.url,
      LOG_LEVEL: 'silent',
      OUTBOX_POLL_MS: '50',
      // no scheduler in the service: the test runs its own
      SUBSCRIPTION_SCHEDULER_POLL_MS: '0',
    });
    service = await startSubscriptionsWrite(config, { bus: new InMemoryBus(registry, logger), logger, inMemoryDb: !db.url });
  });
  after(async () => {
    await service?.stop();
    await db?.drop();
  });

  it('runs every due action exactly once across stopped, concurrent and restarted schedulers; none early, none cancelled', async () => {
    const ctx = { tenantId: TENANT, correlationId: 'c', actor: { kind: 'user' as const, id: 'u1' } };
    // scheduled "in the past": a clock two hours behind schedules actions due one hour ago
    const past = new SubscriptionCommands(
      service.dataSource,
      registry,
      () => undefined,
      () => new Date(Date.now() - 2 * HOUR),
    );
    const due: string[] = [];
    const cancelled: string[] = [];
    const notDue: string[] = [];
    const SUBSCRIPTIONS = 24;
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const contactId = randomUUID();
      const added = await past.addServices(
        ctx,
        {
          contactId,
          accountId: null,
          paymentMethodType: 'CARD',
          services: [1, 2].map(() => ({
            productId: 'p',
            priceTermsId: null,
            quantity: 1,
            trial: null,
            contract: null,
            autoRenewal: 'OPT_IN' as const,
          })),
          startAt: null,
        },
        null,
      );
      const [s1, s2] = added.serviceIds as [string, string];
      const at = (ms: number) => ({ kind: 'AT' as const, date: new Date(Date.now() - 2 * HOUR + ms) });
      due.push((await past.changeService(ctx, { serviceId: s1, action: 'PAUSE', changeTo: null, when: at(HOUR) })).actionId);
      due.push(
        (
          await past.changeSubscription(ctx, {
            subscriptionId: added.subscriptionId,
            action: 'CHANGE_BILLING_DAY',
            billingDay: 1 + (i % 28),
            paymentMethodType: null,
            paymentMethodId: null,
            when: at(HOUR + 1000),
          })
        ).actionId,
      );
      const revoked = (await past.changeService(ctx, { serviceId: s2, action: 'PAUSE', changeTo: null, when: at(HOUR + 2000) })).actionId;
      await past.cancelAction(ctx, revoked);
      cancelled.push(revoked);
      // due tomorrow (by the real clock): must stay SCHEDULED
      notDue.push(
        (
          await service.commands.changeService(ctx, {
            serviceId: s2,
            action: 'DEACTIVATE',
            changeTo: null,
            when: { kind: 'AT', date: new Date(Date.now() + 24 * HOUR) },
          })
        ).actionId,
      );
    }

    // while no scheduler runs nothing happens
    const executedCount = async (ids: string[]) =>
      Number(
        (
          await q<{ n: number }>(
            `SELECT count(*)::int AS n FROM outbox WHERE payload->>'type' = 'subscription.action_executed' AND payload->'data'->>'actionId' = ANY($1)`,
            [ids],
          )
        )[0]!.n,
      );
    assert.equal(await executedCount(due), 0);

    // two schedulers at once, small batches and a short lease; the first is stopped after one pass and started again
    const options = { pollMs: 20, batch: 5, leaseMs: 2000 };
    const a = new ActionScheduler(service.dataSource, service.commands, logger, options);
    const b = new ActionScheduler(service.dataSource, service.commands, logger, options).start();
    await a.tick();
    await a.stop();
    a.start();
    const settled = async () =>
      Number(
        (
          await q<{ n: number }>(
            `SELECT count(*)::int AS n FROM subscription_actions WHERE tenant_id = $1 AND state = 'SCHEDULED' AND due_at <= now()`,
            [TENANT],
          )
        )[0]!.n,
      );
    for (let i = 0; i < 200 && (await settled()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    await Promise.all([a.stop(), b.stop()]);

    // exactly once per due action: one action_executed event each, queue rows EXECUTED
    const perAction = await q<{ id: string; n: number }>(
      `SELECT payload->'data'->>'actionId' AS id, count(*)::int AS n FROM outbox WHERE payload->>'type' = 'subscription.action_executed' AND payload->'data'->>'actionId' = ANY($1) GROUP BY 1`,
      [due],
    );
    assert.equal(perAction.length, due.length, 'every due action executed');
    assert.ok(
      perAction.every((r) => Number(r.n) === 1),
      `each exactly once: ${JSON.stringify(perAction.filter((r) => Number(r.n) !== 1))}`,
    );
    const states = await q<{ state: string; n: number }>(
      `SELECT state, count(*)::int AS n FROM subscription_actions WHERE tenant_id = $1 GROUP BY state ORDER BY state`,
      [TENANT],
    );
    assert.deepEqual(
      states.map((s) => [s.state, Number(s.n)]),
      [
        ['CANCELLED', SUBSCRIPTIONS],
        ['EXECUTED', SUBSCRIPTIONS * 2],
        ['SCHEDULED', SUBSCRIPTIONS],
      ],
    );
    assert.equal(await executedCount(cancelled), 0, 'a cancelled action never runs');
    assert.equal(await executedCount(notDue), 0, 'an action due tomorrow does not run early');
    // the effects happened once: every first service PAUSED (a second PAUSE would have been rejected)
    const rejected = await q(`SELECT 1 FROM outbox WHERE payload->>'type' = 'subscription.action_rejected'`);
    assert.equal(rejected.length, 0);
    const paused = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM subscriptions, jsonb_array_elements(data->'services') s WHERE tenant_id = $1 AND s->>'state' = 'PAUSED'`,
      [TENANT],
    );
    assert.equal(Number(paused[0]!.n), SUBSCRIPTIONS);
  });
});
