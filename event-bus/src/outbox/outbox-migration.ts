import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox table every write service includes in its migrations. */
export class CreateOutbox1733000000000 implements MigrationInterface {
  name = 'CreateOutbox1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        topic text NOT NULL,
        message_key text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
  }
}

/**
 * The W3C trace context (`traceparent`) of the command that wrote the row, which the relay sends
 * as a Kafka header. A column, not a field of the payload: the envelope is a published contract
 * (schema/events), and trace context is transport metadata, not part of the event.
 */
export class AddOutboxTraceparent1765100000000 implements MigrationInterface {
  name = 'AddOutboxTraceparent1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN IF NOT EXISTS traceparent text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN IF EXISTS traceparent`);
  }
}

/** Every outbox migration, in order: a write service lists these among its own migrations. */
export const OUTBOX_MIGRATIONS = [CreateOutbox1733000000000, AddOutboxTraceparent1765100000000];
