import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@crm/platform/db';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { registry } from '@crm/event-bus';
import type { CatalogueEvent } from '@crm/event-bus/contracts/catalogue';
import type { SubscriptionEvent } from '@crm/event-bus/contracts/subscriptions';
import { databaseConfig } from '../../persistence/database';
import { applyCatalogueEvent, applySubscriptionEvent } from '../persistence/followers';
import { BillingRuns } from './billing-runs';
import { Invoicing, systemContext } from './invoicing';
import type { LedgerDocuments } from './ledger-documents';

const backends = testBackends();
const logger = pino({ level: backends.logLevel });
const SUBSCRIPTIONS = Number(process.env['BILLING_FAULTS_SUBSCRIPTIONS'] ?? 240);

/** A ledger that counts postings per key and answers a repeated key with its first transaction (as the real one does). */
class CountingLedger {
  readonly transactions = new Map<string, string>();
  async accountOf(): Promise<string> {
    return randomUUID();
  }
  async post(_tenant: string, _doc: unknown, key: string): Promise<string> {
    if (!this.transactions.has(key)) this.transactions.set(key, randomUUID());
    return this.transactions.get(key)!;
  }
}

/**
 * Billing runs under faults, on PostgreSQL: a run whose worker dies twice in the middle of a page
 * (it stops answering while holding the lease; the lease expires and another process resumes it),
 * and a second run of the same date started concurrently on another process. Every due period is
 * invoiced exactly once (checked against an independent count from the subscriptions' activation
 * days) and every invoice is posted once per key.
 */
describe('billing runs under faults (killed workers, a racing run)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const tenantId = `t-${randomUUID().slice(0, 8)}`;
  const ledger = new CountingLedger();
  const expected = new Map<string, number>();
  const stops: { stop(): Promise<void> }[] = [];

  const worker = (name: string, die: { afterSubscriptions: number } | null) => {
    const invoicing = new Invoicing(ds, registry, () => undefined, ledger as unknown as LedgerDocuments, { taxRate: '19', dueDays: 14 }, logger);
    let billed = 0;
    if (die) {
      const real = invoicing.billSubscription.bind(invoicing);
      // a process killed mid-page: from here on it never answers (its lease runs out, its progress is never written)
      invoicing.billSubscription = (...args) => (++billed > die.afterSubscriptions ? new Promise<never>(() => undefined) : real(...args));
    }
    const runs = new BillingRuns(ds, registry, () => undefined, invoicing, { leaseMs: 400, pageSize: 25, pollMs: 100, scheduleDaily: false }, logger);
    return { name, runs };
  };

  before(async () => {
    db = await createTestDatabase(backends.databaseUrl, 'billing_faults');
    ds = await createDataSource({
      ...databaseConfig({ DATABASE_URL: db.url, DATA_DIR: '.data' }, logger),
      entities: [],
      migrate: true,
      inMemory: !db.url,
    });
    const product = randomUUID();
    const price = randomUUID();
    const at = (iso: string) => ({ tenantId, occurredAt: iso });
    await applyCatalogueEvent(ds, {
      ...at('2025-12-01T00:00:00.000Z'),
      type: 'product.created',
      aggregateType: 'product',
      aggregateId: product,
      aggregateVersion: 1,
      data: { name: 'Plan', sku: 'P', classification: 'TERMED_SERVICE', availability: 'ENABLED', categoryIds: [] },
    } as unknown as CatalogueEvent);
    await applyCatalogueEvent(ds, {
      ...at('2025-12-01T00:00:00.000Z'),
      type: 'product.price_added',
      aggregateType: 'product',
      aggregateId: product,
      aggregateVersion: 2,
      data: {
        price: {
          id: price,
          price: '9.99',
          currencyCode: 'EUR',
          taxModel: 'TAX_INCLUSIVE',
          priceModel: 'FLAT',
          tiers: [],
          priceTerms: {
            billingPeriod: { duration: 1, uot: 'MONTH' },
            trialPeriod: null,
            contractPeriod: null,
            autoRenewed: true,
            billingModel: 'PRE_BILL',
          },
          supplyMethod: null,
          isDefault: true,
        },
      },
    } as unknown as CatalogueEvent);
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const id = randomUUID();
      const day = 1 + (i % 28);
      const on = `2026-01-${String(day).padStart(2, '0')}T10:00:00.000Z`;
      const base = { ...at(on), aggregateType: 'subscription', aggregateId: id };
      await applySubscriptionEvent(ds, {
        ...base,
        type: 'subscription.created',
        aggregateVersion: 1,
        data: { contactId: randomUUID(), accountId: null, paymentMethodType: null, billingDay: day },
      } as unknown as SubscriptionEvent);
      await applySubscriptionEvent(ds, {
        ...base,
        type: 'subscription.service_added',
        aggregateVersion: 2,
        data: {
          service: { id: randomUUID(), productId: product, priceTermsId: price, quantity: 1, state: 'EFFECTIVE', trialEndsAt: null },
          actionId: randomUUID(),
          subscriptionState: 'ACTIVE',
        },
      } as unknown as SubscriptionEvent);
      // independently: PRE_BILL monthly from the activation day, billed on 2026-04-15 → Jan, Feb, Mar, and Apr when day ≤ 15
      expected.set(id, 3 + (day <= 15 ? 1 : 0));
    }
  });
  after(async () => {
    // the dead workers never finish their page: do not wait for them
    for (const s of stops) await Promise.race([s.stop().catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
    await ds?.destroy();
    await db?.drop();
  });

  it('every due period is invoiced exactly once and posted once, whatever dies or races', async () => {
    const first = worker('first', { afterSubscriptions: 30 });
    const second = worker('second', { afterSubscriptions: 70 });
    const third = worker('third', null);
    // the run is started on the first process, which dies mid-page; the second resumes it and dies too
    const run = await first.runs.start(systemContext(tenantId, 'test'), { billingDate: '2026-04-15', contactIds: null });
    assert.equal(run.total, SUBSCRIPTIONS);
    stops.push(first.runs.run());
    await new Promise((r) => setTimeout(r, 300));
    stops.push(second.runs.run());
    // a second run of the same date, concurrently, on the third process (which also resumes the first)
    const racing = await third.runs.start(systemContext(tenantId, 'test'), { billingDate: '2026-04-15', contactIds: null });
    stops.push(third.runs.run());

    const deadline = Date.now() + 240_000;
    for (;;) {
      const states = await Promise.all([third.runs.get(tenantId, run.id), third.runs.get(tenantId, racing.id)]);
      if (states.every((s) => s?.state === 'COMPLETED')) break;
      assert.ok(Date.now() < deadline, `runs did not complete: ${JSON.stringify(states.map((s) => [s?.state, s?.done, s?.total]))}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // postings may trail the issue by a poll
    for (let i = 0; i < 100 && (await ds.query(`SELECT 1 FROM invoices WHERE tenant_id = $1 AND state = 'ISSUED' LIMIT 1`, [tenantId])).length; i++)
      await new Promise((r) => setTimeout(r, 200));

    const rows = (await ds.query(
      `SELECT subscription_id, count(*)::int AS documents, count(DISTINCT period_start)::int AS periods FROM invoices WHERE tenant_id = $1 GROUP BY subscription_id`,
      [tenantId],
    )) as { subscription_id: string; documents: number; periods: number }[];
    const billed = new Map(rows.map((r) => [r.subscription_id, r]));
    let total = 0;
    for (const [id, periods] of expected) {
      const got = billed.get(id);
      assert.deepEqual([got?.documents, got?.periods], [periods, periods], `subscription ${id}`);
      total += periods;
    }
    const numbers = (await ds.query(`SELECT count(DISTINCT number)::int AS n, count(*)::int AS c FROM invoices WHERE tenant_id = $1`, [
      tenantId,
    ])) as {
      n: number;
      c: number;
    }[];
    assert.deepEqual([numbers[0]!.c, numbers[0]!.n], [total, total], 'one number per invoice');
    const unposted = (await ds.query(`SELECT count(*)::int AS n FROM invoices WHERE tenant_id = $1 AND state <> 'POSTED'`, [tenantId])) as {
      n: number;
    }[];
    assert.equal(unposted[0]!.n, 0);
    // one ledger transaction per invoice: every invoice's posting key is its own, and the invoice records that transaction
    assert.equal(ledger.transactions.size, total, 'one posting key per invoice');
    const txs = (await ds.query(`SELECT count(DISTINCT ledger_transaction_id)::int AS n FROM invoices WHERE tenant_id = $1`, [tenantId])) as {
      n: number;
    }[];
    assert.equal(txs[0]!.n, total);
  });
});
