import 'reflect-metadata';
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@crm/platform/db';
import { SecretBox } from '@crm/platform/security';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { registry, type EventEnvelope } from '@crm/event-bus';
import { AutomationCommands } from '../application/automation-commands';
import { WebhookCommands } from '../application/webhook-commands';
import { databaseConfig } from '../persistence/database';
import { DeliveryStore } from '../persistence/delivery-store';
import { RunStore } from '../persistence/run-store';
import { deliverableEventTypes } from '../delivery/sources';
import type { AdapterPort } from './adapter-port';
import { ActionExecutor } from './executor';
import type { GatewayPort } from './gateway-port';
import { AutomationTrigger } from './trigger';

/**
 * The trigger and the action executor against real PostgreSQL with a fake engagement behind the
 * gateway port (it dedupes on the idempotency key, as engagement does): each action runs once per
 * event, in order, with its outcome recorded; redelivered events, retries and lost leases never
 * double an effect; an automation never reacts to what its own actions created.
 */
const backends = testBackends();
const logger = pino({ level: backends.logLevel });

/** Engagement as the executor sees it: one activity per idempotency key, however often called; scripted failures. */
class FakeEngagement implements GatewayPort {
  readonly calls: { key: string; input: Record<string, unknown> }[] = [];
  readonly activities = new Map<string, string>();
  failures: ('retriable' | 'refused')[] = [];

  execute<T>(call: { tenantId: string; permissions: readonly string[]; query: string; variables?: Record<string, unknown> }): Promise<T> {
    const key = call.variables?.['key'] as string;
    this.calls.push({ key, input: call.variables?.['input'] as Record<string, unknown> });
    assert.deepEqual(call.permissions, ['engagement.write']);
    const failure = this.failures.shift();
    if (failure)
      return Promise.reject(Object.assign(new Error(failure === 'retriable' ? 'timed out' : 'forbidden'), { retriable: failure === 'retriable' }));
    if (!this.activities.has(key)) this.activities.set(key, randomUUID());
    return Promise.resolve({ createActivity: { id: this.activities.get(key)!, errors: [] } } as T);
  }
}

describe('automation runs: once per event and action, in order, recorded, loop-safe', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let webhooks: WebhookCommands;
  let automations: AutomationCommands;
  let runs: RunStore;
  let deliveries: DeliveryStore;
  let engagement: FakeEngagement;
  let adapterCalls: string[];
  let now = Date.now();
  const clock = () => new Date(now);
  let tenantId = '';
  beforeEach(() => {
    tenantId = `t-${randomUUID().slice(0, 8)}`;
    engagement = new FakeEngagement();
    adapterCalls = [];
  });
  const ctx = () => ({ tenantId, correlationId: 'corr-a', actor: { kind: 'user' as const, id: 'u1' } });
  const adapters: AdapterPort = {
    run: (_t, action, event) => {
      adapterCalls.push(`${action.adapter}:${event.id}`);
      return Promise.resolve({ ok: true, outcome: 'sent', resultId: 'msg-1' });
    },
    idempotent: (adapter) => adapter === 'MIXPANEL',
  };

  const executor = (leaseMs = 60_000) =>
    new ActionExecutor(ds, runs, deliveries, {
      clock,
      gateway: engagement,
      adapters,
      kickDeliveries: () => undefined,
      logger,
      pollMs: 60_000,
      leaseMs,
      concurrency: 4,
      maxAttempts: 3,
    });
  const trigger = () => new AutomationTrigger(ds, runs, clock, () => undefined);

  function contactCreated(data: Record<string, unknown>, aggregateId: string = randomUUID()): EventEnvelope {
    return {
      id: randomUUID(),
      type: 'contact.created',
      schemaVersion: 1,
      tenantId,
      aggregateType: 'contact',
      aggregateId,
      aggregateVersion: 1,
      occurredAt: new Date().toISOString(),
      correlationId: 'c',
      causationId: null,
      actor: { kind: 'user', id: 'u1' },
      data,
    } as EventEnvelope;
  }

  async function runRows(automationId: string) {
    return (await ds.query(
      `SELECT action_index, state, attempts, outcome, result_id, event_id FROM automation_action_runs WHERE automation_id = $1 ORDER BY created_at, action_index`,
      [automationId],
    )) as { action_index: number; state: string; attempts: number; outcome: string | null; result_id: string | null; event_id: string }[];
  }

  async function automation(actions: unknown[], conditions = [{ field: 'type', operator: 'EQUALS', value: 'PERSON' }]) {
    const r = await automations.create(ctx(), { name: `a-${randomUUID()}`, event: 'contact.created', conditions, actions, enabled: true });
    return r.state.id;
  }

  before(async () => {
    db = await createTestDatabase(backends.databaseUrl, 'automation_runs');
    ds = await createDataSource({
      ...databaseConfig({ DATABASE_URL: db.url, DATA_DIR: '.data' }, logger),
      entities: [],
      migrate: true,
      inMemory: !db.url,
    });
    const box = new SecretBox('x'.repeat(32), 'webhook-secrets');
    const eventTypes = deliverableEventTypes();
    webhooks = new WebhookCommands(ds, registry, () => undefined, { box, policy: { allowLoopback: true }, eventTypes, overlapMs: 1000 });
    automations = new AutomationCommands(ds, registry, () => undefined, eventTypes);
    runs = new RunStore(ds);
    deliveries = new DeliveryStore(ds);
  });
  after(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('a matching event runs each action once, in order, recorded with its outcome; the same event again adds nothing', async () => {
    const hook = await webhooks.create(ctx(), { url: 'http://127.0.0.1:9/hook', events: ['contact.updated'], description: null, enabled: true });
    const id = await automation([
      { type: 'WEBHOOK', webhookId: hook.result.state.id },
      { type: 'ACTIVITY', name: 'Call', description: null, dueInDays: 2 },
      { type: 'ADAPTER', adapter: 'MIXPANEL', params: { event: 'signup' } },
    ]);
    const contact = randomUUID();
    const event = contactCreated({ type: 'PERSON', lastName: 'Lovelace' }, contact);
    assert.equal(await trigger().handle(event), 3);
    assert.equal(await trigger().handle(event), 0, 'a redelivered event adds no run');
    assert.equal(await trigger().handle(contactCreated({ type: 'COMPANY' })), 0, 'conditions fail: nothing');

    const x = executor();
    await x.drain();
    await x.drain();
    const rows = await runRows(id);
    assert.deepEqual(
      rows.map((r) => [r.action_index, r.state, r.attempts]),
      [
        [0, 'SUCCEEDED', 1],
        [1, 'SUCCEEDED', 1],
        [2, 'SUCCEEDED', 1],
      ],
    );
    // WEBHOOK: the event delivered to the endpoint, with the event id as webhook-id
    const queued = (await ds.query(`SELECT event_id, event_type, payload FROM webhook_deliveries WHERE endpoint_id = $1`, [
      hook.result.state.id,
    ])) as {
      event_id: string;
      payload: string;
    }[];
    assert.deepEqual(
      queued.map((q) => q.event_id),
      [event.id],
    );
    assert.equal((JSON.parse(queued[0]!.payload) as { data: { id: string } }).data.id, contact);
    // ACTIVITY: engagement called once, with the run's key, for the event's contact, due 2 days after the run
    assert.equal(engagement.calls.length, 1);
    assert.match(engagement.calls[0]!.key, /^automation-run:[0-9a-f-]{36}$/);
    assert.equal(engagement.calls[0]!.input['contactId'], contact);
    assert.equal(rows[1]!.result_id, engagement.activities.get(engagement.calls[0]!.key));
    // ADAPTER
    assert.deepEqual(adapterCalls, [`MIXPANEL:${event.id}`]);
  });

  it('never reacts to what its own actions created (loop protection), chains stop 3 deep', async () => {
    const id = await automation([{ type: 'ACTIVITY', name: 'Call', description: null, dueInDays: null }], []);
    await trigger().handle(contactCreated({ type: 'PERSON' }));
    await executor().drain();
    const created = (await runRows(id))[0]!.result_id!;
    // an event about the entity the action created does not trigger the same automation
    assert.equal(await trigger().handle(contactCreated({ type: 'PERSON' }, created)), 0);
    // another automation reacts to it, one level deeper
    const other = await automation([{ type: 'ACTIVITY', name: 'Follow up', description: null, dueInDays: null }], []);
    assert.equal(await trigger().handle(contactCreated({ type: 'PERSON' }, created)), 1);
    const depth = (await ds.query(`SELECT depth FROM automation_action_runs WHERE automation_id = $1`, [other])) as { depth: number }[];
    assert.deepEqual(
      depth.map((d) => d.depth),
      [2],
    );
    await ds.query(`UPDATE automation_effects SET depth = 3 WHERE aggregate_id = $1`, [created]);
    assert.equal(await trigger().handle(contactCreated({ type: 'PERSON' }, created)), 0, 'too deep');
    await executor().drain();
  });

  it('an unavailable callee is retried with the same key (one effect); a refusal fails the run; later actions still run in order', async () => {
    const id = await automation([
      { type: 'ACTIVITY', name: 'First', description: null, dueInDays: 1 },
      { type: 'ACTIVITY', name: 'Second', description: null, dueInDays: null },
    ]);
    engagement.failures = ['retriable', 'refused'];
    await trigger().handle(contactCreated({ type: 'PERSON' }));
    const x = executor();
    await x.drain();
    let rows = await runRows(id);
    assert.deepEqual(
      rows.map((r) => [r.state, r.attempts]),
      [
        ['PENDING', 1],
        ['PENDING', 0],
      ],
      'the second action waits for the first',
    );
    now += 60_000;
    await x.drain();
    rows = await runRows(id);
    assert.deepEqual(
      rows.map((r) => r.state),
      ['FAILED', 'SUCCEEDED'],
    );
    assert.match(rows[0]!.outcome!, /refused/);
    assert.equal(engagement.calls[0]!.key, engagement.calls[1]!.key, 'the retry used the same key');
    assert.deepEqual(engagement.calls[0]!.input, engagement.calls[1]!.input, 'and the same input (the due date from the run)');
  });

  it('a run whose lease ran out (its process died) is taken over: one effect for idempotent callees, never a second call for the others', async () => {
    const id = await automation([
      { type: 'ACTIVITY', name: 'Call', description: null, dueInDays: null },
      { type: 'ADAPTER', adapter: 'SENDGRID', params: { template_id: 'd-1' } },
    ]);
    const event = contactCreated({ type: 'PERSON' });
    await trigger().handle(event);
    // a process claims the activity run and calls engagement, then dies before recording
    const claimed = await runs.claimDue(clock(), new Date(now + 1000), 10);
    assert.equal(claimed.length, 1);
    await engagement.execute({
      tenantId,
      permissions: ['engagement.write'],
      query: '',
      variables: { key: `automation-run:${claimed[0]!.id}`, input: {} },
    });
    now += 2000;
    await executor().drain();
    let rows = await runRows(id);
    assert.deepEqual(
      rows.map((r) => r.state),
      ['SUCCEEDED', 'SUCCEEDED'],
    );
    assert.equal(engagement.activities.size, 1, 'one activity');
    // the adapter run: marked RUNNING, then its process died: not called again (Sendgrid cannot dedupe)
    await ds.query(
      `UPDATE automation_action_runs SET state = 'RUNNING', finished_at = NULL, attempts = 0 WHERE automation_id = $1 AND action_index = 1`,
      [id],
    );
    adapterCalls.length = 0;
    await executor().drain();
    rows = await runRows(id);
    assert.equal(rows[1]!.state, 'FAILED');
    assert.match(rows[1]!.outcome!, /interrupted/);
    assert.deepEqual(adapterCalls, []);
  });

  it('the run record and the event log are tenant-scoped', async () => {
    const id = await automation([{ type: 'ACTIVITY', name: 'Call', description: null, dueInDays: null }], []);
    await trigger().handle(contactCreated({ type: 'PERSON' }));
    assert.equal((await runs.page(tenantId, id, 0, 10)).total, 1);
    assert.equal((await runs.page('another-tenant', id, 0, 10)).total, 0);
  });
});
