import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../../../testing/test-platform';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const BO = '/backoffice/v2';
const SS = '/self-service/v2';
type Body = Record<string, any>;

/**
 * The subscriptions domain end to end over Back-Office REST (flows 9, 10 and 20): REST facade →
 * gateway → subscriptions-write → bus → subscriptions-read. Answers of the routes Self-Service
 * mirrors are validated against the Self-Service contract's response schemas.
 */
describe('back-office subscriptions and services (REST → subscriptions-write → bus → subscriptions-read)', () => {
  let p: TestPlatform;
  const validate = loadSelfServiceResponseValidator();
  const ok = (r: HttpResult, status: number, ssTemplate?: string, method = 'GET'): Body => {
    assert.equal(r.status, status, r.text);
    if (ssTemplate) assert.deepEqual(validate(method, ssTemplate, r.status, r.body), [], `${method} ${ssTemplate}: ${r.text}`);
    return r.body as Body;
  };
  const newContact = async (headers: Record<string, string> = {}) =>
    ok(await p.http('POST', `${BO}/contacts`, { contact_type: 'PERSON', first_name: 'Sub', last_name: 'Scriber' }, headers), 201).id as string;

  before(async () => {
    p = await startTestPlatform('subscriptions-e2e');
  });
  after(async () => {
    await p?.stop();
  });

  it('flow 20 / 9: adds services to a contact, which open an ACTIVE subscription; more services join it', async () => {
    const contact = await newContact();
    const added = ok(
      await p.http(
        'POST',
        `${BO}/contacts/${contact}/services`,
        {
          payment_method_type: 'CARD',
          services: [
            { product_id: 'prod-tv', price_terms_id: 'terms-monthly', quantity: 1, trial_period: { duration: 14, uot: 'DAY' } },
            { product_id: 'prod-net', price_terms_id: 'terms-monthly', contract_period: { duration: 12, uot: 'MONTH' } },
          ],
        },
        { 'idempotency-key': 'add-services-1' },
      ),
      201,
    ) as unknown as [{ id: string }];
    assert.equal(added.length, 2);
    // same key, same request → the same services, none added twice
    const again = ok(
      await p.http(
        'POST',
        `${BO}/contacts/${contact}/services`,
        {
          payment_method_type: 'CARD',
          services: [
            { product_id: 'prod-tv', price_terms_id: 'terms-monthly', quantity: 1, trial_period: { duration: 14, uot: 'DAY' } },
            { product_id: 'prod-net', price_terms_id: 'terms-monthly', contract_period: { duration: 12, uot: 'MONTH' } },
          ],
        },
        { 'idempotency-key': 'add-services-1' },
      ),
      201,
    );
    assert.deepEqual(again, added);

    const subs = ok(await p.http('GET', `${BO}/contacts/${contact}/subscriptions?include_total=true`), 200, `${SS}/contacts/{id}/subscriptions`);
    assert.equal(subs.paging.total, 1);
    const sub = subs.content[0];
    assert.equal(sub.state, 'ACTIVE');
    assert.equal(sub.active_services, 2);
    assert.equal(sub.trial_services, 1);
    assert.equal(sub.terms.payment_method.type, 'CARD');

    const services = ok(await p.http('GET', `${BO}/contacts/${contact}/services`), 200, `${SS}/contacts/{id}/services`);
    const tv = services.content.find((s: Body) => s.product.id === 'prod-tv');
    const net = services.content.find((s: Body) => s.product.id === 'prod-net');
    assert.equal(tv.state, 'EFFECTIVE');
    assert.equal(tv.trial_period.trial_state, 'IN_TRIAL');
    assert.equal(net.terms.in_contract, true);
    assert.equal(tv.subscription.id, sub.id);

    // another service joins the same subscription
    ok(await p.http('POST', `${BO}/contacts/${contact}/services`, { services: [{ product_id: 'prod-extra' }] }), 201);
    const after = ok(await p.http('GET', `${BO}/subscriptions/${sub.id}`), 200);
    assert.equal(after.active_services, 3);
    const all = ok(await p.http('GET', `${BO}/subscriptions?contact_id=${contact}&include_total=true`), 200);
    assert.equal(all.paging.total, 1);
  });

  it('flow 10: pauses at the proposed date (SCHEDULED), revokes it, pauses now, resumes; cancelling every service churns', async () => {
    const contact = await newContact();
    const [{ id: serviceId }] = ok(
      await p.http('POST', `${BO}/contacts/${contact}/services`, { services: [{ product_id: 'prod-tv' }] }),
      201,
    ) as unknown as [{ id: string }];
    const scheduled = ok(
      await p.http('PUT', `${BO}/services/${serviceId}`, { action: 'PAUSE', use_proposed_date: true }),
      200,
      `${SS}/services/{id}`,
      'PUT',
    );
    assert.equal(typeof scheduled.proposed_date, 'number');
    assert.ok(scheduled.proposed_date * 1000 > Date.now(), 'the proposed date is ahead');

    const pending = ok(
      await p.http('GET', `${BO}/subscriptions/actions?service_id=${serviceId}&is_scheduled=true`),
      200,
      `${SS}/subscriptions/actions`,
    );
    assert.deepEqual(
      pending.content.map((a: Body) => [a.id, a.state, a.behaviour_code, a.scheduled_on]),
      [[scheduled.id, 'SCHEDULED', 'PAUSE_SERVICE', scheduled.proposed_date]],
    );
    const revoked = ok(
      await p.http('PUT', `${BO}/subscriptions/actions/${scheduled.id}`, { action: 'CANCEL' }),
      200,
      `${SS}/subscriptions/actions/{id}`,
      'PUT',
    );
    assert.equal(revoked.id, scheduled.id);
    const action = ok(await p.http('GET', `${BO}/subscriptions/actions/${scheduled.id}`), 200, `${SS}/subscriptions/actions/{id}`);
    assert.equal(action.state, 'CANCELLED');
    // revoking twice: 409
    assert.equal((await p.http('PUT', `${BO}/subscriptions/actions/${scheduled.id}`, { action: 'CANCEL' })).status, 409);

    // now: PAUSE → the subscription is INACTIVE; PAUSE again is refused with the reason; RESUME → ACTIVE
    const paused = ok(await p.http('PUT', `${BO}/services/${serviceId}`, { action: 'PAUSE' }), 200);
    assert.equal(paused.proposed_date, undefined);
    let subs = ok(await p.http('GET', `${BO}/contacts/${contact}/subscriptions`), 200);
    assert.equal(subs.content[0].state, 'INACTIVE');
    const twice = await p.http('PUT', `${BO}/services/${serviceId}`, { action: 'PAUSE' });
    assert.equal(twice.status, 409, twice.text);
    assert.match(twice.body.message, /PAUSE/);
    ok(await p.http('PUT', `${BO}/services/${serviceId}`, { action: 'RESUME' }), 200);
    subs = ok(await p.http('GET', `${BO}/contacts/${contact}/subscriptions`), 200);
    assert.equal(subs.content[0].state, 'ACTIVE');

    // churn: cancel the subscription → CHURNED; its services CANCELLED
    ok(await p.http('PUT', `${BO}/subscriptions/${subs.content[0].id}`, { action: 'CANCEL' }), 200, `${SS}/subscriptions/{id}`, 'PUT');
    subs = ok(await p.http('GET', `${BO}/contacts/${contact}/subscriptions?state=CHURNED`), 200);
    assert.equal(subs.content.length, 1);
    assert.deepEqual([subs.content[0].active_services, subs.content[0].trial_services], [0, 0]);
    const services = ok(await p.http('GET', `${BO}/contacts/${contact}/services`), 200);
    assert.deepEqual(
      services.content.map((s: Body) => s.state),
      ['CANCELLED'],
    );
    const history = ok(await p.http('GET', `${BO}/contacts/${contact}/subscriptions/actions`), 200, `${SS}/contacts/{id}/subscriptions/actions`);
    assert.deepEqual(
      history.content.map((a: Body) => `${a.business_classification_code}:${a.state}`),
      ['CANCEL:EXECUTED', 'RESUME_SERVICE:EXECUTED', 'PAUSE_SERVICE:EXECUTED', 'PAUSE_SERVICE:CANCELLED', 'ADD_SERVICE_AS_EFFECTIVE:EXECUTED'],
    );
    // a churned contact subscribing again opens a new subscription
    ok(await p.http('POST', `${BO}/contacts/${contact}/services`, { services: [{ product_id: 'prod-tv' }] }), 201);
    subs = ok(await p.http('GET', `${BO}/contacts/${contact}/subscriptions`), 200);
    assert.deepEqual(
      subs.content.map((s: Body) => s.state),
      ['CHURNED', 'ACTIVE'],
    );
  });

  it('CHANGE swaps the service for a new one, and a contract blocks CANCEL', async () => {
    const contact = await newContact();
    const [{ id: serviceId }] = ok(
      await p.http('POST', `${BO}/contacts/${contact}/services`, {
        services: [{ product_id: 'prod-basic', contract_period: { duration: 1, uot: 'YEAR' } }],
      }),
      201,
    ) as unknown as [{ id: string }];
    const inContract = await p.http('PUT', `${BO}/services/${serviceId}`, { action: 'CANCEL' });
    assert.equal(inContract.status, 409, inContract.text);
    ok(
      await p.http('PUT', `${BO}/services/${serviceId}`, {
        action: 'CHANGE',
        change_to_service: { product_id: 'prod-premium', price_terms_id: 't2' },
        quantity: 2,
      }),
      200,
    );
    const services = ok(await p.http('GET', `${BO}/contacts/${contact}/services`), 200);
    assert.deepEqual(
      services.content.map((s: Body) => `${s.product.id}:${s.state}:${s.terms.quantity}`),
      ['prod-basic:SWAPPED:1', 'prod-premium:EFFECTIVE:2'],
    );
    const missing = await p.http('PUT', `${BO}/services/${serviceId}`, { action: 'CHANGE' });
    assert.equal(missing.status, 400, missing.text);
    assert.equal(missing.body.field, 'change_to_service');
  });

  it('refuses bad input with a 400 naming the field, unknown records with a 404, and writes nothing', async () => {
    const contact = await newContact();
    const bad = async (body: Body, field: string) => {
      const r = await p.http('POST', `${BO}/contacts/${contact}/services`, body);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.field, field, r.text);
    };
    await bad({ services: [] }, 'services');
    await bad({ services: [{ product_id: 'p', quantity: 0 }] }, 'services.0.quantity');
    await bad({ services: [{ product_id: 'p', trial_period: { duration: 1, uot: 'FORTNIGHT' } }] }, 'services.0.trial_period.uot');
    await bad({ services: [{ product_id: 'p' }], scheduled_date: 1 }, 'scheduled_date');
    await bad({ services: [{ product_id: 'p' }], colour: 'red' }, 'colour');
    const subs = ok(await p.http('GET', `${BO}/contacts/${contact}/subscriptions?include_total=true`), 200);
    assert.equal(subs.paging.total, 0, 'no partial writes');
    assert.equal(
      (await p.http('POST', `${BO}/contacts/00000000-0000-4000-8000-000000000000/services`, { services: [{ product_id: 'p' }] })).status,
      404,
    );
    assert.equal((await p.http('PUT', `${BO}/services/00000000-0000-4000-8000-000000000000`, { action: 'PAUSE' })).status, 404);
    assert.equal((await p.http('PUT', `${BO}/services/not-an-id`, { action: 'PAUSE' })).status, 404);
    assert.equal((await p.http('GET', `${BO}/subscriptions/00000000-0000-4000-8000-000000000000`)).status, 404);
    assert.equal((await p.http('GET', `${BO}/subscriptions/actions/00000000-0000-4000-8000-000000000000`)).status, 404);
    const badDay = await p.http('PUT', `${BO}/subscriptions/00000000-0000-4000-8000-000000000000`, {
      action: 'CHANGE_BILLING_DAY',
      billing_day: { day_of_month: 31 },
    });
    assert.equal(badDay.status, 400, badDay.text);
    assert.equal(badDay.body.field, 'billing_day.day_of_month');
    const noFilter = await p.http('GET', `${BO}/subscriptions/actions`);
    assert.equal(noFilter.status, 400, noFilter.text);
  });

  it('keeps tenants apart, and needs subscriptions.write to change', async () => {
    const contact = await newContact();
    const [{ id: serviceId }] = ok(
      await p.http('POST', `${BO}/contacts/${contact}/services`, { services: [{ product_id: 'p' }] }),
      201,
    ) as unknown as [{ id: string }];
    const sub = ok(await p.http('GET', `${BO}/contacts/${contact}/subscriptions`), 200).content[0];
    const other = { 'x-dev-tenant': `${p.tenant}-other` };
    assert.equal((await p.http('GET', `${BO}/subscriptions/${sub.id}`, undefined, other)).status, 404);
    assert.equal((await p.http('GET', `${BO}/contacts/${contact}/services`, undefined, other)).status, 404);
    assert.equal((await p.http('PUT', `${BO}/services/${serviceId}`, { action: 'PAUSE' }, other)).status, 404);
    assert.equal((await p.http('PUT', `${BO}/subscriptions/${sub.id}`, { action: 'CANCEL' }, other)).status, 404);
    const list = ok(await p.http('GET', `${BO}/subscriptions?include_total=true`, undefined, other), 200);
    assert.equal(list.paging.total, 0);
    const readOnly = await p.http('PUT', `${BO}/services/${serviceId}`, { action: 'PAUSE' }, { 'x-dev-principal': 'user:subscriptions.read' });
    assert.equal(readOnly.status, 403, readOnly.text);
    const stillEffective = ok(await p.http('GET', `${BO}/contacts/${contact}/services`), 200);
    assert.equal(stillEffective.content[0].state, 'EFFECTIVE');
  });
});
