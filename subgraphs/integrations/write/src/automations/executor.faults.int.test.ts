// Automation actions under faults: the action executor, in its own process, is SIGKILLed at
// seeded random moments and restarted while events keep triggering an automation with a WEBHOOK
// and an ACTIVITY action. Every action of every event runs, and has its effect exactly once: one
// delivery per event (enqueued in the run's own transaction) and one activity per run (the retry
// after a kill reuses the run's idempotency key, which engagement dedupes on). CRM_LONG_TESTS=1:
// 500 events over 60 s and 12 kills; otherwise 100 over 12 s and 4. Replay with FAULT_SEED=<seed>.
import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { registry, type EventEnvelope } from '@crm/event-bus';
import { createDataSource } from '@crm/platform/db';
import { SecretBox } from '@crm/platform/security';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { faultSeed, startProcessKiller } from '@crm/platform/testing/faults';
import { AutomationCommands } from '../application/automation-commands';
import { WebhookCommands } from '../application/webhook-commands';
import { deliverableEventTypes } from '../delivery/sources';
import { databaseConfig } from '../persistence/database';
import { RunStore } from '../persistence/run-store';
import type { ExecutorWorkerConfig } from '../testing/executor-worker';
import { AutomationTrigger } from './trigger';

const backends = testBackends();
const logger = pino({ level: 'silent' });
const long = process.env['CRM_LONG_TESTS'] === '1';
const SCALE = long ? { events: 500, overMs: 60_000, kills: 12 } : { events: 100, overMs: 12_000, kills: 4 };
const TENANT = 't-automation-faults';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(
  'automation actions under executor SIGKILLs',
  { skip: !backends.databaseUrl && 'needs PostgreSQL (a second process shares the database)' },
  () => {
    let db: TestDatabase;
    let ds: DataSource;
    let engagement: Server;
    /** The fake engagement: one activity per idempotency key (as createActivity does), every call counted, answers after a few ms. */
    const calls = new Map<string, number>();
    const activities = new Map<string, string>();
    const q = async <T>(sql: string, params: unknown[] = []) => (await ds.query(sql, params)) as T[];

    before(async () => {
      db = await createTestDatabase(backends.databaseUrl, 'automation_faults');
      ds = await createDataSource({ ...databaseConfig({ DATABASE_URL: db.url, DATA_DIR: '.data' }, logger), entities: [], migrate: true });
      engagement = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const { key } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { key: string };
          calls.set(key, (calls.get(key) ?? 0) + 1);
          if (!activities.has(key)) activities.set(key, randomUUID());
          setTimeout(
            () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: activities.get(key) })),
            5 + Math.floor(Math.random() * 30),
          );
        });
      });
      await new Promise<void>((r) => engagement.listen(0, '127.0.0.1', r));
    });
    after(async () => {
      engagement?.closeAllConnections();
      engagement?.close();
      await ds?.destroy();
      await db?.drop();
    });

    it(`${SCALE.events} events over ${SCALE.overMs / 1000} s, ${SCALE.kills} SIGKILLs of the executor: every action once`, async (t) => {
      const seed = faultSeed('automation executor kills');
      const ctx = { tenantId: TENANT, correlationId: 'faults', actor: { kind: 'user' as const, id: 'u1' } };
      const eventTypes = deliverableEventTypes();
      const webhooks = new WebhookCommands(ds, registry, () => undefined, {
        box: new SecretBox('x'.repeat(32), 'webhook-secrets'),
        policy: { allowLoopback: true },
        eventTypes,
        overlapMs: 1000,
      });
      const hook = await webhooks.create(ctx, { url: 'http://127.0.0.1:9/hook', events: ['contact.updated'], description: null, enabled: true });
      const automations = new AutomationCommands(ds, registry, () => undefined, eventTypes);
      const automation = await automations.create(ctx, {
        name: 'Faults',
        event: 'contact.created',
        conditions: [],
        actions: [
          { type: 'WEBHOOK', webhookId: hook.result.state.id },
          { type: 'ACTIVITY', name: 'Call', description: null, dueInDays: 1 },
        ],
        enabled: true,
      });
      const trigger = new AutomationTrigger(
        ds,
        new RunStore(ds),
        () => new Date(),
        () => undefined,
      );

      const address = engagement.address() as AddressInfo;
      const worker: ExecutorWorkerConfig = { databaseUrl: db.url!, engagementUrl: `http://127.0.0.1:${address.port}/activities`, leaseMs: 1_500 };
      const chaos = startProcessKiller({
        command: process.execPath,
        args: [join(__dirname, '../testing/executor-worker.js'), JSON.stringify(worker)],
        seed,
        kills: SCALE.kills,
        uptimeMs: [Math.floor(SCALE.overMs / SCALE.kills / 2), Math.floor((SCALE.overMs / SCALE.kills) * 1.5)],
        signals: ['SIGKILL'],
        readyLine: /^executor ready$/,
      });
      const events: string[] = [];
      for (let i = 0; i < SCALE.events; i++) {
        const event = {
          id: randomUUID(),
          type: 'contact.created',
          schemaVersion: 1,
          tenantId: TENANT,
          aggregateType: 'contact',
          aggregateId: randomUUID(),
          aggregateVersion: 1,
          occurredAt: new Date().toISOString(),
          correlationId: 'faults',
          causationId: null,
          actor: { kind: 'user', id: 'u1' },
          data: { type: 'PERSON', lastName: `Contact ${i}` },
        } as EventEnvelope;
        await trigger.handle(event);
        if (i % 7 === 0) await trigger.handle(event); // a redelivered event adds nothing
        events.push(event.id);
        await sleep(SCALE.overMs / SCALE.events);
      }
      await chaos.finished;
      const open = async () =>
        Number(
          (
            await q<{ n: number }>(`SELECT count(*)::int AS n FROM automation_action_runs WHERE tenant_id = $1 AND state IN ('PENDING', 'RUNNING')`, [
              TENANT,
            ])
          )[0]!.n,
        );
      for (let waited = 0; waited < 60_000 && (await open()) > 0; waited += 200) await sleep(200);
      await chaos.stop();

      const runs = await q<{ id: string; action_index: number; state: string; result_id: string | null; event_id: string }>(
        `SELECT id, action_index, state, result_id, event_id FROM automation_action_runs WHERE automation_id = $1`,
        [automation.state.id],
      );
      const deliveries = await q<{ event_id: string; n: number }>(
        `SELECT event_id, count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 GROUP BY event_id`,
        [hook.result.state.id],
      );
      const activityRuns = runs.filter((r) => r.action_index === 1);
      const repeatedCalls = [...calls.values()].filter((n) => n > 1).length;
      t.diagnostic(
        JSON.stringify({ seed, events: SCALE.events, kills: chaos.kills.length, uptimesMs: chaos.kills.map((k) => k.uptimeMs), repeatedCalls }),
      );
      const notDone = runs.filter((r) => r.state !== 'SUCCEEDED');
      if (notDone.length > 0) t.diagnostic(chaos.tail());
      assert.equal(chaos.kills.length, SCALE.kills);
      assert.equal(runs.length, SCALE.events * 2, 'one run per event and action');
      assert.deepEqual(notDone, [], 'every run succeeded');
      assert.deepEqual(
        { deliveries: deliveries.length, twice: deliveries.filter((d) => Number(d.n) !== 1).length },
        { deliveries: SCALE.events, twice: 0 },
        'one delivery per event',
      );
      assert.deepEqual(new Set(deliveries.map((d) => d.event_id)), new Set(events));
      // one activity per run: every run's key, and nothing else, reached engagement; the run records the activity it made
      assert.equal(activities.size, SCALE.events);
      assert.deepEqual(new Set(activities.keys()), new Set(activityRuns.map((r) => `automation-run:${r.id}`)));
      assert.ok(activityRuns.every((r) => r.result_id === activities.get(`automation-run:${r.id}`)));
    });
  },
);
