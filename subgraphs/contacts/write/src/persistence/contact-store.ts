import type { AggregateStore } from '@crm/event-bus/kit';
import { canonicalId } from '@crm/platform/ids';

export { canonicalId };
import { AppError } from '@crm/platform/errors';
import { sqlStateOf, UNIQUE_VIOLATION } from '@crm/platform/db';
import type { ContactState } from '../domain/contact';

interface Row {
  id: string;
  code: string;
  status: ContactState['status'];
  version: number;
  state: Omit<ContactState, 'id' | 'code' | 'status' | 'version' | 'createdAt' | 'updatedAt'> | string;
  created_at: Date | string;
  updated_at: Date | string;
}

function toState(r: Row): ContactState {
  const body = typeof r.state === 'string' ? (JSON.parse(r.state) as Row['state'] & object) : r.state;
  return {
    ...body,
    id: r.id,
    code: r.code,
    status: r.status,
    version: Number(r.version),
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

function stateBody(s: ContactState): string {
  const { id: _id, code: _code, status: _status, version: _version, createdAt: _c, updatedAt: _u, ...body } = s;
  return JSON.stringify(body);
}

const COLUMNS = 'id, code, status, version, state, created_at, updated_at';

/**
 * Where contact aggregates live (the command handler's store): reads are tenant-scoped queries,
 * writes are tenant-scoped statements the handler runs together with the outbox append.
 */
export const contactStore: AggregateStore<ContactState> = {
  /** By id (dashed or 32-hex) or by code; unregistered contacts are found by id only. */
  async load(q, tenantId, idOrCode) {
    const id = canonicalId(idOrCode);
    // one round trip: the row with this id (any status), else the live one with this code
    const rows = (await q.query(
      `SELECT ${COLUMNS} FROM contacts WHERE tenant_id = $1 AND (id = $2::uuid OR (lower(code) = lower($3) AND status = 'ACTIVE')) ORDER BY (id = $2::uuid) DESC NULLS LAST LIMIT 1`,
      [tenantId, id, idOrCode],
    )) as Row[];
    return rows[0] ? toState(rows[0]) : null;
  },

  async findById(q, tenantId, id) {
    const rows = (await q.query(`SELECT ${COLUMNS} FROM contacts WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as Row[];
    return rows[0] ? toState(rows[0]) : null;
  },

  insert: (tenantId, s) => ({
    sql: `INSERT INTO contacts (id, tenant_id, code, status, version, state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) RETURNING 1`,
    params: [s.id, tenantId, s.code, s.status, s.version, stateBody(s), s.createdAt, s.updatedAt],
  }),

  /** Optimistic concurrency: writes only if the stored version is still `expectedVersion`. */
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE contacts SET code = $3, status = $4, version = $5, state = $6::jsonb, updated_at = $7 WHERE tenant_id = $1 AND id = $2 AND version = $8 RETURNING 1`,
    params: [tenantId, s.id, s.code, s.status, s.version, stateBody(s), s.updatedAt, expectedVersion],
  }),

  mapError: mapUniqueViolation,
};

export const contactVersionConflict = (): AppError =>
  new AppError('CONFLICT', 'the contact was changed by another request; retry', { reason: 'VERSION_CONFLICT' });

const PRIMARY_KEY = 'contacts_pkey';

function constraintOf(err: unknown): string | undefined {
  const e = err as { constraint?: unknown; driverError?: { constraint?: unknown } } | null;
  const name = e?.driverError?.constraint ?? e?.constraint;
  return typeof name === 'string' ? name : undefined;
}

function mapUniqueViolation(err: unknown): unknown {
  if (sqlStateOf(err) !== UNIQUE_VIOLATION) return err;
  if (constraintOf(err) === PRIMARY_KEY) {
    // ids are global (not per tenant): a concurrent create of the same id, or the id is used elsewhere
    return new AppError('CONFLICT', 'a contact with this id already exists', {
      reason: 'CONTACT_ID_TAKEN',
      field: 'id',
    });
  }
  return new AppError('CONFLICT', 'a contact with this code already exists', {
    reason: 'CONTACT_CODE_TAKEN',
    field: 'code',
  });
}
