import { Kafka, logLevel } from 'kafkajs';

/** Deletes every topic of a test namespace (`<namespace>.*`) from a shared broker; best effort. */
export async function deleteNamespace(brokers: string[], namespace: string): Promise<void> {
  if (brokers.length === 0) return;
  const admin = new Kafka({ clientId: 'test-cleanup', brokers, logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(`${namespace}.`));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine, timeout: 10_000 });
  } catch {
    // cleanup only: a leftover namespaced topic does not affect other runs
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Committed-offset lag of a consumer group over every partition of the given physical topics. */
export async function groupLag(brokers: string[], groupId: string, topics: string[]): Promise<number> {
  const admin = new Kafka({ clientId: 'test-lag', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    let lag = 0;
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      for (const end of ends) {
        const c = committed?.partitions.find((p) => p.partition === end.partition);
        const done = c && Number(c.offset) >= 0 ? Number(c.offset) : Number(end.low);
        lag += Math.max(0, Number(end.high) - done);
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}
