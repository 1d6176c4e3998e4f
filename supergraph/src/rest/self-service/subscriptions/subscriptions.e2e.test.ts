import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../../../testing/test-platform';
import { assertRestAnswer, exactCall } from '../../../testing/rest-client';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const SS = '/self-service/v2';
const PASSWORD = 'Correct-Horse-Battery-9';
type Body = Record<string, any>;
interface Tenant {
  publicApiKey: string;
  secretApiKey: string;
}

/**
 * The Subscriptions tag of the Self-Service contract over real credentials (no x-dev-* headers):
 * a signed-in contact (api_key + bearer) on its own services, and the secret api_key server side.
 * Every success is validated against the contract's response schema.
 */
describe('self-service subscriptions (flows 9 and 10) against the contract', () => {
  let p: TestPlatform;
  let t: Tenant;
  const validate = loadSelfServiceResponseValidator();

  async function call(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<HttpResult<any>> {
    const r = await exactCall<any>(p.url, method, path, body, headers);
    assertRestAnswer(r, `${method} ${path}`);
    return r;
  }
  function ok(r: HttpResult<any>, method: string, template: string, status: number): Body {
    assert.equal(r.status, status, `${method} ${template}: ${r.text}`);
    assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${template} → ${r.status} ${r.text}`);
    return r.body as Body;
  }
  const secret = () => ({ api_key: t.secretApiKey });
  async function signUp(email: string): Promise<{ id: string; headers: Record<string, string> }> {
    const r = await call(
      'POST',
      `${SS}/contacts/register`,
      { first_name: 'Sub', last_name: 'Scriber', identification: { provider: 'EMAIL', email, password: PASSWORD } },
      { api_key: t.publicApiKey },
    );
    assert.equal(r.status, 201, r.text);
    return { id: r.body.contact.id as string, headers: { api_key: t.publicApiKey, authorization: `Bearer ${r.body.access_token}` } };
  }

  before(async () => {
    p = await startTestPlatform('rest-self-service-subscriptions');
    t = await p.identityWrite.createTenant({
      name: 'Sub Shop',
      ownerEmail: 'owner@sub-shop.example',
      ownerPassword: PASSWORD,
      applicationName: 'Sub App',
    });
  });
  after(async () => {
    await p?.stop();
  });

  it('a contact subscribes, pauses at the proposed date, revokes it, cancels: each answer as the contract says', async () => {
    const me = await signUp('ada@sub-shop.example');
    assert.ok(me.id, 'the contact id');
    const estimate = (body: Body) => call('POST', `${SS}/estimates/service_delivery`, body, me.headers);
    const fresh = ok(
      await estimate({ action: 'NEW', contact_id: me.id, services_to_add: [{ product_id: 'prod-tv', price_terms_id: 'terms-1', quantity: 1 }] }),
      'POST',
      `${SS}/estimates/service_delivery`,
      201,
    );
    assert.deepEqual(fresh.service_delivery_estimate[0].services_to_add, [{ product: { id: 'prod-tv' }, quantity: 1, state: 'EFFECTIVE' }]);
    assert.equal(fresh.service_delivery_estimate[0].action_allowed, true);
    const added = ok(
      await call(
        'POST',
        `${SS}/contacts/${me.id}/services`,
        { services: [{ product_id: 'prod-tv', price_terms_id: 'terms-1', quantity: 1 }], payment_method_type: 'CARD' },
        me.headers,
      ),
      'POST',
      `${SS}/contacts/{id}/services`,
      200,
    ) as unknown as [{ id: string }];
    const serviceId = added[0].id;
    const subs = ok(
      await call('GET', `${SS}/contacts/${me.id}/subscriptions`, undefined, me.headers),
      'GET',
      `${SS}/contacts/{id}/subscriptions`,
      200,
    );
    assert.equal(subs.content[0].state, 'ACTIVE');
    const services = ok(await call('GET', `${SS}/contacts/${me.id}/services`, undefined, me.headers), 'GET', `${SS}/contacts/{id}/services`, 200);
    assert.deepEqual(
      services.content.map((s: Body) => [s.id, s.state]),
      [[serviceId, 'EFFECTIVE']],
    );

    const scheduled = ok(
      await call('PUT', `${SS}/services/${serviceId}`, { action: 'PAUSE', use_proposed_date: true }, me.headers),
      'PUT',
      `${SS}/services/{id}`,
      200,
    );
    assert.equal(typeof scheduled.proposed_date, 'number');
    const pending = ok(
      await call('GET', `${SS}/subscriptions/actions?service_id=${serviceId}&is_scheduled=true`, undefined, me.headers),
      'GET',
      `${SS}/subscriptions/actions`,
      200,
    );
    assert.deepEqual(
      pending.content.map((a: Body) => a.id),
      [scheduled.id],
    );
    ok(
      await call('PUT', `${SS}/subscriptions/actions/${scheduled.id}`, { action: 'CANCEL' }, me.headers),
      'PUT',
      `${SS}/subscriptions/actions/{id}`,
      200,
    );
    const revoked = ok(
      await call('GET', `${SS}/subscriptions/actions/${scheduled.id}`, undefined, me.headers),
      'GET',
      `${SS}/subscriptions/actions/{id}`,
      200,
    );
    assert.equal(revoked.state, 'CANCELLED');

    ok(await call('PUT', `${SS}/subscriptions/${subs.content[0].id}`, { action: 'CANCEL' }, me.headers), 'PUT', `${SS}/subscriptions/{id}`, 200);
    const churned = ok(
      await call('GET', `${SS}/contacts/${me.id}/subscriptions`, undefined, secret()),
      'GET',
      `${SS}/contacts/{id}/subscriptions`,
      200,
    );
    assert.equal(churned.content[0].state, 'CHURNED');
    const history = ok(
      await call('GET', `${SS}/contacts/${me.id}/subscriptions/actions`, undefined, secret()),
      'GET',
      `${SS}/contacts/{id}/subscriptions/actions`,
      200,
    );
    assert.deepEqual(
      history.content.map((a: Body) => `${a.behaviour_code}:${a.state}`),
      ['TERMINATE:EXECUTED', 'PAUSE_SERVICE:CANCELLED', 'ADD_SERVICE:EXECUTED'],
    );
  });

  it("a contact cannot see or change another contact's subscriptions (404), nor send what is not served (400)", async () => {
    const ada = await signUp('ada2@sub-shop.example');
    const bob = await signUp('bob@sub-shop.example');
    const [{ id: adaService }] = ok(
      await call('POST', `${SS}/contacts/${ada.id}/services`, { services: [{ product_id: 'prod-tv' }] }, ada.headers),
      'POST',
      `${SS}/contacts/{id}/services`,
      200,
    ) as unknown as [{ id: string }];
    const adaSub = (await call('GET', `${SS}/contacts/${ada.id}/subscriptions`, undefined, ada.headers)).body.content[0].id;
    for (const [method, path, body] of [
      ['GET', `${SS}/contacts/${ada.id}/services`, undefined],
      ['GET', `${SS}/contacts/${ada.id}/subscriptions`, undefined],
      ['POST', `${SS}/contacts/${ada.id}/services`, { services: [{ product_id: 'p' }] }],
      ['PUT', `${SS}/services/${adaService}`, { action: 'PAUSE' }],
      ['PUT', `${SS}/subscriptions/${adaSub}`, { action: 'CANCEL' }],
      ['POST', `${SS}/estimates/service_delivery`, { action: 'CANCEL', services_to_remove: [{ id: adaService }] }],
    ] as const) {
      const r = await call(method, path, body, bob.headers);
      assert.equal(r.status, 404, `${method} ${path} as another contact: ${r.text}`);
    }
    const bobsView = ok(
      await call('GET', `${SS}/subscriptions/actions?service_id=${adaService}`, undefined, bob.headers),
      'GET',
      `${SS}/subscriptions/actions`,
      200,
    );
    assert.deepEqual(bobsView.content, []);
    const still = ok(await call('GET', `${SS}/contacts/${ada.id}/services`, undefined, ada.headers), 'GET', `${SS}/contacts/{id}/services`, 200);
    assert.equal(still.content[0].state, 'EFFECTIVE');
    const withDevices = await call(
      'POST',
      `${SS}/contacts/${ada.id}/services`,
      { services: [{ product_id: 'p', devices: [{ id: 'd1' }] }] },
      ada.headers,
    );
    assert.equal(withDevices.status, 400, withDevices.text);
    assert.equal(withDevices.body.field, 'services.0.devices');
    // the public api_key without a contact token is anonymous: refused, nothing shown
    const anonymous = await call('GET', `${SS}/contacts/${ada.id}/services`, undefined, { api_key: t.publicApiKey });
    assert.ok([401, 403].includes(anonymous.status), anonymous.text);
  });
});
