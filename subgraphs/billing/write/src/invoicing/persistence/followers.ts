import type { DataSource } from 'typeorm';
import type { EventBus, EventEnvelope, Subscription } from '@crm/event-bus';
import { SUBSCRIPTIONS_TOPIC, type SubscriptionEvent } from '@crm/event-bus/contracts/subscriptions';
import { CATALOGUE_TOPIC, type CatalogueEvent, type Price } from '@crm/event-bus/contracts/catalogue';
import type { Queryable } from '@crm/event-bus/kit';
import type { PlanPrice, PricedSubscription } from '../domain/engine';
import { foldTimeline, planPriceOf, type TimelineDoc } from '../domain/timeline';

const SUBSCRIPTION_TYPES = new Set([
  'subscription.created',
  'subscription.service_added',
  'subscription.service_state_changed',
  'subscription.terms_changed',
]);

/** Folds one subscription event into `billing_subscriptions` (forward only by aggregate version: a redelivery changes nothing). */
export async function applySubscriptionEvent(dataSource: DataSource, event: SubscriptionEvent): Promise<void> {
  if (event.aggregateType !== 'subscription') return;
  await dataSource.transaction(async (m) => {
    const rows = (await m.query(`SELECT version, doc FROM billing_subscriptions WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [
      event.tenantId,
      event.aggregateId,
    ])) as { version: number; doc: TimelineDoc }[];
    const current = rows[0] ?? null;
    if (current && Number(current.version) >= event.aggregateVersion) return;
    const next = foldTimeline(current?.doc ?? null, event);
    if (!next) return;
    await m.query(
      `INSERT INTO billing_subscriptions (tenant_id, id, contact_id, version, doc) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, doc = EXCLUDED.doc WHERE billing_subscriptions.version < EXCLUDED.version`,
      [event.tenantId, event.aggregateId, next.contactId, next.version, JSON.stringify(next)],
    );
  });
}

interface ProductDoc {
  id: string;
  version: number;
  name: string;
  prices: Price[];
}

/** Folds the catalogue's products and prices into `billing_products` / `billing_prices` (forward only). */
export async function applyCatalogueEvent(dataSource: DataSource, event: CatalogueEvent): Promise<void> {
  if (event.type !== 'product.created' && event.type !== 'product.updated' && event.type !== 'product.price_added') return;
  await dataSource.transaction(async (m) => {
    const rows = (await m.query(`SELECT version, doc FROM billing_products WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [
      event.tenantId,
      event.aggregateId,
    ])) as { version: number; doc: ProductDoc }[];
    const current = rows[0]?.doc ?? null;
    if (current && Number(current.version) >= event.aggregateVersion) return;
    let next: ProductDoc | null = current;
    if (event.type === 'product.created') next = { id: event.aggregateId, version: event.aggregateVersion, name: event.data.name, prices: [] };
    else if (!current) return;
    else if (event.type === 'product.updated') next = { ...current, version: event.aggregateVersion, name: event.data.name ?? current.name };
    else {
      const added = event.data.price;
      next = { ...current, version: event.aggregateVersion, prices: [...current.prices.filter((p) => p.id !== added.id), added] };
      await m.query(`INSERT INTO billing_prices (tenant_id, id, product_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
        event.tenantId,
        added.id,
        event.aggregateId,
      ]);
    }
    await m.query(
      `INSERT INTO billing_products (tenant_id, id, version, doc) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, doc = EXCLUDED.doc WHERE billing_products.version < EXCLUDED.version`,
      [event.tenantId, event.aggregateId, next!.version, JSON.stringify(next)],
    );
  });
}

/** Follows the subscriptions and catalogue topics into billing's own views (what runs and estimates bill from). */
export async function followBillingSources(dataSource: DataSource, bus: EventBus): Promise<Subscription[]> {
  await bus.ensureTopics([SUBSCRIPTIONS_TOPIC, CATALOGUE_TOPIC]);
  const subscriptions = await bus.subscribe({
    groupId: 'billing-write.subscriptions',
    topics: [SUBSCRIPTIONS_TOPIC],
    handler: (event: EventEnvelope) =>
      SUBSCRIPTION_TYPES.has(event.type) ? applySubscriptionEvent(dataSource, event as SubscriptionEvent) : Promise.resolve(),
  });
  const catalogue = await bus.subscribe({
    groupId: 'billing-write.catalogue',
    topics: [CATALOGUE_TOPIC],
    handler: (event: EventEnvelope) => applyCatalogueEvent(dataSource, event as CatalogueEvent),
  });
  return [subscriptions, catalogue];
}

/** Prices by id for one tenant (those with recurring terms). */
export async function pricesOf(q: Queryable, tenantId: string, ids: string[]): Promise<Map<string, PlanPrice>> {
  const out = new Map<string, PlanPrice>();
  if (ids.length === 0) return out;
  const rows = (await q.query(
    `SELECT p.id AS price_id, d.doc FROM billing_prices p JOIN billing_products d ON d.tenant_id = p.tenant_id AND d.id = p.product_id
     WHERE p.tenant_id = $1 AND p.id = ANY($2::uuid[])`,
    [tenantId, ids],
  )) as { price_id: string; doc: ProductDoc }[];
  for (const r of rows) {
    const price = r.doc.prices.find((p) => p.id === r.price_id);
    const plan = price ? planPriceOf(price, r.doc.id, r.doc.name) : null;
    if (plan) out.set(plan.id, plan);
  }
  return out;
}

/** Products by id with all their prices (estimates of invoicing price any product). */
export async function productsOf(q: Queryable, tenantId: string, ids: string[]): Promise<Map<string, ProductDoc>> {
  if (ids.length === 0) return new Map();
  const rows = (await q.query(`SELECT doc FROM billing_products WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, ids])) as {
    doc: ProductDoc;
  }[];
  return new Map(rows.map((r) => [r.doc.id, r.doc]));
}

const uuidish = (s: string) => /^[0-9a-f-]{36}$/i.test(s);

/** A subscription with its prices, as the engine bills it. */
export async function pricedSubscriptions(q: Queryable, tenantId: string, docs: TimelineDoc[]): Promise<PricedSubscription[]> {
  const ids = [...new Set(docs.flatMap((d) => d.services.map((s) => s.priceTermsId).filter((x): x is string => !!x && uuidish(x))))];
  const prices = await pricesOf(q, tenantId, ids);
  return docs.map((sub) => ({ sub, prices }));
}

export async function timelinesOf(
  q: Queryable,
  tenantId: string,
  filter: { ids?: string[]; contactIds?: string[] | null; after?: string | null; limit?: number },
): Promise<TimelineDoc[]> {
  const params: unknown[] = [tenantId];
  const where = ['tenant_id = $1'];
  if (filter.ids) {
    params.push(filter.ids);
    where.push(`id = ANY($${params.length}::uuid[])`);
  }
  if (filter.contactIds) {
    params.push(filter.contactIds);
    where.push(`contact_id = ANY($${params.length}::uuid[])`);
  }
  if (filter.after) {
    params.push(filter.after);
    where.push(`id > $${params.length}`);
  }
  const limit = filter.limit ? ` LIMIT ${Math.floor(filter.limit)}` : '';
  const rows = (await q.query(`SELECT doc FROM billing_subscriptions WHERE ${where.join(' AND ')} ORDER BY id${limit}`, params)) as {
    doc: TimelineDoc;
  }[];
  return rows.map((r) => r.doc);
}
