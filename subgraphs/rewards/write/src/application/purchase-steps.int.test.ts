import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { InMemoryBus, registry } from '@crm/event-bus';
import { GatewayCallError, type GatewayCall, type GatewayClient } from '@crm/platform/clients';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { parseConfig } from '../env';
import { startRewardsWrite, type RewardsWriteService } from '../service';
import type { SubmitPurchase } from './purchase-service';
import { offer as offerFixture } from '../testing/fixtures';

const backends = testBackends();
const logger = pino({ level: 'silent' });
const TENANT = 't-rewards-steps';

/**
 * A ledger behind a flaky gateway, as rewards-write sees it: calls fail (retriable) at random,
 * the ledger dedupes by idempotency key like the real one and refuses debits beyond the balance.
 */
class FakeLedger implements GatewayClient {
  readonly effects = new Map<string, { kind: string; amount: string }>();
  balance = 0;
  failRate = 0;
  calls = 0;

  async execute<T>(call: GatewayCall): Promise<T> {
    this.calls++;
    await new Promise((r) => setTimeout(r, Math.random() * 5));
    const v = call.variables as { key?: string; input?: { amount?: string; transactionId?: string }; id?: string };
    if (call.query.includes('RewardsContact')) return { contact: { id: v.id } } as T;
    if (Math.random() < this.failRate) throw new GatewayCallError('UNAVAILABLE', 'flaky', { retriable: true });
    const key = v.key!;
    const field = call.query.includes('ledgerCredit') ? 'ledgerCredit' : call.query.includes('ledgerDebit') ? 'ledgerDebit' : 'ledgerReverse';
    const cents = (s: string) => Math.round(Number(s) * 100);
    if (!this.effects.has(key)) {
      if (field === 'ledgerDebit' && cents(v.input!.amount!) > this.balance) {
        return {
          [field]: { transaction: null, errors: [{ code: 'VALIDATION', reason: 'INSUFFICIENT_FUNDS', field: 'amount', message: 'short' }] },
        } as T;
      }
      this.effects.set(key, { kind: field, amount: v.input?.amount ?? '' });
      if (field === 'ledgerCredit') this.balance += cents(v.input!.amount!);
      if (field === 'ledgerDebit') this.balance -= cents(v.input!.amount!);
    }
    // the answer may be lost after the effect happened: the caller retries with the same key
    if (Math.random() < this.failRate) throw new GatewayCallError('UNAVAILABLE', 'timeout after commit', { retriable: true });
    return { [field]: { transaction: { id: `tx:${key}` }, errors: [] } } as T;
  }
}

describe(`purchase steps: awards posted once, never forgotten (${backends.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  let db: TestDatabase;
  let service: RewardsWriteService;
  const ledger = new FakeLedger();
  const ctx = { tenantId: TENANT, correlationId: 'c', actor: { kind: 'service' as const, id: 'pos' } };
  const purchase = (contactId: string, net: string, spend?: { amount: string; restrictFullyCovered: boolean }): SubmitPurchase => ({
    contact: { id: contactId, code: null },
    organisationId: null,
    currency: 'EUR',
    amounts: { total: net, net, tax: null, discount: null },
    classification: 'coffee',
    products: [],
    spendRequest: spend ?? null,
    purchasedAt: null,
  });
  const pending = async () =>
    Number(
      (
        (await service.dataSource.query(`SELECT count(*) AS n FROM reward_aggregates WHERE tenant_id = $1 AND pending`, [TENANT])) as { n: string }[]
      )[0]!.n,
    );

  before(async () => {
    db = await createTestDatabase(backends.databaseUrl, 'rewards_steps');
    const config = parseConfig({
      INTERNAL_AUTH_SECRET: randomBytes(32).toString('hex'),
      REWARDS_WRITE_PORT: '0',
      DATABASE_URL: db.url,
      LOG_LEVEL: 'silent',
      OUTBOX_POLL_MS: '50',
      REWARDS_STEP_POLL_MS: '100',
    });
    service = await startRewardsWrite(config, { bus: new InMemoryBus(registry, logger), logger, inMemoryDb: !db.url, gateway: ledger });
    const scheme = await service.commands.createScheme(
      ctx,
      {
        name: 'Club',
        signUpOption: 'AUTO_SIGN_UP',
        emailDomains: [],
        termsAndConditions: null,
        resolution: 'ALL',
        clawBack: 'WRITE_OFF',
        state: 'ACTIVE',
      },
      null,
    );
    const {
      id: _id,
      version: _v,
      state: _s,
      createdAt: _c,
      updatedAt: _u,
      ...definition
    } = offerFixture({
      schemeId: scheme.state.id,
      name: '5%',
      priority: 1,
      validityDays: 30,
      award: { method: 'PERCENT', amount: null, percent: '5' },
    });
    const offer = await service.commands.createOffer(ctx, definition, null);
    await service.commands.setOfferState(ctx, offer.state.id, 'ACTIVE');
  });
  after(async () => {
    await service?.stop();
    await db?.drop();
  });

  it('with a flaky ledger, 30 purchases (and their retries) post each award exactly once; nothing stays pending', async () => {
    ledger.failRate = 0.3;
    const contactId = randomUUID();
    const submitted = new Set<string>();
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        for (let attempt = 0; ; attempt++) {
          try {
            // a POS retrying with the same key after a failure
            const r = await service.purchases.submit(ctx, purchase(contactId, '20.00'), `pos-${i}`);
            submitted.add(r.state.id);
            return;
          } catch (err) {
            if (attempt > 50) throw err;
          }
        }
      }),
    );
    assert.equal(submitted.size, 30);
    const deadline = Date.now() + 60_000;
    while ((await pending()) > 0) {
      if (Date.now() > deadline) assert.fail(`${await pending()} purchases still pending`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const awards = [...ledger.effects.entries()].filter(([, e]) => e.kind === 'ledgerCredit');
    assert.equal(awards.length, 30);
    assert.ok(awards.every(([key, e]) => e.amount === '1.00' && [...submitted].some((id) => key.startsWith(`purchase:${id}:award:`))));
    const rows = (await service.dataSource.query(`SELECT state FROM reward_aggregates WHERE tenant_id = $1 AND type = 'purchase'`, [TENANT])) as {
      state: { steps: { outcome: string | null; transactionId: string | null; key: string }[] } | string;
    }[];
    for (const row of rows) {
      const s = typeof row.state === 'string' ? JSON.parse(row.state) : row.state;
      for (const step of s.steps) assert.equal(step.transactionId, `tx:${step.key}`);
    }
  });

  it('a spend the wallet cannot cover with restrict_fully_covered refuses the purchase: no row, no award, no debit', async () => {
    ledger.failRate = 0;
    const contactId = randomUUID();
    const before = ledger.effects.size;
    const rowsBefore = (
      (await service.dataSource.query(`SELECT count(*) AS n FROM reward_aggregates WHERE tenant_id = $1`, [TENANT])) as { n: string }[]
    )[0]!.n;
    await assert.rejects(
      service.purchases.submit(ctx, purchase(contactId, '10.00', { amount: String(ledger.balance / 100 + 1), restrictFullyCovered: true }), 'poor-1'),
      { reason: 'SPEND_NOT_COVERED', field: 'spend_request.amount' },
    );
    assert.equal(ledger.effects.size, before);
    const rowsAfter = (
      (await service.dataSource.query(`SELECT count(*) AS n FROM reward_aggregates WHERE tenant_id = $1`, [TENANT])) as { n: string }[]
    )[0]!.n;
    assert.equal(rowsAfter, rowsBefore);
  });

  it('cancel reverses the award and the spend once, whatever the retries; a second cancel changes nothing', async () => {
    ledger.failRate = 0.3;
    const contactId = randomUUID();
    let r;
    for (;;) {
      try {
        r = await service.purchases.submit(ctx, purchase(contactId, '40.00', { amount: '1.00', restrictFullyCovered: true }), 'cancel-me');
        break;
      } catch {
        /* retried with the same key */
      }
    }
    const id = r.state.id;
    await service.purchases.action(ctx, id, { type: 'CANCEL' }).catch(() => service.purchases.action(ctx, id, { type: 'CANCEL' }));
    await service.purchases.action(ctx, id, { type: 'CANCEL' });
    const deadline = Date.now() + 60_000;
    while ((await pending()) > 0) {
      if (Date.now() > deadline) assert.fail('still pending');
      await new Promise((r) => setTimeout(r, 100));
    }
    const mine = [...ledger.effects.keys()].filter((k) => k.startsWith(`purchase:${id}:`)).sort();
    assert.deepEqual(
      mine,
      [
        `purchase:${id}:award:${mine.find((k) => k.includes(':award:'))!.split(':award:')[1]}`,
        `purchase:${id}:cancel:${mine.find((k) => k.includes(':award:'))!.split(':award:')[1]}`,
        `purchase:${id}:cancel:spend`,
        `purchase:${id}:spend`,
      ].sort(),
    );
  });
});
