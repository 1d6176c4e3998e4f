import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';
import { exactCall } from '../testing/rest-client';
import { eventually } from '../testing/eventually';

type Gql = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
const SS = '/self-service/v2';
const BO = '/backoffice/v2';
const PASSWORD = 'Device-Password-123';

/**
 * Devices: cross-tenant, cross-contact, role and mass-assignment matrix. Tenant A's victim holds a
 * physical device (assigned to its subscription, a service enabled on it, a meter reading) and a
 * push registration. Tenant B's owner and secret key, and another contact of tenant A, aim every
 * device route and root field at them: reads find nothing, writes are refused, and every device
 * row of tenant A stays at the version it had.
 */
describe('devices, usage and provisioning isolation (cross-tenant, cross-contact, roles, mass assignment)', () => {
  let p: TestPlatform;
  let ids: { contact: string; subscription: string; service: string; device: string; push: string; token: string; command: string };
  let victim: Record<string, string>;
  let ownerA: Record<string, string>;
  const attackers = {} as Record<'tenantB_owner' | 'tenantB_secret' | 'other_contact', Record<string, string>>;
  let tenantA = '';

  async function signIn(publicKey: string, email: string): Promise<string> {
    const r = await p.graphql<Gql>(
      `mutation($u: String!, $p: String!) { authenticateUser(input: { username: $u, password: $p }) { tokens { accessToken } } }`,
      { u: email, p: PASSWORD },
      { api_key: publicKey },
    );
    return r.body.data?.['authenticateUser'].tokens.accessToken as string;
  }
  async function register(publicKey: string, email: string) {
    const r = await exactCall<any>(
      p.url,
      'POST',
      `${SS}/contacts/register`,
      { first_name: 'C', last_name: 'T', identification: { provider: 'EMAIL', email, password: PASSWORD } },
      { api_key: publicKey },
    );
    assert.equal(r.status, 201, r.text);
    return { id: r.body.contact.id as string, headers: { api_key: publicKey, authorization: `Bearer ${r.body.access_token}` } };
  }
  /** Every device row of tenant A (write side and read side), to prove nothing changed. */
  async function snapshotA(): Promise<string> {
    const write = (p.services.get('subscriptions-write') as unknown as { dataSource: { query(sql: string, params: unknown[]): Promise<unknown> } })
      .dataSource;
    const read = (p.services.get('subscriptions-read') as unknown as { dataSource: { query(sql: string, params: unknown[]): Promise<unknown> } })
      .dataSource;
    const devices = await write.query(`SELECT id::text, version, removed, data FROM devices WHERE tenant_id = $1 ORDER BY id`, [tenantA]);
    const subscriptions = await write.query(`SELECT id::text, version FROM subscriptions WHERE tenant_id = $1 ORDER BY id`, [tenantA]);
    const views = await read.query(`SELECT id::text, version FROM device_views WHERE tenant_id = $1 ORDER BY id`, [tenantA]);
    const usage = await write.query(`SELECT aggregate_type, id::text, version FROM usage_aggregates WHERE tenant_id = $1 ORDER BY 1, 2`, [tenantA]);
    return JSON.stringify({ devices, subscriptions, views, usage });
  }

  before(async () => {
    p = await startTestPlatform('devices-isolation');
    const a = await p.identityWrite.createTenant({ name: 'A', ownerEmail: 'owner@dev-a.example', ownerPassword: PASSWORD, applicationName: 'A' });
    const b = await p.identityWrite.createTenant({ name: 'B', ownerEmail: 'owner@dev-b.example', ownerPassword: PASSWORD, applicationName: 'B' });
    tenantA = a.tenantId;
    ownerA = { authorization: `Bearer ${await signIn(a.publicApiKey, 'owner@dev-a.example')}` };
    attackers.tenantB_owner = { authorization: `Bearer ${await signIn(b.publicApiKey, 'owner@dev-b.example')}` };
    attackers.tenantB_secret = { api_key: b.secretApiKey };
    const v = await register(a.publicApiKey, 'victim@dev-a.example');
    const other = await register(a.publicApiKey, 'other@dev-a.example');
    victim = v.headers;
    attackers.other_contact = other.headers;
    const call = (method: string, path: string, body: unknown, headers: Record<string, string>) => exactCall<any>(p.url, method, path, body, headers);
    const [{ id: service }] = (await call('POST', `${SS}/contacts/${v.id}/services`, { services: [{ product_id: 'prod-tv' }] }, victim)).body;
    const secretA = { api_key: a.secretApiKey };
    const subscription = await eventually('the subscription is visible', async () => {
      const r = await call('GET', `${BO}/contacts/${v.id}/subscriptions`, undefined, secretA);
      return r.status === 200 ? (r.body.content[0]?.id as string | undefined) : null;
    });
    const device = (await call('POST', `${BO}/devices`, { serial_number: 'ISO-1', contact_id: v.id, product_id: 'prod-stb' }, secretA)).body.id;
    assert.ok(device);
    assert.equal((await call('POST', `${BO}/subscriptions/${subscription}/devices`, { device_id: device }, secretA)).status, 201);
    assert.equal(
      (await call('POST', `${BO}/services/${service}/devices`, { devices: [{ device_id: device, action: 'ENABLE' }] }, secretA)).status,
      201,
    );
    assert.equal((await call('POST', `${SS}/contacts/${v.id}/devices/${device}/meter_readings`, { reading: 10 }, victim)).status, 201);
    const token = 'victim-token-1';
    const push = (await call('POST', `${SS}/contacts/${v.id}/devices`, { platform: 'MOBILE', registration_token: token }, victim)).body.id;
    assert.ok(push);
    assert.equal(
      (await call('POST', `${SS}/provisioning/service_commands`, { integration_id: 'tv', service_id: service, code: 'REFRESH' }, secretA)).status,
      200,
    );
    const write = (p.services.get('subscriptions-write') as unknown as { dataSource: { query(sql: string, params: unknown[]): Promise<any[]> } })
      .dataSource;
    const [cmd] = await write.query(
      `SELECT payload ->> 'aggregateId' AS id FROM outbox WHERE payload ->> 'type' = 'provisioning.command_requested' AND payload -> 'data' ->> 'serviceId' = $1`,
      [service],
    );
    ids = { contact: v.id, subscription, service, device, push, token, command: cmd.id };
    // the victim's usage: an allowance and one record
    assert.equal(
      (await call('PUT', `${BO}/services/${service}/usage_allowance`, { allowances: [{ product_id: 'data', per_day: '10' }] }, secretA)).status,
      200,
    );
    const now = Math.floor(Date.now() / 1000);
    assert.equal(
      (
        await call(
          'POST',
          `${BO}/usage_records`,
          { service_id: service, usage_product_id: 'data', usage_amount: '1.5', usage_timestamp: now - 5 },
          secretA,
        )
      ).status,
      201,
    );
    await eventually('the victim sees its usage', async () => {
      const r = await call('GET', `${SS}/contacts/${v.id}/usage_records?include_total=true`, undefined, victim);
      return r.status === 200 && r.body.paging.total === 1;
    });
    // the matrix must find nothing because of isolation, not lag: the victim sees both devices
    await eventually('the victim sees its devices', async () => {
      const r = await call('GET', `${SS}/contacts/${v.id}/devices?include_total=true`, undefined, victim);
      return r.status === 200 && r.body.paging.total === 2;
    });
  });
  after(async () => {
    await p?.stop();
  });

  it('GraphQL: another tenant or contact reads nothing and changes nothing through the device root fields', async () => {
    const before = await snapshotA();
    for (const [who, headers] of Object.entries(attackers)) {
      const reads = await p.graphql<Gql>(
        `query($d: ID!, $c: ID!, $s: ID!, $v: ID!) {
          device(id: $d) { id }
          devices(contactId: $c, limit: 100) { total items { id } }
          bySub: devices(subscriptionId: $s, limit: 100) { total }
          byService: devices(serviceId: $v, limit: 100) { total }
          bySerial: devices(serialNumber: "ISO-1", limit: 100) { total }
          deviceMeterReadings(deviceId: $d) { total }
        }`,
        { d: ids.device, c: ids.contact, s: ids.subscription, v: ids.service },
        headers,
      );
      const data = reads.body.data;
      assert.ok(data, `${who}: ${reads.text}`);
      assert.equal(data.device, null, who);
      assert.equal(data.devices.total, 0, who);
      assert.equal(data.bySub.total, 0, who);
      assert.equal(data.byService.total, 0, who);
      assert.equal(data.bySerial.total, 0, who);
      assert.equal(data.deviceMeterReadings, null, who);
      const usage = await p.graphql<Gql>(
        `query($c: ID!, $v: ID!) { usageRecords(contactId: $c) { total } usageTotals(contactId: $c) { amount } usageAllowanceEstimate(contactId: $c, serviceId: $v) { serviceId } }`,
        { c: ids.contact, v: ids.service },
        headers,
      );
      assert.ok(usage.body.data, `${who}: ${usage.text}`);
      assert.equal(usage.body.data.usageRecords.total, 0, who);
      assert.deepEqual(usage.body.data.usageTotals, [], who);
      assert.equal(usage.body.data.usageAllowanceEstimate, null, who);
      const writes: [string, Record<string, unknown>][] = [
        [`mutation($d: ID!) { updateDevice(id: $d, customFields: [{ key: "pwn", value: "1" }]) { deviceId errors { code } } }`, { d: ids.device }],
        [
          `mutation($c: ID!, $t: String!) { removeContactDevice(contactId: $c, registrationToken: $t) { deviceId errors { code } } }`,
          { c: ids.contact, t: ids.token },
        ],
        [
          `mutation($c: ID!, $t: String!) { removeContactDevice(contactId: $c, registrationToken: $t) { deviceId errors { code } } }`,
          { c: ids.contact, t: ids.push },
        ],
        [`mutation($d: ID!) { recordDeviceMeterReading(deviceId: $d, input: { reading: "99" }) { readingId errors { code } } }`, { d: ids.device }],
        [
          `mutation($s: ID!, $d: ID!) { assignDeviceToSubscription(subscriptionId: $s, deviceId: $d) { deviceId errors { code } } }`,
          { s: ids.subscription, d: ids.device },
        ],
        [
          `mutation($v: ID!, $d: ID!) { setServiceDevices(serviceId: $v, devices: [{ deviceId: $d, action: "DISABLE" }]) { deviceIds errors { code } } }`,
          { v: ids.service, d: ids.device },
        ],
      ];
      for (const [query, variables] of writes) {
        const r = await p.graphql<Gql>(query, variables, headers);
        const payload = r.body.data ? (Object.values(r.body.data)[0] as { errors?: { code: string }[] } | null) : null;
        const refused = (r.body.errors?.length ?? 0) > 0 || (payload?.errors?.length ?? 0) > 0;
        assert.ok(refused, `${who}: ${query.slice(0, 60)} → ${r.text}`);
      }
    }
    assert.equal(await snapshotA(), before, 'no device or subscription row of tenant A changed');
  });

  it('REST: every device route taking an id answers 4xx to another tenant or contact, changing nothing', async () => {
    const before = await snapshotA();
    const routes: [string, string, unknown?][] = [
      ['GET', `${SS}/contacts/${ids.contact}/devices`],
      ['POST', `${SS}/contacts/${ids.contact}/devices`, { platform: 'MOBILE', registration_token: 'pwn' }],
      ['GET', `${SS}/contacts/${ids.contact}/devices/${ids.device}/meter_readings`],
      ['POST', `${SS}/contacts/${ids.contact}/devices/${ids.device}/meter_readings`, { reading: 1 }],
      ['DELETE', `${SS}/contacts/${ids.contact}/devices/${ids.token}`],
      ['DELETE', `${SS}/contacts/${ids.contact}/devices/${ids.push}`],
      ['PUT', `${SS}/devices/${ids.device}`, { custom_fields: [{ key: 'pwn', value: '1' }] }],
      ['GET', `${SS}/services/${ids.service}/devices`],
      ['GET', `${BO}/devices/${ids.device}`],
      ['GET', `${BO}/subscriptions/${ids.subscription}/devices`],
      ['POST', `${BO}/subscriptions/${ids.subscription}/devices`, { device_id: ids.device }],
      ['GET', `${BO}/services/${ids.service}/devices`],
      ['POST', `${BO}/services/${ids.service}/devices`, { devices: [{ device_id: ids.device, action: 'DISABLE' }] }],
      ['POST', `${BO}/devices`, { serial_number: 'PWN-1', contact_id: ids.contact, product_id: 'p' }],
      ['GET', `${SS}/contacts/${ids.contact}/usage_records`],
      ['GET', `${SS}/contacts/${ids.contact}/usage_records/metrics`],
      ['POST', `${SS}/estimates/allowance`, { contact_id: ids.contact, service: { id: ids.service, classification: 'USAGE_SERVICE' } }],
      ['GET', `${BO}/contacts/${ids.contact}/usage_records`],
      [
        'POST',
        `${BO}/usage_records`,
        { service_id: ids.service, usage_product_id: 'data', usage_amount: '1', usage_timestamp: Math.floor(Date.now() / 1000) - 5 },
      ],
      ['PUT', `${BO}/services/${ids.service}/usage_allowance`, { allowances: [] }],
      ['POST', `${SS}/provisioning/service_commands`, { integration_id: 'tv', service_id: ids.service, code: 'REFRESH' }],
      ['PUT', `${BO}/provisioning/service_commands/${ids.command}`, { state: 'IGNORED' }],
    ];
    for (const [who, headers] of Object.entries(attackers)) {
      for (const [method, path, body] of routes) {
        const r = await exactCall<any>(p.url, method, path, body, headers);
        assert.ok(r.status >= 400 && r.status < 500, `${who}: ${method} ${path} → ${r.status} ${r.text}`);
      }
      // list routes that take no id show nothing of tenant A
      for (const path of [`${BO}/devices?serial_number=ISO-1`, `${BO}/devices?contact_id=${ids.contact}`]) {
        const r = await exactCall<any>(p.url, 'GET', path, undefined, headers);
        if (r.status === 200) assert.deepEqual(r.body.content, [], `${who}: GET ${path}`);
        else assert.ok(r.status >= 400 && r.status < 500, `${who}: GET ${path} → ${r.status}`);
      }
    }
    assert.equal(await snapshotA(), before, 'no device or subscription row of tenant A changed');
  });

  it('roles and mass assignment: a contact cannot assign devices or enable services, nor name another contact or device in a body', async () => {
    const before = await snapshotA();
    for (const [method, path, body] of [
      ['POST', `${BO}/subscriptions/${ids.subscription}/devices`, { device_id: ids.device }],
      ['POST', `${BO}/services/${ids.service}/devices`, { devices: [{ device_id: ids.device, action: 'DISABLE' }] }],
      ['POST', `${BO}/devices`, { serial_number: 'SELF-1', contact_id: ids.contact, product_id: 'p' }],
    ] as const) {
      const r = await exactCall<any>(p.url, method, path, body, victim);
      assert.ok([401, 403].includes(r.status), `the victim contact: ${method} ${path} → ${r.status} ${r.text}`);
    }
    const gql = await p.graphql<Gql>(
      `mutation($v: ID!, $d: ID!) { setServiceDevices(serviceId: $v, devices: [{ deviceId: $d, action: "DISABLE" }]) { deviceIds errors { code } } }`,
      { v: ids.service, d: ids.device },
      victim,
    );
    assert.ok((gql.body.errors?.length ?? 0) > 0, gql.text);
    for (const [body, field] of [
      [{ platform: 'MOBILE', registration_token: 'x', contact_id: ids.contact }, 'contact_id'],
      [{ serial_number: 'M-1', product_id: 'p', id: ids.device }, 'id'],
      [{ serial_number: 'M-2', product_id: 'p', subscription_id: ids.subscription }, 'subscription_id'],
    ] as const) {
      const r = await exactCall<any>(p.url, 'POST', `${SS}/contacts/${ids.contact}/devices`, body, victim);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.field, field, r.text);
    }
    const otherDevice = await exactCall<any>(p.url, 'PUT', `${SS}/devices/${ids.device}`, { id: ids.push, custom_fields: [] }, victim);
    assert.equal(otherDevice.status, 400, otherDevice.text);
    assert.equal(await snapshotA(), before, 'nothing changed');
    // the owner of tenant A does see them (the matrix above is about isolation, not a broken read)
    const own = await p.graphql<Gql>(`query($d: ID!) { device(id: $d) { id serialNumber } }`, { d: ids.device }, ownerA);
    assert.equal(own.body.data?.['device']?.serialNumber, 'ISO-1', own.text);
  });
});
