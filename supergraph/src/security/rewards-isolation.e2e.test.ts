import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

type Gql = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };

/**
 * The rewards routes in the isolation matrix: another tenant (its owner and its secret key) and
 * another contact of the same tenant see nothing of tenant A's schemes, offers and purchases and
 * change nothing; a public key alone, or a contact, cannot post a purchase; bodies carrying fields
 * the route does not take (mass assignment) are refused.
 */
describe('rewards isolation (cross-tenant, cross-contact, roles, mass assignment)', () => {
  let p: TestPlatform;
  let a: { tenantId: string; publicApiKey: string; secretApiKey: string };
  let b: { tenantId: string; publicApiKey: string; secretApiKey: string };
  let victim: { contactId: string; token: string };
  let other: { contactId: string; token: string };
  let ids: { scheme: string; offer: string; purchase: string };

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
    for (let i = 0; i < 900; i++) {
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
    p = await startTestPlatform('rewards-isolation');
    const tenant = (name: string) =>
      p.identityWrite.createTenant({ name, ownerEmail: `owner@${name}.example`, ownerPassword: 'Owner-Password-123', applicationName: name });
    a = await tenant('ra');
    b = await tenant('rb');
    victim = await register(a.publicApiKey, 'victim@ra.example');
    other = await register(a.publicApiKey, 'other@ra.example');
    const scheme = await p.http('POST', '/backoffice/v2/reward_schemes', { name: 'A club', sign_up_option: 'AUTO_SIGN_UP' }, secretA());
    assert.equal(scheme.status, 201, scheme.text);
    const offer = await p.http(
      'POST',
      '/backoffice/v2/reward_offers',
      { scheme_id: scheme.body.id, name: 'One back', award: { method: 'FIXED', amount: 1 } },
      secretA(),
    );
    assert.equal(offer.status, 201, offer.text);
    await p.http('PUT', `/backoffice/v2/reward_offers/${offer.body.id}/life_cycle_state`, { state: 'ACTIVE' }, secretA());
    // the victim's contact reaches the read side (the POS looks it up through the gateway)
    let purchase: { status: number; body: any; text: string } | null = null;
    await eventually('the POS purchase of the victim', async () => {
      purchase = await p.http(
        'POST',
        '/backoffice/v2/purchases',
        { contact: { id: victim.contactId }, transaction_amounts: { total: 10, net: 10 } },
        secretA(),
      );
      return purchase.status === 201;
    });
    ids = { scheme: scheme.body.id, offer: offer.body.id, purchase: purchase!.body.id };
    await eventually('the award posted', async () => {
      const r = await p.http('GET', `/backoffice/v2/purchases/${ids.purchase}`, undefined, secretA());
      return r.status === 200 && r.body.rewards.award === 1;
    });
  });
  after(async () => {
    await p?.stop();
  });

  it('another tenant (secret key) sees none of A’s schemes, offers or purchases, and changes nothing', async () => {
    const before = await snapshot();
    const B = { api_key: b.secretApiKey };
    for (const path of [
      `/backoffice/v2/reward_schemes/${ids.scheme}`,
      `/backoffice/v2/reward_offers/${ids.offer}`,
      `/backoffice/v2/purchases/${ids.purchase}`,
      `/backoffice/v2/purchases/${ids.purchase}/explanation`,
    ]) {
      const r = await p.http('GET', path, undefined, B);
      assert.equal(r.status, 404, `${path}: ${r.text}`);
    }
    const list = await p.http('GET', `/backoffice/v2/purchases?contact_id=${victim.contactId}&include_total=true`, undefined, B);
    assert.equal(list.body.paging.total, 0, list.text);
    const offers = await p.http('GET', '/backoffice/v2/reward_offers?include_total=true', undefined, B);
    assert.equal(offers.body.paging.total, 0, offers.text);
    const writes = [
      await p.http('PUT', `/backoffice/v2/reward_offers/${ids.offer}/life_cycle_state`, { state: 'INACTIVE' }, B),
      await p.http('PUT', `/backoffice/v2/reward_schemes/${ids.scheme}/life_cycle_state`, { state: 'INACTIVE' }, B),
      await p.http('POST', `/backoffice/v2/purchases/${ids.purchase}/actions`, { action: 'CANCEL' }, B),
      // B's key naming A's contact: B's tenant has no such contact
      await p.http('POST', '/backoffice/v2/purchases', { contact: { id: victim.contactId }, transaction_amounts: { total: 5, net: 5 } }, B),
      await p.http('POST', '/backoffice/v2/reward_offers', { scheme_id: ids.scheme, name: 'x', award: { method: 'FIXED', amount: 1 } }, B),
    ];
    for (const w of writes) assert.ok([400, 404].includes(w.status), w.text);
    assert.equal(await snapshot(), before);
  });

  it('another contact of the tenant sees neither the victim’s purchases nor its rewards, and cannot sign it up', async () => {
    const before = await snapshot();
    const o = contact(other);
    for (const path of [`/self-service/v2/purchases/${ids.purchase}`, `/self-service/v2/purchases/${ids.purchase}/rewards`]) {
      const r = await p.http('GET', path, undefined, o);
      assert.equal(r.status, 404, `${path}: ${r.text}`);
    }
    const list = await p.http('GET', `/self-service/v2/contacts/${victim.contactId}/purchases?include_total=true`, undefined, o);
    assert.equal(list.status, 200, list.text);
    assert.equal(list.body.paging.total, 0, 'the other contact’s own (empty) list, never the victim’s');
    const signUp = await p.http(
      'POST',
      `/self-service/v2/contacts/${victim.contactId}/reward_schemes`,
      { action: 'SIGNOUT', reward_scheme_id: ids.scheme },
      o,
    );
    assert.equal(signUp.status, 404, signUp.text);
    const gql = await p.graphql<Gql>(`query($id: ID!) { purchase(id: $id) { id } }`, { id: ids.purchase }, o);
    assert.equal(gql.body.data?.['purchase'], null, gql.text);
    // the victim itself sees its purchase
    const mine = await p.http('GET', `/self-service/v2/purchases/${ids.purchase}`, undefined, contact(victim));
    assert.equal(mine.status, 200, mine.text);
    assert.equal(await snapshot(), before);
  });

  it('a public key alone, a contact, and a user without rewards.write cannot post a purchase or change offers', async () => {
    const before = await snapshot();
    const body = { contact: { id: victim.contactId }, transaction_amounts: { total: 100, net: 100 } };
    const publicOnly = await p.http('POST', '/backoffice/v2/purchases', body, { api_key: a.publicApiKey });
    assert.ok([401, 403].includes(publicOnly.status), publicOnly.text);
    const asContact = await p.http('POST', '/backoffice/v2/purchases', body, contact(victim));
    assert.ok([401, 403].includes(asContact.status), asContact.text);
    const gql = await p.graphql<Gql>(
      `mutation($i: SubmitPurchaseInput!) { submitPurchase(input: $i) { id } }`,
      { i: { contactId: victim.contactId, amounts: { total: '100', net: '100' } } },
      contact(victim),
    );
    assert.equal(gql.body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN', gql.text);
    const reader = await p.http('POST', '/backoffice/v2/purchases', body, { 'x-dev-tenant': a.tenantId, 'x-dev-principal': 'user:rewards.read' });
    assert.equal(reader.status, 403, reader.text);
    const offerOff = await p.http('PUT', `/backoffice/v2/reward_offers/${ids.offer}/life_cycle_state`, { state: 'INACTIVE' }, contact(victim));
    assert.ok([401, 403, 404].includes(offerOff.status), offerOff.text);
    assert.equal(await snapshot(), before);
  });

  it('refuses fields a route does not take (mass assignment): nothing is written', async () => {
    const before = await snapshot();
    const cases: [string, string, Record<string, unknown>][] = [
      ['POST', '/backoffice/v2/purchases', { contact: { id: victim.contactId }, transaction_amounts: { total: 1, net: 1 }, state: 'CANCELLED' }],
      [
        'POST',
        '/backoffice/v2/purchases',
        { contact: { id: victim.contactId }, transaction_amounts: { total: 1, net: 1 }, rewards: { award: 1000 } },
      ],
      ['POST', '/backoffice/v2/purchases', { contact: { id: victim.contactId, tenant_id: b.tenantId }, transaction_amounts: { total: 1, net: 1 } }],
      ['POST', '/backoffice/v2/reward_offers', { scheme_id: ids.scheme, name: 'x', award: { method: 'FIXED', amount: 1 }, state: 'ACTIVE' }],
      ['POST', '/backoffice/v2/reward_schemes', { name: 'x', id: ids.scheme }],
    ];
    for (const [method, path, body] of cases) {
      const r = await p.http(method, path, body, secretA());
      assert.equal(r.status, 400, `${path} ${JSON.stringify(body)}: ${r.text}`);
    }
    const contactBody = await p.http(
      'POST',
      `/self-service/v2/contacts/${victim.contactId}/reward_schemes`,
      { action: 'SIGNUP', reward_scheme_id: ids.scheme, contact_id: other.contactId },
      contact(victim),
    );
    assert.equal(contactBody.status, 400, contactBody.text);
    assert.equal(await snapshot(), before);
  });
});
