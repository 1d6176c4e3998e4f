import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Community relationship views: the view as JSON beside the columns queries filter on. */
export class CreateCommunityRelationshipViews1810000000600 implements MigrationInterface {
  name = 'CreateCommunityRelationshipViews1810000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE community_relationship_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        owner_id uuid NOT NULL,
        member_id uuid NOT NULL,
        state text NOT NULL,
        grp text,
        created_at timestamptz NOT NULL,
        doc jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX community_relationship_views_owner_idx ON community_relationship_views (tenant_id, owner_id, created_at)`);
    await q.query(`CREATE INDEX community_relationship_views_member_idx ON community_relationship_views (tenant_id, member_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE community_relationship_views`);
  }
}
