import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { registry } from './contracts';
import { backoffMs, DEFAULT_POLICY, deliver, DLQ_GROUP_HEADER, REPLAY_GROUP_HEADER } from './delivery';
import type { EventEnvelope } from './envelope';
import { partitionFor } from './in-memory/in-memory-bus';
import { toBusMessage, type DeliveryInfo } from './ports';
import { tagsSetEvent } from './testing/bus-test-kit';

const logger = pino({ level: 'silent' });
const TOPIC = 'crm.contacts.events';
const where = { topic: TOPIC, partition: 3, offset: '41' };
const policy = { maxAttempts: 3, retryBackoffMs: 1 };

const tagsSet = (aggregateId?: string, version?: number): EventEnvelope => tagsSetEvent(aggregateId, version, { correlationId: 'c' });

describe('deliver', () => {
  it('runs the handler once with the validated event on success', async () => {
    const event = tagsSet();
    const calls: [EventEnvelope, DeliveryInfo][] = [];
    const result = await deliver(toBusMessage(TOPIC, event), where, async (e, d) => void calls.push([e, d]), registry, policy, logger);
    assert.deepEqual(result, { ok: true });
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0]?.[0], event);
    assert.deepEqual(calls[0]?.[1], { ...where, attempt: 1 });
  });

  it('retries a failing handler and succeeds within maxAttempts', async () => {
    const attempts: number[] = [];
    const result = await deliver(
      toBusMessage(TOPIC, tagsSet()),
      where,
      async (_e, d) => {
        attempts.push(d.attempt);
        if (d.attempt < 3) throw new Error('transient');
      },
      registry,
      policy,
      logger,
    );
    assert.deepEqual(result, { ok: true });
    assert.deepEqual(attempts, [1, 2, 3]);
  });

  it('sends to the DLQ with origin headers after maxAttempts', async () => {
    const event = tagsSet();
    const msg = toBusMessage(TOPIC, event);
    let calls = 0;
    const before = Date.now();
    const result = await deliver(
      msg,
      where,
      async () => {
        calls++;
        throw new Error(`handler broke ${'!'.repeat(2000)}`);
      },
      registry,
      policy,
      logger,
    );
    assert.equal(calls, 3);
    assert.equal(result.ok, false);
    if (result.ok !== false) return;
    const { dlq } = result;
    assert.equal(dlq.topic, `${TOPIC}.dlq`);
    assert.equal(dlq.key, event.aggregateId);
    assert.equal(dlq.value, msg.value, 'the original message is kept as is');
    const h = dlq.headers ?? {};
    assert.equal(h['event-type'], 'contact.tags_set', 'original headers are kept');
    assert.equal(h['tenant-id'], 't1');
    assert.equal(h['dlq-origin-topic'], TOPIC);
    assert.equal(h['dlq-origin-partition'], '3');
    assert.equal(h['dlq-origin-offset'], '41');
    assert.equal(h['dlq-attempts'], '3');
    assert.match(h['dlq-error'] ?? '', /^handler broke/);
    assert.equal(h['dlq-error']?.length, 1000, 'error text is capped');
    const at = Date.parse(h['dlq-at'] ?? '');
    assert.ok(at >= before - 1000 && at <= Date.now() + 1000);
  });

  it('sends a poison (invalid) message straight to the DLQ without calling the handler', async () => {
    const handler = async () => assert.fail('handler must not run for poison messages');
    const cases: { value: string; error: RegExp }[] = [
      { value: JSON.stringify({ ...tagsSet(), data: { tags: 'not-an-array' } }), error: /invalid data for contact\.tags_set@1/ },
      { value: JSON.stringify({ ...tagsSet(), type: 'contact.exploded' }), error: /unknown event contact\.exploded@1/ },
      { value: JSON.stringify({ hello: 'world' }), error: /invalid envelope/ },
      { value: '{not json', error: /unparseable message/ },
      { value: '', error: /unparseable message/ },
    ];
    for (const c of cases) {
      const result = await deliver({ key: 'k1', value: c.value, headers: { 'x-orig': 'yes' } }, where, handler, registry, policy, logger);
      assert.equal(result.ok, false);
      if (result.ok !== false) continue;
      assert.equal(result.dlq.topic, `${TOPIC}.dlq`);
      assert.equal(result.dlq.value, c.value);
      assert.equal(result.dlq.key, 'k1');
      assert.equal(result.dlq.headers?.['x-orig'], 'yes');
      assert.equal(result.dlq.headers?.['dlq-attempts'], '1');
      assert.match(result.dlq.headers?.['dlq-error'] ?? '', c.error);
    }
  });

  it('stops retrying when the consumer is stopping', async () => {
    let calls = 0;
    const result = await deliver(
      toBusMessage(TOPIC, tagsSet()),
      where,
      async () => {
        calls++;
        throw new Error('fails');
      },
      registry,
      { maxAttempts: 10, retryBackoffMs: 1 },
      logger,
      () => false,
    );
    assert.deepEqual(result, { ok: 'stopped' });
    assert.equal(calls, 1);
  });

  it('records the consumer group on a DLQ entry, and a replay marked for another group is skipped', async () => {
    const failing = await deliver(
      toBusMessage(TOPIC, tagsSet()),
      { ...where, groupId: 'a.projector' },
      async () => {
        throw new Error('bug');
      },
      registry,
      { maxAttempts: 1, retryBackoffMs: 1 },
      logger,
    );
    assert.ok(failing.ok === false);
    assert.equal(failing.dlq.headers?.[DLQ_GROUP_HEADER], 'a.projector');

    const replayed = { ...toBusMessage(TOPIC, tagsSet()), headers: { [REPLAY_GROUP_HEADER]: 'a.projector' } };
    const seen: string[] = [];
    const handler = (group: string) => async () => void seen.push(group);
    assert.deepEqual(await deliver(replayed, { ...where, groupId: 'b.audit' }, handler('b'), registry, policy, logger), { ok: true });
    assert.deepEqual(await deliver(replayed, { ...where, groupId: 'a.projector' }, handler('a'), registry, policy, logger), { ok: true });
    assert.deepEqual(seen, ['a'], 'only the group the replay is meant for handles it');

    const again = await deliver(
      replayed,
      { ...where, groupId: 'a.projector' },
      async () => {
        throw new Error('still broken');
      },
      registry,
      { maxAttempts: 1, retryBackoffMs: 1 },
      logger,
    );
    assert.ok(again.ok === false);
    assert.equal(again.dlq.headers?.[REPLAY_GROUP_HEADER], undefined, 'a DLQ entry never carries the replay mark');
  });

  it('backs off exponentially up to 5 s', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((a) => backoffMs(DEFAULT_POLICY, a)),
      [100, 200, 400, 800, 1600, 3200, 5000, 5000],
    );
    assert.equal(backoffMs({ maxAttempts: 3, retryBackoffMs: 10 }, 1), 10);
  });
});

describe('partitionFor', () => {
  it('is FNV-1a: matches published 32-bit test vectors', () => {
    const full = 2 ** 32;
    assert.equal(partitionFor('', full), 0x811c9dc5);
    assert.equal(partitionFor('a', full), 0xe40c292c);
    assert.equal(partitionFor('foobar', full), 0xbf9cf968);
  });

  it('is stable, in range, and spreads keys over partitions', () => {
    const counts = new Array<number>(8).fill(0);
    for (let i = 0; i < 4000; i++) {
      const key = `aggregate-${i}`;
      const p = partitionFor(key, 8);
      assert.ok(Number.isInteger(p) && p >= 0 && p < 8);
      assert.equal(partitionFor(key, 8), p);
      counts[p] = (counts[p] ?? 0) + 1;
    }
    for (const c of counts) assert.ok(c > 350 && c < 650, `uneven spread: ${counts.join(',')}`);
    const id = '3f2b8c1e-9a7d-4e21-b0c4-5d6e7f8a9b0c';
    assert.equal(partitionFor(id, 4), partitionFor(String(id), 4));
    assert.equal(partitionFor('x', 1), 0);
  });
});
