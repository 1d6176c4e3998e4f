import type { DataSource } from 'typeorm';
import type { EventBus, EventEnvelope, Subscription } from '@crm/event-bus';
import { CATALOGUE_TOPIC, type CatalogueEvent } from '@crm/event-bus/contracts/catalogue';
import { projectCatalogue, type CatalogueView, type OrderCatalogueView, type ProductView } from '../domain/catalogue-view';

/**
 * Follows the catalogue domain's events into `order_catalogue_items` (the products with their
 * prices, the order catalogues), the price view estimates are priced from. Each event moves its
 * aggregate's document forward only (by aggregate version), so a redelivery changes nothing.
 */
export async function followCatalogue(dataSource: DataSource, bus: EventBus): Promise<Subscription> {
  await bus.ensureTopics([CATALOGUE_TOPIC]);
  return bus.subscribe({
    groupId: 'orders-write.catalogue',
    topics: [CATALOGUE_TOPIC],
    handler: (event: EventEnvelope) => applyCatalogueEvent(dataSource, event as CatalogueEvent),
  });
}

export async function applyCatalogueEvent(dataSource: DataSource, event: CatalogueEvent): Promise<void> {
  await dataSource.transaction(async (m) => {
    const rows = (await m.query(`SELECT version, doc FROM order_catalogue_items WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [
      event.tenantId,
      event.aggregateId,
    ])) as { version: number; doc: CatalogueView }[];
    const current = rows[0] ?? null;
    if (current && Number(current.version) >= event.aggregateVersion) return;
    const next = projectCatalogue(current?.doc ?? null, event);
    if (!next) return;
    await m.query(
      `INSERT INTO order_catalogue_items (tenant_id, id, kind, version, doc) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, doc = EXCLUDED.doc WHERE order_catalogue_items.version < EXCLUDED.version`,
      [event.tenantId, event.aggregateId, next.kind, next.version, JSON.stringify(next)],
    );
  });
}

/** What estimates are priced from, for one tenant: products by id, and every order catalogue. */
export class CatalogueItems {
  constructor(private readonly dataSource: DataSource) {}

  async products(tenantId: string, ids: string[]): Promise<Map<string, ProductView>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT doc FROM order_catalogue_items WHERE tenant_id = $1 AND kind = 'PRODUCT' AND id = ANY($2::uuid[])`,
      [tenantId, ids],
    )) as { doc: ProductView }[];
    return new Map(rows.map((r) => [r.doc.id, r.doc]));
  }

  async orderCatalogues(tenantId: string): Promise<OrderCatalogueView[]> {
    const rows = (await this.dataSource.query(`SELECT doc FROM order_catalogue_items WHERE tenant_id = $1 AND kind = 'ORDER_CATALOGUE'`, [
      tenantId,
    ])) as { doc: OrderCatalogueView }[];
    return rows.map((r) => r.doc);
  }
}
