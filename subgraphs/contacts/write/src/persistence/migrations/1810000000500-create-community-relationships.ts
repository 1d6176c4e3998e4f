import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Community relationships (owner → member): the state as JSON beside the columns lookups need. A
 * member is in an owner's community (invited or accepted) at most once.
 */
export class CreateCommunityRelationships1810000000500 implements MigrationInterface {
  name = 'CreateCommunityRelationships1810000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE community_relationships (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        owner_id uuid NOT NULL,
        member_id uuid NOT NULL,
        state text NOT NULL,
        grp text,
        doc jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX community_relationships_live_key ON community_relationships (tenant_id, owner_id, member_id) WHERE state IN ('PENDING', 'ACCEPTED')`,
    );
    await q.query(`CREATE INDEX community_relationships_member_idx ON community_relationships (tenant_id, member_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE community_relationships`);
  }
}
