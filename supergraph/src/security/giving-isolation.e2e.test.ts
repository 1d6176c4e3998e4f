import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

type Gql = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };

/**
 * The referral and donation routes in the isolation matrix: another tenant sees none of tenant A's
 * donation offers and changes nothing; another contact of the tenant can neither read nor change
 * the victim's donations, nor invite or opt in as the victim; a user without rewards.write cannot
 * create donation offers; bodies carrying fields the route does not take are refused.
 */
describe('referrals and donations isolation (cross-tenant, cross-contact, roles, mass assignment)', () => {
  let p: TestPlatform;
  let a: { tenantId: string; publicApiKey: string; secretApiKey: string };
  let b: { tenantId: string; publicApiKey: string; secretApiKey: string };
  let victim: { contactId: string; token: string };
  let other: { contactId: string; token: string };
  let offerId: string;
  let donationId: string;

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

  /** Every rewards row of tenant A with its version: nothing may change. */
  async function snapshot(): Promise<string> {
    const rewards = (p.services.get('rewards-write') as unknown as { dataSource: { query(sql: string, params: unknown[]): Promise<unknown> } })
      .dataSource;
    return JSON.stringify(
      await rewards.query(`SELECT type, id::text, version FROM reward_aggregates WHERE tenant_id = $1 ORDER BY 1, 2`, [a.tenantId]),
    );
  }

  before(async () => {
    p = await startTestPlatform('giving-isolation');
    const tenant = (name: string) =>
      p.identityWrite.createTenant({ name, ownerEmail: `owner@${name}.example`, ownerPassword: 'Owner-Password-123', applicationName: name });
    a = await tenant('ga');
    b = await tenant('gb');
    victim = await register(a.publicApiKey, 'victim@ga.example');
    other = await register(a.publicApiKey, 'other@ga.example');
    const offer = await p.http(
      'POST',
      '/backoffice/v2/donation_offers',
      { name: 'Give as you shop', donation_type: 'VARIABLE', charity_organisation: { id: 'org-a', name: 'A charity' } },
      secretA(),
    );
    assert.equal(offer.status, 201, offer.text);
    offerId = offer.body.id;
    let joined: { status: number; body: any; text: string } | null = null;
    await eventually('the victim opts in (its contact known to rewards)', async () => {
      joined = await p.http(
        'POST',
        `/self-service/v2/contacts/${victim.contactId}/donations`,
        { donation_offer_id: offerId, amount: 2 },
        contact(victim),
      );
      return joined.status === 201;
    });
    await eventually('the opt-in listed', async () => {
      const r = await p.http('GET', `/self-service/v2/contacts/${victim.contactId}/donations`, undefined, contact(victim));
      if (r.status === 200 && r.body.content.length === 1) donationId = r.body.content[0].id;
      return !!donationId;
    });
  });
  after(async () => {
    await p?.stop();
  });

  it('another tenant sees none of A’s donation offers and changes nothing', async () => {
    const before = await snapshot();
    const B = { api_key: b.secretApiKey };
    const one = await p.http('GET', `/backoffice/v2/donation_offers/${offerId}`, undefined, B);
    assert.equal(one.status, 404, one.text);
    const list = await p.http('GET', '/backoffice/v2/donation_offers?include_total=true', undefined, B);
    assert.equal(list.body.paging.total, 0, list.text);
    const bContact = await register(b.publicApiKey, 'someone@gb.example');
    const asB = { api_key: b.publicApiKey, authorization: `Bearer ${bContact.token}` };
    const ss = await p.http('GET', `/self-service/v2/donation_offers/${offerId}`, undefined, asB);
    assert.equal(ss.status, 404, ss.text);
    const orgs = await p.http('GET', '/self-service/v2/donation_offers/organisations', undefined, asB);
    assert.deepEqual(orgs.body.content, [], orgs.text);
    const writes = [
      await p.http('PUT', `/backoffice/v2/donation_offers/${offerId}/life_cycle_state`, { state: 'INACTIVE' }, B),
      await p.http('POST', `/self-service/v2/contacts/${bContact.contactId}/donations`, { donation_offer_id: offerId }, asB),
      await p.http('DELETE', `/self-service/v2/contacts/${victim.contactId}/donations/${donationId}`, undefined, asB),
    ];
    for (const w of writes) assert.ok([400, 404].includes(w.status), w.text);
    assert.equal(await snapshot(), before);
  });

  it('another contact reads nothing of the victim’s donations and cannot change them or act as the victim', async () => {
    const before = await snapshot();
    const o = contact(other);
    const list = await p.http('GET', `/self-service/v2/contacts/${victim.contactId}/donations?include_opt_out=true`, undefined, o);
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.body.content, [], 'never the victim’s');
    const history = await p.http('GET', `/self-service/v2/contacts/${victim.contactId}/donations/history`, undefined, o);
    assert.deepEqual(history.body.content, [], history.text);
    const writes = [
      await p.http('DELETE', `/self-service/v2/contacts/${victim.contactId}/donations/${donationId}`, undefined, o),
      await p.http('PUT', `/self-service/v2/contacts/${victim.contactId}/donations/${donationId}`, { donation_offer_id: offerId, amount: 5 }, o),
      // its own path, the victim's donation id
      await p.http('DELETE', `/self-service/v2/contacts/${other.contactId}/donations/${donationId}`, undefined, o),
      await p.http('POST', `/self-service/v2/contacts/${victim.contactId}/donations`, { donation_offer_id: offerId, amount: 9 }, o),
      await p.http('POST', '/self-service/v2/referrals/actions', { action: 'SEND', recipients: ['x@example.com'], contact_id: victim.contactId }, o),
    ];
    for (const w of writes) assert.equal(w.status, 404, w.text);
    const gql = await p.graphql<Gql>(
      `query($c: ID!) { referrals(contactId: $c) { total } contactDonations(contactId: $c) { total } }`,
      { c: victim.contactId },
      o,
    );
    assert.deepEqual(gql.body.data, { referrals: { total: 0 }, contactDonations: { total: 0 } }, gql.text);
    assert.equal(await snapshot(), before);
  });

  it('a public key alone, a contact, or a user without rewards.write cannot create donation offers; the secret key must name the referrer', async () => {
    const before = await snapshot();
    const body = { name: 'x', donation_type: 'VARIABLE', charity_organisation: { id: 'o' } };
    const publicOnly = await p.http('POST', '/backoffice/v2/donation_offers', body, { api_key: a.publicApiKey });
    assert.ok([401, 403].includes(publicOnly.status), publicOnly.text);
    const asContact = await p.http('POST', '/backoffice/v2/donation_offers', body, contact(victim));
    assert.ok([401, 403].includes(asContact.status), asContact.text);
    const reader = await p.http('POST', '/backoffice/v2/donation_offers', body, { 'x-dev-principal': 'user:rewards.read' });
    assert.equal(reader.status, 403, reader.text);
    const noReferrer = await p.http('POST', '/self-service/v2/referrals/actions', { action: 'SEND', recipients: ['x@example.com'] }, secretA());
    assert.equal(noReferrer.status, 400, noReferrer.text);
    assert.equal(noReferrer.body.field, 'contact_id');
    const anonymousReferral = await p.http('POST', '/self-service/v2/referrals', { code: 'ABCDEFGH' }, { api_key: a.publicApiKey });
    assert.ok([401, 403].includes(anonymousReferral.status), anonymousReferral.text);
    assert.equal(await snapshot(), before);
  });

  it('fields a route does not take are refused (mass assignment)', async () => {
    const before = await snapshot();
    const v = contact(victim);
    const cases = [
      await p.http(
        'POST',
        `/self-service/v2/contacts/${victim.contactId}/donations`,
        { donation_offer_id: offerId, amount: 2, contact_id: other.contactId },
        v,
      ),
      await p.http(
        'PUT',
        `/self-service/v2/contacts/${victim.contactId}/donations/${donationId}`,
        { donation_offer_id: offerId, amount: 2, opted_in: 0 },
        v,
      ),
      await p.http('POST', '/self-service/v2/referrals', { code: 'ABCDEFGH', referrer_id: other.contactId }, v),
      await p.http(
        'POST',
        '/backoffice/v2/donation_offers',
        { name: 'x', donation_type: 'VARIABLE', charity_organisation: { id: 'o' }, id: offerId },
        secretA(),
      ),
    ];
    for (const r of cases) assert.equal(r.status, 400, r.text);
    assert.equal(await snapshot(), before);
  });
});
