import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Teams become versioned aggregates with tenant-unique names (case-insensitive). */
export class TeamVersions1733000000304 implements MigrationInterface {
  name = 'TeamVersions1733000000304';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE teams ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await q.query(`CREATE UNIQUE INDEX teams_tenant_name_uq ON teams (tenant_id, lower(name))`);
    await q.query(`CREATE INDEX users_team_ids_idx ON users USING gin (team_ids)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX users_team_ids_idx`);
    await q.query(`DROP INDEX teams_tenant_name_uq`);
    await q.query(`ALTER TABLE teams DROP COLUMN version`);
  }
}
