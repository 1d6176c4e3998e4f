import type { EntityManager } from 'typeorm';
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
  return { ...body, id: r.id, code: r.code, status: r.status, version: Number(r.version), createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at) };
}

function stateBody(s: ContactState): string {
  const { id: _id, code: _code, status: _status, version: _version, createdAt: _c, updatedAt: _u, ...body } = s;
  return JSON.stringify(body);
}

/** Contact rows of ONE tenant: every statement is scoped by the tenant given at construction. */
export class ContactStore {
  constructor(
    private readonly m: EntityManager,
    private readonly tenantId: string,
  ) {}

  /** Loads by id (dashed or 32-hex) or by code; unregistered contacts are found by id only. */
  async load(idOrCode: string): Promise<ContactState | null> {
    const id = canonicalId(idOrCode);
    if (id) {
      const byId = await this.findById(id);
      if (byId) return byId;
    }
    const rows = (await this.m.query(`SELECT * FROM contacts WHERE tenant_id = $1 AND lower(code) = lower($2) AND status = 'ACTIVE'`, [
      this.tenantId,
      idOrCode,
    ])) as Row[];
    return rows[0] ? toState(rows[0]) : null;
  }

  /** Loads by canonical id only (never by code), whatever the status. */
  async findById(id: string): Promise<ContactState | null> {
    const rows = (await this.m.query(`SELECT * FROM contacts WHERE tenant_id = $1 AND id = $2`, [this.tenantId, id])) as Row[];
    return rows[0] ? toState(rows[0]) : null;
  }

  async insert(s: ContactState): Promise<void> {
    try {
      await this.m.query(
        `INSERT INTO contacts (id, tenant_id, code, status, version, state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`,
        [s.id, this.tenantId, s.code, s.status, s.version, stateBody(s), s.createdAt, s.updatedAt],
      );
    } catch (err) {
      throw mapUniqueViolation(err);
    }
  }

  /** Optimistic concurrency: writes only if the stored version is still `expectedVersion`. */
  async update(s: ContactState, expectedVersion: number): Promise<void> {
    const result = (await this.m.query(
      `UPDATE contacts SET code = $3, status = $4, version = $5, state = $6::jsonb, updated_at = $7 WHERE tenant_id = $1 AND id = $2 AND version = $8`,
      [this.tenantId, s.id, s.code, s.status, s.version, stateBody(s), s.updatedAt, expectedVersion],
    )) as [unknown, number];
    if (result[1] !== 1) {
      throw new AppError('CONFLICT', 'the contact was changed by another request; retry', { reason: 'VERSION_CONFLICT' });
    }
  }
}

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
    return new AppError('CONFLICT', 'a contact with this id already exists', { reason: 'CONTACT_ID_TAKEN', field: 'id', exception: 'ALREADYEXISTSEXCEPTION' });
  }
  return new AppError('CONFLICT', 'a contact with this code already exists', { reason: 'CONTACT_CODE_TAKEN', field: 'code', exception: 'ALREADYEXISTSEXCEPTION' });
}
