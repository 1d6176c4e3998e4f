import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Communications (state as JSON beside the columns the delivery worker polls on), their templates,
 * and what a communication needs to know of a contact (address, language, opt-outs).
 */
export class CreateCommunications1800000000103 implements MigrationInterface {
  name = 'CreateCommunications1800000000103';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE communications (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        contact_id uuid,
        state text NOT NULL,
        next_attempt_at timestamptz,
        lease_until timestamptz,
        doc jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX communications_due_idx ON communications (next_attempt_at) WHERE state = 'PENDING'`);
    await q.query(`
      CREATE TABLE communication_templates (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        trigger text NOT NULL,
        channel text NOT NULL,
        language text NOT NULL,
        doc jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (tenant_id, trigger, channel, language)
      )`);
    await q.query(`
      CREATE TABLE communication_contacts (
        tenant_id text NOT NULL,
        contact_id uuid NOT NULL,
        active boolean NOT NULL,
        version integer NOT NULL,
        email text,
        phone text,
        language_code text,
        email_opt_out boolean NOT NULL DEFAULT false,
        sms_opt_out boolean NOT NULL DEFAULT false,
        first_name text,
        last_name text,
        company_name text,
        code text,
        PRIMARY KEY (tenant_id, contact_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE communication_templates`);
    await q.query(`DROP TABLE communications`);
    await q.query(`DROP TABLE communication_contacts`);
  }
}
