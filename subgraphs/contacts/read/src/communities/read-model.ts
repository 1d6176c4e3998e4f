import { refKey, type ReadModel } from '@crm/event-bus/kit';
import { COMMUNITY_RELATIONSHIP_AGGREGATE, type CommunityEvent } from '@crm/event-bus/contracts/contacts/community';
import { projectRelationship, type RelationshipView } from './projection';

/** `community_relationship_views`: one JSON view per relationship, one statement per batch, rows only move forward. */
export const communityViewsReadModel: ReadModel<RelationshipView> = {
  name: 'community_relationship_views',
  accepts: (e) => e.aggregateType === COMMUNITY_RELATIONSHIP_AGGREGATE,
  contiguous: true,
  saveIsAtomic: true,
  async load(q, refs) {
    const rows = (await q.query(
      `SELECT tenant_id, id, version, doc FROM community_relationship_views WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`,
      [refs.map((r) => r.tenantId), refs.map((r) => r.aggregateId)],
    )) as { tenant_id: string; id: string; version: number; doc: RelationshipView }[];
    return new Map(
      rows.map((r) => [
        refKey({ tenantId: r.tenant_id, aggregateType: COMMUNITY_RELATIONSHIP_AGGREGATE, aggregateId: r.id }),
        { version: Number(r.version), state: r.doc },
      ]),
    );
  },
  project: (view, event) => projectRelationship(view, event as CommunityEvent),
  async save(q, changed) {
    const params: unknown[] = [];
    const values = changed.map(({ ref, state: v }) => {
      const i = params.length;
      params.push(ref.tenantId, v.id, v.version, v.ownerId, v.memberId, v.state, v.group, v.createdAt, JSON.stringify(v));
      return `($${i + 1}, $${i + 2}::uuid, $${i + 3}::int, $${i + 4}::uuid, $${i + 5}::uuid, $${i + 6}, $${i + 7}, $${i + 8}::timestamptz, $${i + 9}::jsonb)`;
    });
    await q.query(
      `INSERT INTO community_relationship_views (tenant_id, id, version, owner_id, member_id, state, grp, created_at, doc) VALUES ${values.join(', ')}
       ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, state = EXCLUDED.state, grp = EXCLUDED.grp, doc = EXCLUDED.doc
       WHERE community_relationship_views.version < EXCLUDED.version`,
      params,
    );
  },
};
