import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { testBackends } from '@crm/platform/testing';
import { registry } from '../contracts';
import { KafkaBus } from '../kafka/kafka-bus';
import { assertFullHistory } from './shadow-rebuild';

const backends = testBackends();

// A rebuild replays topics from offset 0, so it must refuse topics that may have dropped history.
if (backends.kafkaBrokers.length > 0) {
  describe('event topics and rebuilds: retention', () => {
    const namespace = `t${randomUUID().slice(0, 10)}`;
    let bus: KafkaBus;
    let admin: Admin;
    before(async () => {
      bus = new KafkaBus(
        { brokers: backends.kafkaBrokers, clientId: 'retention-test', partitions: 2, namespace },
        registry,
        pino({ level: 'silent' }),
      );
      admin = new Kafka({ clientId: 'retention-test-admin', brokers: backends.kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
    });
    after(async () => {
      const mine = (await admin.listTopics()).filter((t) => t.startsWith(`${namespace}.`));
      if (mine.length > 0) await admin.deleteTopics({ topics: mine, timeout: 10_000 }).catch(() => undefined);
      await admin.disconnect();
      await bus.close();
    });

    it('topics the bus creates (and their DLQ twins) keep messages forever', async () => {
      await bus.ensureTopics(['crm.kept.events']);
      for (const topic of ['crm.kept.events', 'crm.kept.events.dlq']) {
        assert.deepEqual(await bus.topicRetention(topic), { 'retention.ms': '-1', 'retention.bytes': '-1', 'cleanup.policy': 'delete' }, topic);
      }
      await assertFullHistory(bus, ['crm.kept.events']);
    });

    it('a rebuild refuses a topic with time-limited retention or compaction, naming the problem', async () => {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          { topic: `${namespace}.crm.week.events`, numPartitions: 1, configEntries: [{ name: 'retention.ms', value: '604800000' }] },
          {
            topic: `${namespace}.crm.compact.events`,
            numPartitions: 1,
            configEntries: [
              { name: 'cleanup.policy', value: 'compact' },
              { name: 'retention.ms', value: '-1' },
              { name: 'retention.bytes', value: '-1' },
            ],
          },
        ],
      });
      await assert.rejects(assertFullHistory(bus, ['crm.week.events']), /crm\.week\.events: retention\.ms is 604800000 \(must be -1\)/);
      await assert.rejects(assertFullHistory(bus, ['crm.compact.events']), /crm\.compact\.events: cleanup\.policy is compact/);
    });
  });
}
