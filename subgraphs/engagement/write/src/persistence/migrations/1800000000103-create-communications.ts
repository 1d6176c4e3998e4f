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
      ALTER TABLE engagement_contacts
        ADD COLUMN email text,
        ADD COLUMN phone text,
        ADD COLUMN language_code text,
        ADD COLUMN email_opt_out boolean NOT NULL DEFAULT false,
        ADD COLUMN sms_opt_out boolean NOT NULL DEFAULT false,
        ADD COLUMN first_name text,
        ADD COLUMN last_name text,
        ADD COLUMN company_name text,
        ADD COLUMN code text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE communication_templates`);
    await q.query(`DROP TABLE communications`);
    await q.query(`ALTER TABLE engagement_contacts DROP COLUMN email, DROP COLUMN phone, DROP COLUMN language_code, DROP COLUMN email_opt_out,
      DROP COLUMN sms_opt_out, DROP COLUMN first_name, DROP COLUMN last_name, DROP COLUMN company_name, DROP COLUMN code`);
  }
}
