import { AppError } from '@crm/platform/errors';
import type { CommandMeta, Tx, UnitOfWork } from '../unit-of-work';
import type { Sessions, TokenPair } from '../auth/sessions';

export const MEMBERSHIP_ACTIONS = ['SIGNUP', 'SIGNOFF'] as const;
export type MembershipAction = (typeof MEMBERSHIP_ACTIONS)[number];

export interface JoinedOrganisation {
  id: string;
  type: string;
  name: string;
  joinedAt: Date;
}

interface OrgRow {
  id: string;
  type: string;
  name: string;
}

/**
 * A contact's organisations of the business network (Self-Service "Contact Organisations"): it
 * signs up to or off an organisation and switches its session to one it has joined (or back to
 * the tenant's own). Each change answers fresh tokens acting for that organisation; the calling
 * session's sign-in time carries over (a switch is no sign-in).
 */
export class ContactOrganisations {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessions: Sessions,
  ) {}

  async act(
    meta: CommandMeta,
    contactId: string,
    input: { organisationId: string; action: string; emailOptOut: boolean; smsOptOut: boolean },
    sessionId: string | null,
  ): Promise<TokenPair> {
    if (!(MEMBERSHIP_ACTIONS as readonly string[]).includes(input.action))
      throw AppError.validation('action', `must be one of ${MEMBERSHIP_ACTIONS.join(', ')}`, 'INVALID_ENUM');
    return this.uow.run(meta, async (tx) => {
      const [org] = (await tx.m.query(`SELECT id, type, name FROM organisations WHERE tenant_id = $1 AND id = $2`, [
        tx.tenantId,
        input.organisationId,
      ])) as OrgRow[];
      if (!org || org.id === tx.tenantId)
        throw AppError.validation('organisation_id', `organisation ${input.organisationId} is not in the business network`, 'INVALID_VALUE');
      if (input.action === 'SIGNUP') {
        await tx.m.query(
          `INSERT INTO contact_organisations (tenant_id, contact_id, organisation_id, email_opt_out, sms_opt_out, joined_at)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (tenant_id, contact_id, organisation_id) DO UPDATE SET email_opt_out = EXCLUDED.email_opt_out, sms_opt_out = EXCLUDED.sms_opt_out`,
          [tx.tenantId, contactId, org.id, input.emailOptOut, input.smsOptOut, tx.now],
        );
      } else {
        // a CTE so the driver answers rows (a bare DELETE … RETURNING answers [rows, count])
        const [gone] = (await tx.m.query(
          `WITH d AS (DELETE FROM contact_organisations WHERE tenant_id = $1 AND contact_id = $2 AND organisation_id = $3 RETURNING 1) SELECT count(*)::int AS n FROM d`,
          [tx.tenantId, contactId, org.id],
        )) as { n: number }[];
        if (!gone || Number(gone.n) === 0)
          throw AppError.validation('organisation_id', `the contact has not signed up to ${org.id}`, 'INVALID_VALUE');
      }
      return this.start(tx, contactId, input.action === 'SIGNUP' ? org.id : tx.tenantId, sessionId);
    });
  }

  /** Tokens acting for an organisation the contact joined, or the tenant's own; any other is not found. */
  async switchTo(meta: CommandMeta, contactId: string, organisationId: string, sessionId: string | null): Promise<TokenPair> {
    return this.uow.run(meta, async (tx) => {
      if (organisationId !== tx.tenantId) {
        const member = (await tx.m.query(`SELECT 1 FROM contact_organisations WHERE tenant_id = $1 AND contact_id = $2 AND organisation_id = $3`, [
          tx.tenantId,
          contactId,
          organisationId,
        ])) as unknown[];
        if (member.length === 0) throw AppError.notFound('organisation', organisationId);
      }
      return this.start(tx, contactId, organisationId, sessionId);
    });
  }

  /** The organisations the contact joined, by name (filtered by a part of the name). */
  async list(tenantId: string, contactId: string, name: string | null): Promise<JoinedOrganisation[]> {
    const rows = (await this.uow.query(
      `SELECT o.id, o.type, o.name, co.joined_at FROM contact_organisations co JOIN organisations o ON o.id = co.organisation_id AND o.tenant_id = co.tenant_id
       WHERE co.tenant_id = $1 AND co.contact_id = $2 AND ($3::text IS NULL OR o.name ILIKE '%' || $3 || '%') ORDER BY o.name, o.id`,
      [tenantId, contactId, name ? name.replace(/[\\%_]/g, (c) => `\\${c}`) : null],
    )) as (OrgRow & { joined_at: Date | string })[];
    return rows.map((r) => ({ id: r.id, type: r.type, name: r.name, joinedAt: new Date(r.joined_at) }));
  }

  private async start(tx: Tx, contactId: string, organisationId: string, sessionId: string | null): Promise<TokenPair> {
    const authenticatedAt = sessionId ? await this.sessions.signedInAt(tx, sessionId) : null;
    if (sessionId && !authenticatedAt) throw new AppError('UNAUTHENTICATED', 'the session has ended', { reason: 'SESSION_REVOKED' });
    return this.sessions.start(tx, {
      kind: 'contact',
      id: contactId,
      audience: 'crm-self-service',
      organisationId,
      ...(authenticatedAt ? { authenticatedAt } : {}),
    });
  }
}
