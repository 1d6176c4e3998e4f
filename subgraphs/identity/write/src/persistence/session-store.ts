import type { AggregateDefinition, AggregateStore } from '@crm/event-bus/kit';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { type Audience, evolveSession, type RevokeReason, type SessionChange, type SessionState, type SubjectKind } from '../domain/session';
import { readsById } from './reads-by-id';
import { versionConflict } from './versions';

export interface SessionRow {
  id: string;
  subject_kind: SubjectKind;
  subject_id: string;
  audience: Audience;
  organisation_id: string | null;
  created_at: Date | string;
  authenticated_at: Date | string | null;
  absolute_expires_at: Date | string;
  revoked_at: Date | string | null;
  revoke_reason: RevokeReason | null;
}

const toSession = (r: SessionRow): SessionState => ({
  id: r.id,
  subjectKind: r.subject_kind,
  subjectId: r.subject_id,
  audience: r.audience,
  organisationId: r.organisation_id,
  createdAt: new Date(r.created_at),
  authenticatedAt: r.authenticated_at ? new Date(r.authenticated_at) : null,
  absoluteExpiresAt: new Date(r.absolute_expires_at),
  revoked: r.revoked_at !== null,
  revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
  revokeReason: r.revoke_reason,
  // a session starts without an event; its revocation is its one event
  version: r.revoked_at !== null ? 1 : 0,
});

const SESSION_COLUMNS =
  'id, subject_kind, subject_id, audience, organisation_id, created_at, authenticated_at, absolute_expires_at, revoked_at, revoke_reason';

/**
 * Where sessions live (the command handler's store). A session is started by a plain insert (no
 * event); its one command, the revocation, writes only while it is still live (version 0).
 */
export const sessionStore: AggregateStore<SessionState> = {
  ...readsById<SessionRow, SessionState>('sessions', SESSION_COLUMNS, toSession),

  insert: (tenantId, s) => ({
    sql: `INSERT INTO sessions (id, tenant_id, subject_kind, subject_id, audience, organisation_id, created_at, authenticated_at, absolute_expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING 1`,
    params: [s.id, tenantId, s.subjectKind, s.subjectId, s.audience, s.organisationId, s.createdAt, s.authenticatedAt, s.absoluteExpiresAt],
  }),

  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE sessions SET revoked_at = $3, revoke_reason = $4 WHERE tenant_id = $1 AND id = $2 AND (revoked_at IS NULL) = ($5::int = 0) RETURNING 1`,
    params: [tenantId, s.id, s.revokedAt, s.revokeReason, expectedVersion],
  }),
};

/** The session aggregate, as the kit's command handler runs it. */
export const sessionAggregate: AggregateDefinition<SessionState, SessionChange> = {
  type: AGGREGATES.session,
  evolve: evolveSession,
  store: sessionStore,
  versionConflict: versionConflict('session'),
};
