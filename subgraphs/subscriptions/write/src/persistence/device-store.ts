import type { AggregateStore, Queryable } from '@crm/event-bus/kit';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import type { DeviceState } from '../domain/devices/device';

interface Row {
  id: string;
  version: number;
  data: Omit<DeviceState, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = `id, version, data, created_at, updated_at`;
const toState = (r: Row): DeviceState => ({
  ...r.data,
  id: r.id,
  version: Number(r.version),
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});
const dataOf = (s: DeviceState): string => {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...data } = s;
  return JSON.stringify(data);
};

async function byId(q: Queryable, tenantId: string, ref: string): Promise<DeviceState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(`SELECT ${COLUMNS} FROM devices WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

/** The contact's live push registration with this token, or null. */
export async function pushDeviceOf(q: Queryable, tenantId: string, contactId: string, token: string): Promise<DeviceState | null> {
  const rows = (await q.query(`SELECT ${COLUMNS} FROM devices WHERE tenant_id = $1 AND contact_id = $2 AND registration_token = $3 AND NOT removed`, [
    tenantId,
    contactId,
    token,
  ])) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

/** Where device aggregates live (tenant-scoped); serial numbers and live push tokens are unique. */
export const deviceStore: AggregateStore<DeviceState> = {
  load: byId,
  findById: byId,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO devices (id, tenant_id, version, contact_id, kind, serial_number, registration_token, removed, data, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11) RETURNING 1`,
    params: [s.id, tenantId, s.version, s.contactId, s.kind, s.serialNumber, s.registrationToken, s.removed, dataOf(s), s.createdAt, s.updatedAt],
  }),
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE devices SET version = $3, removed = $4, data = $5::jsonb, updated_at = $6 WHERE tenant_id = $1 AND id = $2 AND version = $7 RETURNING 1`,
    params: [tenantId, s.id, s.version, s.removed, dataOf(s), s.updatedAt, expectedVersion],
  }),
  mapError: (err) => {
    const e = err as { code?: string; constraint?: string };
    if (e.code !== '23505') return err;
    if (e.constraint === 'devices_serial_uq')
      return new AppError('CONFLICT', 'a device with this serial_number is already registered', {
        reason: 'DEVICE_SERIAL_NUMBER_TAKEN',
        field: 'serialNumber',
      });
    return new AppError('CONFLICT', 'the device was registered by another request; retry', { reason: 'VERSION_CONFLICT' });
  },
};
