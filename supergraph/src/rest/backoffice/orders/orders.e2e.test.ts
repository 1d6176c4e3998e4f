import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';

const BO = '/backoffice/v2/orders';

describe('orders domain end to end (REST facade → gateway → orders-write → bus → orders-read)', () => {
  let p: TestPlatform;

  before(async () => {
    p = await startTestPlatform('orders-e2e');
  });
  after(async () => {
    await p?.stop();
  });

  it('creates a order and reads it back at once (read-your-writes through the projection)', async () => {
    const created = await p.http('POST', BO, { name: '  First  ' });
    assert.equal(created.status, 201, created.text);
    const id = (created.body as { id: string }).id;
    const read = await p.http('GET', `${BO}/${id}`);
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body.id, id);
    assert.equal(read.body.name, 'First');
    assert.equal(typeof read.body.created_date, 'number');
  });

  it('answers the same id for a repeated idempotency key, and one order exists', async () => {
    const headers = { 'idempotency-key': 'same-key-1' };
    const first = await p.http('POST', BO, { name: 'Once' }, headers);
    const second = await p.http('POST', BO, { name: 'Once' }, headers);
    assert.equal(first.status, 201, first.text);
    assert.deepEqual(second.body, first.body);
  });

  it('refuses a bad body with a 400 naming the field, and an unknown id with a 404', async () => {
    const empty = await p.http('POST', BO, { name: '   ' });
    assert.equal(empty.status, 400, empty.text);
    assert.equal(empty.body.field, 'name');
    const extra = await p.http('POST', BO, { name: 'ok', colour: 'red' });
    assert.equal(extra.status, 400, extra.text);
    const missing = await p.http('GET', `${BO}/00000000-0000-4000-8000-000000000000`);
    assert.equal(missing.status, 404, missing.text);
  });

  it('keeps tenants apart: another tenant does not see the order', async () => {
    const created = await p.http('POST', BO, { name: 'Mine' });
    const id = (created.body as { id: string }).id;
    const other = await p.http('GET', `${BO}/${id}`, undefined, { 'x-dev-tenant': `${p.tenant}-other` });
    assert.equal(other.status, 404, other.text);
  });

  it('serves the same through GraphQL, with the permission the mutation names', async () => {
    const denied = await p.graphql(`mutation { createOrder(input: { name: "x" }) { id } }`, {}, { 'x-dev-principal': 'user:orders.read' });
    assert.equal(denied.body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN');
    const created = await p.graphql(`mutation { createOrder(input: { name: "Via GraphQL" }) { id consistencyToken errors { field } } }`);
    const payload = created.body.data?.['createOrder'];
    assert.ok(payload?.id, created.text);
    const read = await p.graphql(
      `query($id: ID!) { order(id: $id) { name } }`,
      { id: payload.id },
      { 'x-consistency-token': payload.consistencyToken },
    );
    assert.equal(read.body.data?.['order']?.name, 'Via GraphQL', read.text);
  });
});
