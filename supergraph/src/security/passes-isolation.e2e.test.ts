import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

type Gql = Record<string, any>;

/**
 * The pass and promotion routes in the isolation matrix: another tenant (its secret key) sees none
 * of tenant A's plans, passes and promotions and cannot redeem A's codes; another contact cannot
 * redeem into the victim's wallet; a contact or a read-only user cannot issue passes; owner-ish
 * fields in a body (counts, codes, values, tenants) are refused whole. Nothing of A changes.
 */
describe('passes isolation (cross-tenant, cross-contact, roles, mass assignment)', () => {
  let p: TestPlatform;
  let a: { tenantId: string; publicApiKey: string; secretApiKey: string };
  let b: { tenantId: string; publicApiKey: string; secretApiKey: string };
  let victim: { contactId: string; token: string };
  let other: { contactId: string; token: string };
  let ids: { plan: string; pass: string; code: string; pin: string; promotion: string };

  const secretA = () => ({ api_key: a.secretApiKey });
  const contact = (c: { token: string }) => ({ api_key: a.publicApiKey, authorization: `Bearer ${c.token}` });

  async function register(publicKey: string, email: string) {
    const r = await p.graphql<Gql>(
      `mutation($e: String!) { registerContact(input: { firstName: "C", lastName: "T", provider: EMAIL, email: $e, password: "Contact-Password-1" }) { contactId tokens { accessToken } } }`,
      { e: email },
      { api_key: publicKey },
    );
    const out = r.body.data?.['registerContact'];
    assert.ok(out?.contactId, r.text);
    return { contactId: out.contactId as string, token: out.tokens.accessToken as string };
  }

  async function eventually(what: string, check: () => Promise<boolean>) {
    for (let i = 0; i < 600; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(what);
  }

  /** Every rewards row of tenant A with its version, and the ledger's balances: nothing may change. */
  async function snapshot(): Promise<string> {
    const rewards = (p.services.get('rewards-write') as unknown as { dataSource: { query(sql: string, params: unknown[]): Promise<unknown> } })
      .dataSource;
    const ledger = (p.services.get('ledger-write') as unknown as { dataSource: { query(sql: string, params: unknown[]): Promise<unknown> } })
      .dataSource;
    return JSON.stringify([
      await rewards.query(`SELECT type, id::text, version FROM reward_aggregates WHERE tenant_id = $1 ORDER BY 1, 2`, [a.tenantId]),
      await ledger.query(`SELECT id::text, version, balance::text FROM ledger_accounts WHERE tenant_id = $1 ORDER BY 1`, [a.tenantId]),
    ]);
  }

  before(async () => {
    p = await startTestPlatform('passes-isolation');
    const tenant = (name: string) =>
      p.identityWrite.createTenant({ name, ownerEmail: `owner@${name}.example`, ownerPassword: 'Owner-Password-123', applicationName: name });
    a = await tenant('pa');
    b = await tenant('pb');
    victim = await register(a.publicApiKey, 'victim@pa.example');
    other = await register(a.publicApiKey, 'other@pa.example');
    const plan = await p.http(
      'POST',
      '/backoffice/v2/pass_plans',
      { name: 'A gifts', type: 'GIFT', value_options: { fixed_values: [20] }, pin_required: true },
      secretA(),
    );
    assert.equal(plan.status, 201, plan.text);
    const pass = await p.http('POST', '/backoffice/v2/passes', { pass_plan_id: plan.body.id }, secretA());
    assert.equal(pass.status, 201, pass.text);
    const promotion = await p.http('POST', '/backoffice/v2/promotions', { name: 'A promo', currency_code: 'EUR' }, secretA());
    assert.equal(promotion.status, 201, promotion.text);
    ids = { plan: plan.body.id, pass: pass.body.id, code: pass.body.code, pin: pass.body.pin, promotion: promotion.body.id };
    await eventually(
      'A’s pass on the read side',
      async () => (await p.http('GET', `/backoffice/v2/passes/${ids.pass}`, undefined, secretA())).status === 200,
    );
    await eventually(
      'A’s promotion on the read side',
      async () => (await p.http('GET', `/backoffice/v2/promotions/${ids.promotion}`, undefined, secretA())).status === 200,
    );
  });
  after(async () => {
    await p?.stop();
  });

  it('another tenant (secret key) sees none of A’s plans, passes or promotions, cannot redeem A’s code, and changes nothing', async () => {
    const before = await snapshot();
    const B = { api_key: b.secretApiKey };
    for (const path of [`/backoffice/v2/pass_plans/${ids.plan}`, `/backoffice/v2/passes/${ids.pass}`, `/backoffice/v2/promotions/${ids.promotion}`]) {
      const r = await p.http('GET', path, undefined, B);
      assert.equal(r.status, 404, `${path}: ${r.text}`);
    }
    for (const path of ['/backoffice/v2/pass_plans', '/backoffice/v2/passes', '/backoffice/v2/promotions']) {
      const r = await p.http('GET', `${path}?include_total=true`, undefined, B);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.paging.total, 0, `${path}: ${r.text}`);
    }
    const publicB = await p.http('GET', '/self-service/v2/promotions?include_total=true', undefined, { api_key: b.publicApiKey });
    assert.equal(publicB.status, 200, publicB.text);
    assert.equal(publicB.body.content.length, 0, publicB.text);
    const writes = [
      await p.http('PUT', `/backoffice/v2/pass_plans/${ids.plan}`, { name: 'x', type: 'GIFT', value_options: { fixed_values: [20] } }, B),
      await p.http('PUT', `/backoffice/v2/passes/${ids.pass}`, { state: 'CANCELLED' }, B),
      await p.http('DELETE', `/backoffice/v2/promotions/${ids.promotion}`, undefined, B),
      await p.http('POST', `/backoffice/v2/pass_plans/${ids.plan}/batches`, { number_of_passes: 2 }, B),
      await p.http('POST', '/backoffice/v2/passes', { pass_plan_id: ids.plan }, B),
      // A's code under B's key, naming A's contact: B has neither
      await p.http('POST', '/backoffice/v2/passes/redeem', { code: ids.code, pin: ids.pin, contact_id: victim.contactId, organisation: {} }, B),
    ];
    for (const w of writes) assert.ok([400, 404].includes(w.status), w.text);
    assert.equal(await snapshot(), before);
  });

  it('a contact redeems only into its own wallet; contacts and read-only users cannot issue or change passes', async () => {
    const before = await snapshot();
    const foreign = await p.http(
      'POST',
      '/self-service/v2/passes/redeem',
      { code: ids.code, pin: ids.pin, contact_id: victim.contactId, organisation: {} },
      contact(other),
    );
    assert.ok([403, 404].includes(foreign.status), foreign.text);
    const staffOnly = [
      await p.http('POST', '/backoffice/v2/passes', { pass_plan_id: ids.plan }, contact(other)),
      await p.http('GET', `/backoffice/v2/passes/${ids.pass}`, undefined, contact(other)),
      await p.http('POST', '/backoffice/v2/pass_plans', { name: 'x', type: 'GIFT', value_options: { fixed_values: [1] } }, contact(other)),
      await p.http('DELETE', `/backoffice/v2/promotions/${ids.promotion}`, undefined, contact(other)),
    ];
    for (const r of staffOnly) assert.ok([401, 403].includes(r.status), r.text);
    const reader = { 'x-dev-tenant': a.tenantId, 'x-dev-principal': 'user:rewards.read' };
    const denied = await p.http('POST', '/backoffice/v2/passes', { pass_plan_id: ids.plan }, reader);
    assert.equal(denied.status, 403, denied.text);
    const anonymous = await p.http(
      'POST',
      '/self-service/v2/passes/redeem',
      { code: ids.code, pin: ids.pin, organisation: {} },
      { api_key: a.publicApiKey },
    );
    assert.ok([400, 401, 403].includes(anonymous.status), anonymous.text);
    assert.equal(await snapshot(), before);
  });

  it('mass assignment: counts, codes, values, owners and tenants in a body are refused whole', async () => {
    const before = await snapshot();
    const refused = [
      await p.http(
        'POST',
        '/backoffice/v2/pass_plans',
        { name: 'x', type: 'GIFT', value_options: { fixed_values: [1] }, passes_generated: 99 },
        secretA(),
      ),
      await p.http('POST', '/backoffice/v2/passes', { pass_plan_id: ids.plan, code: 'MYOWNCODE123' }, secretA()),
      await p.http('POST', '/backoffice/v2/passes', { pass_plan_id: ids.plan, pass_value: 1000 }, secretA()),
      await p.http('POST', '/self-service/v2/passes/redeem', { code: ids.code, pin: ids.pin, organisation: {}, value: 1000 }, contact(victim)),
      await p.http(
        'POST',
        '/self-service/v2/passes/redeem',
        { code: ids.code, pin: ids.pin, organisation: {}, tenant_id: b.tenantId },
        contact(victim),
      ),
      await p.http('PUT', `/backoffice/v2/passes/${ids.pass}`, { state: 'REDEEMED' }, secretA()),
      await p.http('POST', '/backoffice/v2/promotions', { name: 'x', id: ids.promotion }, secretA()),
    ];
    for (const r of refused) assert.equal(r.status, 400, r.text);
    assert.equal(await snapshot(), before);
    // the victim still redeems its pass (once), into its own wallet
    const mine = await p.http('POST', '/self-service/v2/passes/redeem', { code: ids.code, pin: ids.pin, organisation: {} }, contact(victim));
    assert.equal(mine.status, 200, mine.text);
  });
});
