import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../../../testing/test-platform';
import { assertRestAnswer, exactCall } from '../../../testing/rest-client';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';
import { eventually } from '../../../testing/eventually';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';
const PASSWORD = 'Correct-Horse-Battery-9';
type Body = Record<string, any>;

/**
 * Devices end to end (flow 20 and the Contact Devices tag): Back-Office registers a physical
 * device, assigns it to the contact's subscription and enables a service on it; the signed-in
 * contact lists its devices, registers and removes a push registration, submits meter readings
 * and updates custom fields. Every Self-Service answer is validated against the contract.
 */
describe('devices (REST → subscriptions-write → bus → subscriptions-read) against the contract', () => {
  let p: TestPlatform;
  let t: { publicApiKey: string; secretApiKey: string };
  const validate = loadSelfServiceResponseValidator();

  async function call(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<HttpResult<any>> {
    const r = await exactCall<any>(p.url, method, path, body, headers);
    assertRestAnswer(r, `${method} ${path}`);
    return r;
  }
  function ok(r: HttpResult<any>, method: string, template: string | null, status: number): Body {
    assert.equal(r.status, status, `${method} ${template}: ${r.text}`);
    if (template)
      assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${template} → ${r.status} ${r.text}`);
    return r.body as Body;
  }
  const secret = () => ({ api_key: t.secretApiKey });
  async function signUp(email: string): Promise<{ id: string; headers: Record<string, string> }> {
    const r = await call(
      'POST',
      `${SS}/contacts/register`,
      { first_name: 'Dev', last_name: 'Ice', identification: { provider: 'EMAIL', email, password: PASSWORD } },
      { api_key: t.publicApiKey },
    );
    assert.equal(r.status, 201, r.text);
    return { id: r.body.contact.id as string, headers: { api_key: t.publicApiKey, authorization: `Bearer ${r.body.access_token}` } };
  }
  /** A contact with one EFFECTIVE service; returns its ids. */
  async function subscriber(email: string) {
    const me = await signUp(email);
    const [{ id: serviceId }] = ok(
      await call('POST', `${SS}/contacts/${me.id}/services`, { services: [{ product_id: 'prod-tv' }] }, me.headers),
      'POST',
      `${SS}/contacts/{id}/services`,
      200,
    ) as unknown as [{ id: string }];
    // the secret key did not write it: wait until the read side shows it (no read-your-writes for another caller)
    const subscriptionId = await eventually('the subscription is visible to the secret key', async () => {
      const subs = await call('GET', `${BO}/contacts/${me.id}/subscriptions`, undefined, secret());
      return subs.status === 200 ? (subs.body.content[0]?.id as string | undefined) : null;
    });
    return { ...me, serviceId, subscriptionId };
  }

  before(async () => {
    p = await startTestPlatform('rest-devices');
    t = await p.identityWrite.createTenant({
      name: 'Device Shop',
      ownerEmail: 'owner@device-shop.example',
      ownerPassword: PASSWORD,
      applicationName: 'Device App',
    });
  });
  after(async () => {
    await p?.stop();
  });

  it('flow 20: register a device, assign it to the subscription, enable the service; the contact sees it', async () => {
    const ada = await subscriber('ada@device-shop.example');
    const device = ok(
      await call(
        'POST',
        `${BO}/devices`,
        { serial_number: 'STB-0001', electronic_id: 'EID-1', contact_id: ada.id, product_id: 'prod-stb' },
        secret(),
      ),
      'POST',
      null,
      201,
    ).id as string;
    // a serial number names one device per tenant
    const taken = await call('POST', `${BO}/devices`, { serial_number: 'STB-0001', contact_id: ada.id, product_id: 'prod-stb' }, secret());
    assert.equal(taken.status, 409, taken.text);
    // enabling before the device joins the subscription is refused, nothing written
    const early = await call('POST', `${BO}/services/${ada.serviceId}/devices`, { devices: [{ device_id: device, action: 'ENABLE' }] }, secret());
    assert.equal(early.status, 409, early.text);
    ok(await call('POST', `${BO}/subscriptions/${ada.subscriptionId}/devices`, { device_id: device }, secret()), 'POST', null, 201);
    const enabled = ok(
      await call('POST', `${BO}/services/${ada.serviceId}/devices`, { devices: [{ device_id: device, action: 'ENABLE' }] }, secret()),
      'POST',
      null,
      201,
    );
    assert.deepEqual(enabled, { devices: [{ id: device }] });

    const onSub = ok(await call('GET', `${BO}/subscriptions/${ada.subscriptionId}/devices`, undefined, secret()), 'GET', null, 200);
    assert.deepEqual(
      onSub.content.map((d: Body) => [d.id, d.serial_number, d.contact.id, d.subscription.id, d.services]),
      [[device, 'STB-0001', ada.id, ada.subscriptionId, [{ id: ada.serviceId, state: 'ENABLED', life_cycle_state: 'EFFECTIVE' }]]],
    );
    const ssServiceDevices = ok(
      await call('GET', `${SS}/services/${ada.serviceId}/devices?state=ENABLED`, undefined, secret()),
      'GET',
      `${SS}/services/{id}/devices`,
      200,
    );
    assert.deepEqual(ssServiceDevices.content, [
      { device: { id: device, serial_number: 'STB-0001', eletronic_id: 'EID-1', product: { id: 'prod-stb' } }, state: 'ENABLED' },
    ]);

    const mine = ok(
      await call('GET', `${SS}/contacts/${ada.id}/devices?include_total=true`, undefined, ada.headers),
      'GET',
      `${SS}/contacts/{id}/devices`,
      200,
    );
    assert.equal(mine.paging.total, 1);
    assert.deepEqual(mine.content[0].enabled_services, [{ id: ada.serviceId, life_cycle_state: 'EFFECTIVE', product: { id: 'prod-tv' } }]);

    // disable: the service list keeps the device, DISABLED
    ok(
      await call('POST', `${BO}/services/${ada.serviceId}/devices`, { devices: [{ device_id: device, action: 'DISABLE' }] }, secret()),
      'POST',
      null,
      201,
    );
    const disabled = ok(await call('GET', `${BO}/services/${ada.serviceId}/devices`, undefined, secret()), 'GET', `${SS}/services/{id}/devices`, 200);
    assert.deepEqual(
      disabled.content.map((d: Body) => d.state),
      ['DISABLED'],
    );
  });

  it('Contact Devices: push registration add / list / remove, meter readings kept exactly, custom fields', async () => {
    const bea = await subscriber('bea@device-shop.example');
    const push = ok(
      await call(
        'POST',
        `${SS}/contacts/${bea.id}/devices`,
        { platform: 'MOBILE', registration_token: 'fcm:tok-1', application_id: 'app-1' },
        bea.headers,
      ),
      'POST',
      `${SS}/contacts/{id}/devices`,
      201,
    ).id as string;
    // the same token again: the same registration
    const again = ok(
      await call('POST', `${SS}/contacts/${bea.id}/devices`, { platform: 'MOBILE', registration_token: 'fcm:tok-1' }, bea.headers),
      'POST',
      `${SS}/contacts/{id}/devices`,
      201,
    );
    assert.equal(again.id, push);
    const meter = ok(
      await call('POST', `${SS}/contacts/${bea.id}/devices`, { serial_number: 'MTR-7', product_id: 'prod-meter' }, bea.headers),
      'POST',
      `${SS}/contacts/{id}/devices`,
      201,
    ).id as string;
    const listed = ok(
      await call('GET', `${SS}/contacts/${bea.id}/devices?order=ASC`, undefined, bea.headers),
      'GET',
      `${SS}/contacts/{id}/devices`,
      200,
    );
    assert.deepEqual(
      listed.content.map((d: Body) => [d.id, d.platform ?? null, d.registration_token ?? null, d.serial_number ?? null]),
      [
        [push, 'MOBILE', 'fcm:tok-1', null],
        [meter, null, null, 'MTR-7'],
      ],
    );

    const now = Math.floor(Date.now() / 1000);
    const r1 = ok(
      await call(
        'POST',
        `${SS}/contacts/${bea.id}/devices/${meter}/meter_readings`,
        { reading: 1234.567891, dates: { from: now - 86400, to: now - 60 } },
        bea.headers,
      ),
      'POST',
      `${SS}/contacts/{id}/devices/{dev_id}/meter_readings`,
      201,
    );
    ok(
      await call('POST', `${SS}/contacts/${bea.id}/devices/${meter}/meter_readings`, { reading: 0.1 }, bea.headers),
      'POST',
      `${SS}/contacts/{id}/devices/{dev_id}/meter_readings`,
      201,
    );
    for (const [body, field] of [
      [{ reading: 1.1234567 }, 'reading'],
      [{ reading: 1e21 }, 'reading'],
      [{ reading: 5, dates: { from: now - 60, to: now - 120 } }, 'dates.from'],
      [{ reading: 5, dates: { to: now + 3600 } }, 'dates.to'],
      [{}, 'reading'],
    ] as const) {
      const bad = await call('POST', `${SS}/contacts/${bea.id}/devices/${meter}/meter_readings`, body, bea.headers);
      assert.equal(bad.status, 400, `${JSON.stringify(body)}: ${bad.text}`);
      assert.equal(bad.body.field, field, bad.text);
    }
    const readings = ok(
      await call('GET', `${SS}/contacts/${bea.id}/devices/${meter}/meter_readings?include_total=true`, undefined, bea.headers),
      'GET',
      `${SS}/contacts/{id}/devices/{dev_id}/meter_readings`,
      200,
    );
    assert.equal(readings.paging.total, 2);
    assert.deepEqual(
      readings.content.map((r: Body) => r.reading),
      [0.1, 1234.567891],
    );
    assert.equal(readings.content[1].id, r1.id);
    assert.deepEqual(readings.content[1].date, { from: now - 86400, to: now - 60 });
    assert.deepEqual(readings.content[1].submitted_by, { id: bea.id, type: 'CONTACT' });
    // a push registration has no meter
    const pushReading = await call('POST', `${SS}/contacts/${bea.id}/devices/${push}/meter_readings`, { reading: 1 }, bea.headers);
    assert.equal(pushReading.status, 409, pushReading.text);

    ok(
      await call('PUT', `${SS}/devices/${meter}`, { custom_fields: [{ key: 'room', value: 'cellar' }] }, bea.headers),
      'PUT',
      `${SS}/devices/{id}`,
      200,
    );
    const withFields = ok(
      await call('GET', `${SS}/contacts/${bea.id}/devices?serial_number=MTR-7&include_custom_fields=true`, undefined, bea.headers),
      'GET',
      `${SS}/contacts/{id}/devices`,
      200,
    );
    assert.deepEqual(withFields.content[0].custom_fields, [{ key: 'room', value: 'cellar' }]);

    ok(
      await call('DELETE', `${SS}/contacts/${bea.id}/devices/${encodeURIComponent('fcm:tok-1')}`, undefined, bea.headers),
      'DELETE',
      `${SS}/contacts/{id}/devices/{fcm_token}`,
      200,
    );
    const gone = await call('DELETE', `${SS}/contacts/${bea.id}/devices/${encodeURIComponent('fcm:tok-1')}`, undefined, bea.headers);
    assert.equal(gone.status, 404, gone.text);
    // a registration is also removed by its device id (tokens longer than a path segment allows)
    const second = ok(
      await call('POST', `${SS}/contacts/${bea.id}/devices`, { platform: 'BROWSER', registration_token: 'x'.repeat(300) }, bea.headers),
      'POST',
      `${SS}/contacts/{id}/devices`,
      201,
    ).id as string;
    ok(
      await call('DELETE', `${SS}/contacts/${bea.id}/devices/${second}`, undefined, bea.headers),
      'DELETE',
      `${SS}/contacts/{id}/devices/{fcm_token}`,
      200,
    );
    const left = ok(await call('GET', `${SS}/contacts/${bea.id}/devices`, undefined, bea.headers), 'GET', `${SS}/contacts/{id}/devices`, 200);
    assert.deepEqual(
      left.content.map((d: Body) => d.id),
      [meter],
    );
  });

  it('bad input names the field and writes nothing', async () => {
    const cy = await signUp('cy@device-shop.example');
    for (const [body, field] of [
      [{ serial_number: 'X-1' }, 'product_id'],
      [{ registration_token: 'tok' }, 'platform'],
      [{ platform: 'TOASTER', registration_token: 'tok' }, 'platform'],
      [{}, 'registration_token'],
      [{ serial_number: 'X-2', product_id: 'p', colour: 'red' }, 'colour'],
    ] as const) {
      const r = await call('POST', `${SS}/contacts/${cy.id}/devices`, body, cy.headers);
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
      assert.equal(r.body.field, field, r.text);
    }
    const bo = await call(
      'POST',
      `${BO}/devices`,
      { serial_number: 'X-3', product_id: 'p', contact_id: '00000000-0000-4000-8000-000000000001' },
      secret(),
    );
    assert.equal(bo.status, 400, bo.text);
    assert.equal(bo.body.field, 'contact_id');
    const none = ok(
      await call('GET', `${SS}/contacts/${cy.id}/devices?include_total=true`, undefined, cy.headers),
      'GET',
      `${SS}/contacts/{id}/devices`,
      200,
    );
    assert.equal(none.paging.total, 0);
  });
});
