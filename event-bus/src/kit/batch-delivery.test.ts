import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { registry } from '../contracts';
import { InMemoryBus } from '../in-memory/in-memory-bus';
import { toBusMessage } from '../ports';
import { tagsSetEvent, waitFor } from '../testing/bus-test-kit';

const logger = pino({ level: 'silent' });
const TOPIC = 'crm.contacts.events';

describe('batch delivery (in-process bus)', () => {
  it('hands waiting runs of a partition to the batch handler, in order; single messages go to the handler', async () => {
    const bus = new InMemoryBus(registry, logger, 1);
    await bus.ensureTopics([TOPIC]);
    const id = randomUUID();
    await bus.publish([1, 2, 3, 4, 5].map((v) => toBusMessage(TOPIC, tagsSetEvent(id, v))));
    const batches: number[][] = [];
    const singles: number[] = [];
    const sub = await bus.subscribe({
      groupId: 'kit.batches',
      topics: [TOPIC],
      handler: async (e) => void singles.push(e.aggregateVersion),
      batchHandler: async (events) => void batches.push(events.map((e) => e.aggregateVersion)),
    });
    await waitFor('the run', 5000, () => batches.length + singles.length > 0);
    await bus.publish([toBusMessage(TOPIC, tagsSetEvent(id, 6))]);
    await waitFor('the single one', 5000, () => singles.length > 0);
    await sub.stop();
    assert.deepEqual(batches, [[1, 2, 3, 4, 5]]);
    assert.deepEqual(singles, [6]);
  });

  it('a failing batch loses nothing: its messages are delivered one by one (retries, then the DLQ for the one that keeps failing)', async () => {
    const bus = new InMemoryBus(registry, logger, 1);
    await bus.ensureTopics([TOPIC]);
    const id = randomUUID();
    await bus.publish([1, 2, 3, 4].map((v) => toBusMessage(TOPIC, tagsSetEvent(id, v))));
    const applied: number[] = [];
    let batchCalls = 0;
    const sub = await bus.subscribe({
      groupId: 'kit.fallback',
      topics: [TOPIC],
      maxAttempts: 2,
      retryBackoffMs: 1,
      handler: async (e) => {
        if (e.aggregateVersion === 2) throw new Error('poison');
        applied.push(e.aggregateVersion);
      },
      batchHandler: async (events) => {
        batchCalls++;
        if (events.some((e) => e.aggregateVersion === 2)) throw new Error('poison in the batch');
        applied.push(...events.map((e) => e.aggregateVersion));
      },
    });
    await waitFor('every healthy message', 5000, () => applied.length === 3);
    await sub.stop();
    assert.deepEqual(applied, [1, 3, 4]);
    assert.ok(batchCalls >= 1);
    assert.equal(bus.messages(`${TOPIC}.dlq`).length, 1);
  });
});
