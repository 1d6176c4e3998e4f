import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a session's subject last proved who they are (sign-in). Kept on refresh and carried over
 * by organisation switches, so the re-authentication window of password changes counts from the
 * real sign-in. Sessions from before this column count from their creation.
 */
export class SessionAuthenticatedAt1733000000305 implements MigrationInterface {
  name = 'SessionAuthenticatedAt1733000000305';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions ADD COLUMN authenticated_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions DROP COLUMN authenticated_at`);
  }
}
