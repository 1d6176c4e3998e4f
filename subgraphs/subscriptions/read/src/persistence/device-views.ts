import type { EntityManager } from 'typeorm';
import { refKey, type Queryable, type ReadModel } from '@crm/event-bus/kit';
import { DEVICE_AGGREGATE, type DeviceEvent } from '@crm/event-bus/contracts/subscriptions';
import { projectDevice, type DeviceView } from '../projections/device-view.projection';

interface Row {
  tenant_id: string;
  id: string;
  version: number;
  data: Omit<DeviceView, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = `tenant_id, id, version, data, created_at, updated_at`;
const toView = (r: Row): DeviceView => ({
  ...r.data,
  id: r.id,
  version: Number(r.version),
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});
const dataOf = (v: DeviceView): string => {
  const { id: _i, version: _v, createdAt: _c, updatedAt: _u, ...data } = v;
  return JSON.stringify(data);
};

/** `device_views`: one row per device (services and meter readings in `data`), only ever moving forward. */
export const deviceViewsReadModel: ReadModel<DeviceView> = {
  name: 'device_views',
  accepts: (e) => e.aggregateType === DEVICE_AGGREGATE,
  contiguous: true,
  saveIsAtomic: true,
  async load(q, refs) {
    const rows = (await q.query(`SELECT ${COLUMNS} FROM device_views WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`, [
      refs.map((r) => r.tenantId),
      refs.map((r) => r.aggregateId),
    ])) as Row[];
    return new Map(
      rows.map((r) => [
        refKey({ tenantId: r.tenant_id, aggregateType: DEVICE_AGGREGATE, aggregateId: r.id }),
        { version: Number(r.version), state: toView(r) },
      ]),
    );
  },
  project: (view, event) => projectDevice(view, event as DeviceEvent),
  async save(q, changed) {
    const params: unknown[] = [];
    const values = changed.map(({ ref, state: v }) => {
      const i = params.length;
      params.push(
        ref.tenantId,
        v.id,
        v.version,
        v.contactId,
        v.kind,
        v.serialNumber,
        v.electronicId,
        v.subscriptionId,
        v.removed,
        dataOf(v),
        v.createdAt,
        v.updatedAt,
      );
      const p = (n: number) => `$${i + n}`;
      return `(${p(1)}, ${p(2)}::uuid, ${p(3)}::int, ${p(4)}::uuid, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}::uuid, ${p(9)}::boolean, ${p(10)}::jsonb, ${p(11)}::timestamptz, ${p(12)}::timestamptz)`;
    });
    await q.query(
      `INSERT INTO device_views (tenant_id, id, version, contact_id, kind, serial_number, electronic_id, subscription_id, removed, data, created_at, updated_at)
       VALUES ${values.join(', ')}
       ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, subscription_id = EXCLUDED.subscription_id, removed = EXCLUDED.removed,
         data = EXCLUDED.data, updated_at = EXCLUDED.updated_at
       WHERE device_views.version < EXCLUDED.version`,
      params,
    );
  },
};

/** What a device list may be narrowed to (every filter optional; removed push registrations never listed). */
export interface DeviceFilter {
  contactId: string | null;
  subscriptionId: string | null;
  serviceId: string | null;
  serialNumber: string | null;
  electronicId: string | null;
  kind: string | null;
}

const WHERE = `tenant_id = $1 AND NOT removed
  AND ($2::uuid IS NULL OR contact_id = $2::uuid)
  AND ($3::uuid IS NULL OR subscription_id = $3::uuid)
  AND ($4::jsonb IS NULL OR data -> 'services' @> $4::jsonb)
  AND ($5::text IS NULL OR serial_number = $5)
  AND ($6::text IS NULL OR electronic_id = $6)
  AND ($7::text IS NULL OR kind = $7)`;

/** Device views of ONE tenant: every statement is scoped by the tenant given at construction. */
export class DeviceViewStore {
  constructor(
    private readonly q: Queryable | EntityManager,
    private readonly tenantId: string,
  ) {}

  private params(f: DeviceFilter): unknown[] {
    return [
      this.tenantId,
      f.contactId,
      f.subscriptionId,
      f.serviceId ? JSON.stringify([{ serviceId: f.serviceId }]) : null,
      f.serialNumber,
      f.electronicId,
      f.kind,
    ];
  }

  async get(id: string): Promise<DeviceView | null> {
    const rows = (await this.q.query(`SELECT ${COLUMNS} FROM device_views WHERE tenant_id = $1 AND id = $2 AND NOT removed`, [
      this.tenantId,
      id,
    ])) as Row[];
    return rows[0] ? toView(rows[0]) : null;
  }

  async list(f: DeviceFilter, limit: number, offset: number, newestFirst: boolean): Promise<DeviceView[]> {
    const order = newestFirst ? 'created_at DESC, id DESC' : 'created_at, id';
    const rows = (await this.q.query(`SELECT ${COLUMNS} FROM device_views WHERE ${WHERE} ORDER BY ${order} LIMIT $8 OFFSET $9`, [
      ...this.params(f),
      limit,
      offset,
    ])) as Row[];
    return rows.map(toView);
  }

  async count(f: DeviceFilter): Promise<number> {
    const rows = (await this.q.query(`SELECT count(*)::int AS n FROM device_views WHERE ${WHERE}`, this.params(f))) as { n: number }[];
    return Number(rows[0]?.n ?? 0);
  }

  async versionOf(id: string): Promise<number> {
    const rows = (await this.q.query(`SELECT version FROM device_views WHERE tenant_id = $1 AND id = $2`, [this.tenantId, id])) as {
      version: number;
    }[];
    return Number(rows[0]?.version ?? 0);
  }
}
