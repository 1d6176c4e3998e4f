import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Teams and the teams of each user. */
export class CreateTeamViews1733000000302 implements MigrationInterface {
  name = 'CreateTeamViews1733000000302';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE team_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`ALTER TABLE user_views ADD COLUMN team_ids jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await q.query(`CREATE INDEX user_views_team_ids_idx ON user_views USING gin (team_ids)`);
    await q.query(`CREATE INDEX user_views_role_ids_idx ON user_views USING gin (role_ids)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX user_views_role_ids_idx`);
    await q.query(`DROP INDEX user_views_team_ids_idx`);
    await q.query(`ALTER TABLE user_views DROP COLUMN team_ids`);
    await q.query(`DROP TABLE team_views`);
  }
}
