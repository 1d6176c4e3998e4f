import type { DataSource } from 'typeorm';
import { waitForVersion, type ConsistencyToken } from '@crm/platform/graphql';
import { COMMUNITY_RELATIONSHIP_AGGREGATE } from '@crm/event-bus/contracts/contacts/community';
import type { Projector } from '@crm/event-bus/kit';
import type { RelationshipView } from './projection';

/** What lists show of a contact (owner or member). */
export interface CommunityContactView {
  id: string;
  type: string;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  email: string | null;
  phoneCountryCode: string | null;
  phoneNumber: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

interface ContactDoc {
  type?: string;
  firstName?: string | null;
  lastName?: string | null;
  companyName?: string | null;
  email?: string | null;
  phones?: { countryCode: string; number: string; isPrimary?: boolean; type?: string }[];
}

/** Every query is scoped to one tenant. */
export class CommunityQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projector: Projector | null,
    private readonly consistencyWaitMs: number,
  ) {}

  /** Waits until every relationship token of the request is projected; false when time ran out. */
  async awaitTokens(tenantId: string, tokens: ConsistencyToken[]): Promise<boolean> {
    const wanted = tokens.filter((t) => t.aggregateType === COMMUNITY_RELATIONSHIP_AGGREGATE);
    const results = await Promise.all(
      wanted.map((t) =>
        waitForVersion(
          t.version,
          () => this.versionOf(tenantId, t.aggregateId),
          this.projector ? { emitter: this.projector.applied, event: `${tenantId}:${t.aggregateId}` } : null,
          this.consistencyWaitMs,
        ),
      ),
    );
    return results.every(Boolean);
  }

  private async versionOf(tenantId: string, id: string): Promise<number> {
    const rows = (await this.dataSource.query(`SELECT version FROM community_relationship_views WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      id,
    ])) as {
      version: number;
    }[];
    return Number(rows[0]?.version ?? 0);
  }

  async get(tenantId: string, id: string): Promise<RelationshipView | null> {
    const rows = (await this.dataSource.query(`SELECT doc FROM community_relationship_views WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as {
      doc: RelationshipView;
    }[];
    return rows[0]?.doc ?? null;
  }

  /**
   * Relationships by owner and/or member, optionally by group and states, oldest or newest first.
   * Removed relationships are never listed.
   */
  async list(
    tenantId: string,
    f: { ownerId?: string | null; memberId?: string | null; group?: string | null; states?: string[] | null },
    page: { offset: number; limit: number; ascending: boolean },
  ): Promise<Page<RelationshipView>> {
    const where = [
      'tenant_id = $1',
      "state <> 'REMOVED'",
      '($2::uuid IS NULL OR owner_id = $2)',
      '($3::uuid IS NULL OR member_id = $3)',
      '($4::text IS NULL OR grp = $4)',
      '($5::text[] IS NULL OR state = ANY($5))',
    ].join(' AND ');
    const params = [tenantId, f.ownerId ?? null, f.memberId ?? null, f.group ?? null, f.states?.length ? f.states : null];
    const dir = page.ascending ? 'ASC' : 'DESC';
    const [rows, count] = await Promise.all([
      this.dataSource.query(`SELECT doc FROM community_relationship_views WHERE ${where} ORDER BY created_at ${dir}, id ${dir} OFFSET $6 LIMIT $7`, [
        ...params,
        page.offset,
        page.limit,
      ]) as Promise<{ doc: RelationshipView }[]>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM community_relationship_views WHERE ${where}`, params) as Promise<{ n: number }[]>,
    ]);
    return { items: rows.map((r) => r.doc), total: Number(count[0]?.n ?? 0) };
  }

  /** The owner's groups (of live relationships), by name. */
  async groups(tenantId: string, ownerId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT grp FROM community_relationship_views WHERE tenant_id = $1 AND owner_id = $2 AND grp IS NOT NULL AND state IN ('PENDING', 'ACCEPTED') ORDER BY grp`,
      [tenantId, ownerId],
    )) as { grp: string }[];
    return rows.map((r) => r.grp);
  }

  /** Whether `memberId` has a live (pending or accepted) relationship in `ownerId`'s community. */
  async isInCommunity(
    tenantId: string,
    ownerId: string,
    memberId: string,
    states: string[] = ['PENDING', 'ACCEPTED'],
  ): Promise<RelationshipView | null> {
    const rows = (await this.dataSource.query(
      `SELECT doc FROM community_relationship_views WHERE tenant_id = $1 AND owner_id = $2 AND member_id = $3 AND state = ANY($4) LIMIT 1`,
      [tenantId, ownerId, memberId, states],
    )) as { doc: RelationshipView }[];
    return rows[0]?.doc ?? null;
  }

  /** The live contacts among `ids`, as lists show them. */
  async contacts(tenantId: string, ids: string[]): Promise<Map<string, CommunityContactView>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.dataSource.query(`SELECT id, doc FROM contact_views WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND NOT deleted`, [
      tenantId,
      [...new Set(ids)],
    ])) as { id: string; doc: ContactDoc }[];
    return new Map(
      rows.map((r) => {
        const phones = r.doc.phones ?? [];
        const phone = phones.find((p) => p.isPrimary) ?? phones.find((p) => p.type === 'MOBILE') ?? phones[0];
        return [
          r.id,
          {
            id: r.id,
            type: r.doc.type ?? 'PERSON',
            firstName: r.doc.firstName ?? null,
            lastName: r.doc.lastName ?? null,
            companyName: r.doc.companyName ?? null,
            email: r.doc.email ?? null,
            phoneCountryCode: phone?.countryCode ?? null,
            phoneNumber: phone?.number ?? null,
          },
        ];
      }),
    );
  }
}
