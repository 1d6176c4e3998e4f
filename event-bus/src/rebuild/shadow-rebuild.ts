import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { createDataSource, type DataSourceConfig } from '@crm/platform/db';
import type { KafkaBus } from '../kafka/kafka-bus';
import type { EventHandler } from '../ports';

export interface ShadowRebuildOptions {
  /** The bus holding the full event history (Kafka; topics kept forever). */
  bus: KafkaBus;
  /** Topics the read model is projected from. */
  topics: string[];
  /** The read model's database settings (PostgreSQL); `schema` is the live schema, e.g. `contacts_read`. */
  database: Omit<DataSourceConfig, 'migrate' | 'entities'> & { databaseUrl: string };
  /** The projector writing into the shadow data source. */
  handlerFor(shadow: DataSource): EventHandler;
  logger: Logger;
  /** Upper bound for catching up before the swap and while holding the swap locks (default 10 min / 30 s). */
  catchUpTimeoutMs?: number;
  swapTimeoutMs?: number;
}

export interface ShadowRebuildResult {
  events: number;
  tables: { table: string; before: number; after: number }[];
  retiredSchema: string;
}

const ident = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
};

/**
 * Refuses to rebuild from topics that may have lost history: every topic must keep messages
 * forever (retention.ms and retention.bytes -1, cleanup.policy delete) and still start at offset 0.
 */
export async function assertFullHistory(bus: KafkaBus, topics: string[]): Promise<void> {
  const problems: string[] = [];
  for (const topic of topics) {
    const r = await bus.topicRetention(topic);
    if (r['retention.ms'] !== '-1') problems.push(`${topic}: retention.ms is ${r['retention.ms'] ?? 'unset'} (must be -1)`);
    if (r['retention.bytes'] !== '-1') problems.push(`${topic}: retention.bytes is ${r['retention.bytes'] ?? 'unset'} (must be -1)`);
    if (r['cleanup.policy'] !== 'delete') problems.push(`${topic}: cleanup.policy is ${r['cleanup.policy'] ?? 'unset'} (compaction drops history)`);
  }
  for (const p of await bus.endOffsets(topics))
    if (p.low !== 0n) problems.push(`${p.topic}[${p.partition}] starts at offset ${p.low}: history was deleted`);
  if (problems.length > 0) throw new Error(`cannot rebuild from an incomplete event history:\n  - ${problems.join('\n  - ')}`);
}

async function waitUntil(what: string, timeoutMs: number, cond: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`rebuild: timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Zero-downtime rebuild of a read model (DESIGN.md §5: build in shadow, catch up, swap):
 * 1. a shadow schema `<schema>_rebuild` gets the read model's tables (its migrations);
 * 2. a fresh consumer group projects the topics from offset 0 into it, until it reaches the end;
 * 3. one transaction locks the live tables against writes (reads go on), lets the shadow catch up
 *    with everything published so far (so whatever the live projector applied is in the shadow
 *    too), and renames the live schema away and the shadow schema into its place. Queries resolve
 *    table names per statement, so they move to the new tables at the commit; a live projector
 *    statement blocked by the lock re-resolves the name and writes into the new tables.
 * The retired schema is dropped afterwards. A failure before the swap leaves the live model untouched.
 */
export async function rebuildIntoShadow(options: ShadowRebuildOptions): Promise<ShadowRebuildResult> {
  const { bus, topics, logger } = options;
  const schema = options.database.schema;
  const shadowName = `${schema}_rebuild`;
  const retired = `${schema}_retired_${Date.now().toString(36)}`;
  await assertFullHistory(bus, topics);
  const admin = await createDataSource({ ...options.database, entities: [], migrate: false, poolSize: 2 });
  try {
    return await rebuildWith(admin);
  } finally {
    await admin.destroy();
  }

  async function rebuildWith(admin: DataSource): Promise<ShadowRebuildResult> {
    await admin.query(`DROP SCHEMA IF EXISTS ${ident(shadowName)} CASCADE`);
    // the read model's own migrations create its tables in the shadow schema
    const shadow = await createDataSource({ ...options.database, schema: shadowName, entities: [], migrate: true });
    const handler = options.handlerFor(shadow);
    let events = 0;
    const subscription = await bus.subscribe({
      groupId: `${options.database.service}.rebuild.${Date.now().toString(36)}`,
      topics,
      fromBeginning: true,
      handler: async (event, delivery) => {
        await handler(event, delivery);
        events++;
      },
    });
    const reached = async (): Promise<boolean> => {
      const ends = await bus.endOffsets(topics);
      const at = new Map(subscription.positions().map((p) => [`${p.topic}/${p.partition}`, p.next]));
      return ends.every((e) => e.high === 0n || (at.get(`${e.topic}/${e.partition}`) ?? 0n) >= e.high);
    };
    let stopped = false;
    try {
      await waitUntil('the shadow to catch up', options.catchUpTimeoutMs ?? 600_000, reached);
      logger.info({ schema, events }, 'rebuild: shadow caught up; swapping');
      const tables = (
        (await admin.query(`SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> 'migrations' ORDER BY tablename`, [schema])) as {
          tablename: string;
        }[]
      ).map((r) => r.tablename);
      const counts: ShadowRebuildResult['tables'] = [];
      await admin.transaction(async (m) => {
        await m.query(`SET LOCAL lock_timeout = '10s'`);
        for (const t of tables) await m.query(`LOCK TABLE ${ident(schema)}.${ident(t)} IN EXCLUSIVE MODE`);
        // the live projector is held now; everything it applied was published before this point
        await waitUntil('the shadow to catch up under the swap lock', options.swapTimeoutMs ?? 30_000, reached);
        await subscription.stop();
        stopped = true;
        for (const t of tables) {
          const [b] = (await m.query(`SELECT count(*)::int AS n FROM ${ident(schema)}.${ident(t)}`)) as { n: number }[];
          const [a] = (await m.query(`SELECT count(*)::int AS n FROM ${ident(shadowName)}.${ident(t)}`)) as { n: number }[];
          counts.push({ table: t, before: Number(b?.n ?? 0), after: Number(a?.n ?? 0) });
        }
        await m.query(`ALTER SCHEMA ${ident(schema)} RENAME TO ${ident(retired)}`);
        await m.query(`ALTER SCHEMA ${ident(shadowName)} RENAME TO ${ident(schema)}`);
      });
      await shadow.destroy();
      await admin.query(`DROP SCHEMA ${ident(retired)} CASCADE`);
      logger.info({ schema, events, tables: counts }, 'rebuild: swapped in');
      return { events, tables: counts, retiredSchema: retired };
    } finally {
      if (!stopped) await subscription.stop().catch(() => undefined);
      if (shadow.isInitialized) await shadow.destroy().catch(() => undefined);
    }
  }
}
