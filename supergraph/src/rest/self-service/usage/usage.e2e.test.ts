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
 * Usage end to end: Back-Office sets a service's usage allowance and posts usage records (exact
 * decimals, once per idempotency key); the signed-in contact lists them, reads the total and
 * estimates its allowance. Every Self-Service answer is validated against the contract.
 */
describe('usage (REST → subscriptions-write → bus → subscriptions-read) against the contract', () => {
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
    if (template) assert.deepEqual(validate(method, template, r.status, r.body), [], `${method} ${template} → ${r.status} ${r.text}`);
    return r.body as Body;
  }
  const secret = () => ({ api_key: t.secretApiKey });

  before(async () => {
    p = await startTestPlatform('rest-usage');
    t = await p.identityWrite.createTenant({
      name: 'Usage Telco',
      ownerEmail: 'owner@usage.example',
      ownerPassword: PASSWORD,
      applicationName: 'Usage App',
    });
  });
  after(async () => {
    await p?.stop();
  });

  it('allowance, usage records posted once and exactly, list, total and estimate', async () => {
    const reg = await call(
      'POST',
      `${SS}/contacts/register`,
      { first_name: 'Use', last_name: 'R', identification: { provider: 'EMAIL', email: 'ada@usage.example', password: PASSWORD } },
      { api_key: t.publicApiKey },
    );
    assert.equal(reg.status, 201, reg.text);
    const me = { id: reg.body.contact.id as string, headers: { api_key: t.publicApiKey, authorization: `Bearer ${reg.body.access_token}` } };
    const [{ id: service }] = (await call('POST', `${SS}/contacts/${me.id}/services`, { services: [{ product_id: 'mobile-plan' }] }, me.headers))
      .body;
    await eventually('the service is visible to the secret key', async () => {
      const r = await call('GET', `${BO}/contacts/${me.id}/services`, undefined, secret());
      return r.status === 200 && r.body.content.length === 1;
    });

    ok(
      await call(
        'PUT',
        `${BO}/services/${service}/usage_allowance`,
        { allowances: [{ product_id: 'data-mb', measurement_unit: 'MB', per_transaction: '500', per_day: '1000.5', per_billing_cycle: '20000' }] },
        secret(),
      ),
      'PUT',
      null,
      200,
    );
    const now = Math.floor(Date.now() / 1000);
    const post = (body: Body, key?: string) => call('POST', `${BO}/usage_records`, body, { ...secret(), ...(key ? { 'idempotency-key': key } : {}) });
    const first = ok(
      await post(
        {
          service_id: service,
          usage_product_id: 'data-mb',
          usage_amount: '0.1',
          usage_timestamp: now - 120,
          measurement_unit: 'MB',
          charged_amount: '0.05',
          currency_code: 'EUR',
        },
        'cdr-000001',
      ),
      'POST',
      null,
      201,
    );
    // mediation retries: the same key posts nothing more
    const retry = ok(
      await post(
        {
          service_id: service,
          usage_product_id: 'data-mb',
          usage_amount: '0.1',
          usage_timestamp: now - 120,
          measurement_unit: 'MB',
          charged_amount: '0.05',
          currency_code: 'EUR',
        },
        'cdr-000001',
      ),
      'POST',
      null,
      201,
    );
    assert.equal(retry.id, first.id);
    ok(
      await post({ service_id: service, usage_product_id: 'data-mb', usage_amount: '0.2', usage_timestamp: now - 60 }, 'cdr-000002'),
      'POST',
      null,
      201,
    );
    ok(
      await post({ service_id: service, usage_product_id: 'data-mb', usage_amount: '900.000001', usage_timestamp: now - 30 }, 'cdr-000003'),
      'POST',
      null,
      201,
    );

    // the secret key wrote them, not the contact: wait until the read side has all three
    const list = await eventually('the three records are projected', async () => {
      const body = ok(
        await call('GET', `${SS}/contacts/${me.id}/usage_records?include_total=true&service_id=${service}`, undefined, me.headers),
        'GET',
        `${SS}/contacts/{id}/usage_records`,
        200,
      );
      return body.paging.total === 3 ? body : null;
    });
    assert.equal(list.paging.total, 3);
    assert.deepEqual(
      list.content.map((r: Body) => r.usage_amount),
      [900.000001, 0.2, 0.1],
    );
    assert.deepEqual(list.content[2].measurement_unit, { name: 'MB' });
    assert.equal(list.content[2].charged_amount, 0.05);
    const windowed = ok(
      await call('GET', `${SS}/contacts/${me.id}/usage_records?usage_timestamp[lt]=${now - 60}`, undefined, me.headers),
      'GET',
      `${SS}/contacts/{id}/usage_records`,
      200,
    );
    assert.deepEqual(
      windowed.content.map((r: Body) => r.id),
      [first.id],
    );

    // 0.1 + 0.2 + 900.000001 summed exactly (floats would give 900.3000010000001)
    const metrics = ok(
      await call('GET', `${SS}/contacts/${me.id}/usage_records/metrics`, undefined, me.headers),
      'GET',
      `${SS}/contacts/{id}/usage_records/metrics`,
      200,
    );
    assert.deepEqual(metrics, { amount: 900.300001, product: { id: 'data-mb' } });

    const estimate = ok(
      await call(
        'POST',
        `${SS}/estimates/allowance`,
        {
          contact_id: me.id,
          service: { id: service, classification: 'USAGE_SERVICE' },
          usage: [
            { product: { id: 'data-mb' }, usage_amount: 200 },
            { product: { id: 'sms' }, usage_amount: 1 },
          ],
          estimation_id: 'est-1',
        },
        me.headers,
      ),
      'POST',
      `${SS}/estimates/allowance`,
      200,
    );
    assert.equal(estimate.estimation_id, 'est-1');
    assert.deepEqual(estimate.services[0].products_allowance, [
      {
        item_id: 'data-mb',
        item_type: 'PRODUCT',
        measurement_unit: { name: 'MB' },
        remaining_usage: { per_transaction: 500, per_day: 100.199999, per_billing_cycle: 19099.699999 },
      },
    ]);
    assert.deepEqual(
      estimate.authorised_usage.map((a: Body) => [a.product.id, a.usage, a.amount]),
      [
        ['data-mb', 200, 100.199999],
        ['sms', 1, 0],
      ],
    );
    assert.equal(estimate.services[0].authorise_consumption, false);
  });

  it('refuses usage of a service not in use, bad amounts and foreign readers, writing nothing', async () => {
    const reg = await call(
      'POST',
      `${SS}/contacts/register`,
      { first_name: 'Bob', last_name: 'R', identification: { provider: 'EMAIL', email: 'bob@usage.example', password: PASSWORD } },
      { api_key: t.publicApiKey },
    );
    const bob = { id: reg.body.contact.id as string, headers: { api_key: t.publicApiKey, authorization: `Bearer ${reg.body.access_token}` } };
    const [{ id: service }] = (await call('POST', `${SS}/contacts/${bob.id}/services`, { services: [{ product_id: 'mobile-plan' }] }, bob.headers))
      .body;
    const now = Math.floor(Date.now() / 1000);
    for (const [body, field] of [
      [{ service_id: service, usage_product_id: 'x', usage_amount: '1.1234567', usage_timestamp: now }, 'usage_amount'],
      [{ service_id: service, usage_product_id: 'x', usage_amount: '-3', usage_timestamp: now }, 'usage_amount'],
      [{ service_id: service, usage_product_id: 'x', usage_amount: 1e21, usage_timestamp: now }, 'usage_amount'],
      [{ service_id: service, usage_product_id: 'x', usage_amount: '1', usage_timestamp: now + 3600 }, 'usage_timestamp'],
      [{ service_id: service, usage_product_id: 'x', usage_amount: '1', usage_timestamp: now, charged_amount: '1' }, 'currency_code'],
      [{ service_id: service, usage_product_id: 'x', usage_amount: '1', usage_timestamp: now, colour: 'red' }, 'colour'],
    ] as const) {
      const r = await call('POST', `${BO}/usage_records`, body, secret());
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
      assert.equal(r.body.field, field, r.text);
    }
    await eventually(
      'the pause is accepted',
      async () => (await call('PUT', `${SS}/services/${service}`, { action: 'PAUSE' }, bob.headers)).status === 200,
    );
    const paused = await call(
      'POST',
      `${BO}/usage_records`,
      { service_id: service, usage_product_id: 'x', usage_amount: '1', usage_timestamp: now },
      secret(),
    );
    assert.equal(paused.status, 409, paused.text);
    const none = ok(
      await call('GET', `${SS}/contacts/${bob.id}/usage_records?include_total=true`, undefined, bob.headers),
      'GET',
      `${SS}/contacts/{id}/usage_records`,
      200,
    );
    assert.equal(none.paging.total, 0);
    // a contact posts no usage, and reads no other contact's
    const self = await call(
      'POST',
      `${BO}/usage_records`,
      { service_id: service, usage_product_id: 'x', usage_amount: '1', usage_timestamp: now },
      bob.headers,
    );
    assert.ok([401, 403].includes(self.status), self.text);
  });

  it('Provisioning Providers: the commands, one sent (PENDING, provisioning.command_requested), answered by the integration, shown on the service', async () => {
    const reg = await call(
      'POST',
      `${SS}/contacts/register`,
      { first_name: 'Cy', last_name: 'P', identification: { provider: 'EMAIL', email: 'cy@usage.example', password: PASSWORD } },
      { api_key: t.publicApiKey },
    );
    const cy = { id: reg.body.contact.id as string, headers: { api_key: t.publicApiKey, authorization: `Bearer ${reg.body.access_token}` } };
    const [{ id: service }] = (await call('POST', `${SS}/contacts/${cy.id}/services`, { services: [{ product_id: 'tv-basic' }] }, cy.headers)).body;
    const commands = ok(
      await call('GET', `${SS}/provisioning/service_commands?integration_id=tv-platform`, undefined, secret()),
      'GET',
      `${SS}/provisioning/service_commands`,
      200,
    );
    assert.deepEqual(
      commands.content.map((c: Body) => c.code),
      ['REFRESH', 'RESET_PIN'],
    );
    const sendBody = { integration_id: 'tv-platform', service_id: service, code: 'RESET_PIN', metadata_attributes: [{ key: 'pin', value: '4321' }] };
    const sent = await eventually('the service is visible to the write side', async () => {
      const r = await call('POST', `${SS}/provisioning/service_commands`, sendBody, secret());
      return r.status === 200 ? r : null;
    });
    assert.deepEqual(ok(sent, 'POST', `${SS}/provisioning/service_commands`, 200), { state: 'PENDING' });
    // the event the integration's plugin consumes
    const write = (p.services.get('subscriptions-write') as unknown as { dataSource: { query(sql: string, params: unknown[]): Promise<any[]> } })
      .dataSource;
    const [event] = await write.query(
      `SELECT payload FROM outbox WHERE payload ->> 'type' = 'provisioning.command_requested' AND payload -> 'data' ->> 'serviceId' = $1`,
      [service],
    );
    assert.ok(event, 'provisioning.command_requested is in the outbox');
    assert.deepEqual(event.payload.data.metadata, [{ key: 'pin', value: '4321' }]);
    const commandId = event.payload.aggregateId as string;
    // the integration answers; the service shows it
    ok(await call('PUT', `${BO}/provisioning/service_commands/${commandId}`, { state: 'COMPLETED' }, secret()), 'PUT', null, 200);
    ok(await call('PUT', `${BO}/provisioning/service_commands/${commandId}`, { state: 'COMPLETED' }, secret()), 'PUT', null, 200);
    const other = await call('PUT', `${BO}/provisioning/service_commands/${commandId}`, { state: 'REJECTED', reason: 'late' }, secret());
    assert.equal(other.status, 409, other.text);
    await eventually('the service shows the answer', async () => {
      const r = await p.graphql<any>(`query($id: ID!) { service(id: $id) { provisioningCommands { id code state } } }`, { id: service }, secret());
      const c = r.body.data?.service?.provisioningCommands?.[0];
      return c && c.state === 'COMPLETED' && c.id === commandId && c.code === 'RESET_PIN';
    });
    for (const [body, field] of [
      [{ ...sendBody, code: 'REBOOT' }, 'code'],
      [{ ...sendBody, metadata_attributes: [] }, 'metadata_attributes'],
      [{ ...sendBody, colour: 'red' }, 'colour'],
    ] as const) {
      const r = await call('POST', `${SS}/provisioning/service_commands`, body, secret());
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.field, field, r.text);
    }
    // a contact sends no commands
    const asContact = await call('POST', `${SS}/provisioning/service_commands`, sendBody, cy.headers);
    assert.ok([401, 403].includes(asContact.status), asContact.text);
  });
});
