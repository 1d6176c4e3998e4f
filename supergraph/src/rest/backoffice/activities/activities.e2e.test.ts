import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';

const BO = '/backoffice/v2';

/** Activities over REST: created on a service request (for its contact), listed, updated, completed once; tenants apart. */
describe('activities end to end (REST → gateway → engagement-write → bus → engagement-read)', () => {
  let p: TestPlatform;
  let contactId: string;
  let requestId: string;

  before(async () => {
    p = await startTestPlatform('engagement-activities-e2e');
    const contact = await p.http('POST', `${BO}/contacts`, { contact_type: 'PERSON', first_name: 'Task', last_name: 'Owner' });
    assert.equal(contact.status, 201, contact.text);
    contactId = contact.body.id;
    const queue = await p.http('POST', `${BO}/queues`, { name: 'Field', stages: [{ name: 'Open' }, { name: 'Done', is_closing: true }] });
    assert.equal(queue.status, 201, queue.text);
    const raised = await p.http('POST', `${BO}/service_requests`, { contact_id: contactId, queue_id: queue.body.id, description: 'Install' });
    assert.equal(raised.status, 201, raised.text);
    requestId = raised.body.id;
  });
  after(async () => {
    await p?.stop();
  });

  it('creates a pending activity on a service request for its contact, lists it, reschedules it, completes it once', async () => {
    const team = await p.http('POST', `${BO}/teams`, { name: 'Installers' });
    const created = await p.http('POST', `${BO}/activities`, {
      name: 'Visit the customer',
      due_date: 1_900_000_000,
      assigned_to: { team_id: team.body.id },
      linked_to: [{ type: 'SERVICE_REQUEST', id: requestId }],
    });
    assert.equal(created.status, 201, created.text);
    const id = created.body.id as string;
    const read = await p.http('GET', `${BO}/activities/${id}`);
    assert.equal(read.status, 200, read.text);
    assert.deepEqual(
      { ...read.body, created_date: 0, updated_date: 0 },
      {
        id,
        name: 'Visit the customer',
        state: 'PENDING',
        due_date: 1_900_000_000,
        linked_to: [
          { type: 'CONTACT', id: contactId },
          { type: 'SERVICE_REQUEST', id: requestId },
        ],
        assigned_to: { team: { id: team.body.id } },
        created_date: 0,
        updated_date: 0,
      },
    );
    const listed = await p.http('GET', `${BO}/activities?service_request_id=${requestId}&states=PENDING&include_total=true`);
    assert.deepEqual([listed.body.paging.total, listed.body.content[0].id], [1, id], listed.text);

    assert.equal((await p.http('PUT', `${BO}/activities/${id}`, { due_date: 1_900_086_400, description: 'Bring a ladder' })).status, 200);
    const done = await p.http('PUT', `${BO}/activities/${id}`, { state: 'COMPLETED' });
    assert.equal(done.status, 200, done.text);
    const after = (await p.http('GET', `${BO}/activities/${id}`)).body;
    assert.deepEqual(
      [after.state, after.due_date, after.description, typeof after.closed_date],
      ['COMPLETED', 1_900_086_400, 'Bring a ladder', 'number'],
    );
    const again = await p.http('PUT', `${BO}/activities/${id}`, { state: 'CANCELLED' });
    assert.equal(again.status, 409, again.text);
    assert.equal((await p.http('GET', `${BO}/activities?states=PENDING&contact_id=${contactId}`)).body.content.length, 0);
  });

  it('refuses bad input naming the field, and keeps tenants apart', async () => {
    const noLink = await p.http('POST', `${BO}/activities`, { name: 'x', linked_to: [] });
    assert.deepEqual([noLink.status, noLink.body.field], [400, 'linked_to'], noLink.text);
    const unknownRequest = await p.http('POST', `${BO}/activities`, {
      name: 'x',
      linked_to: [{ type: 'SERVICE_REQUEST', id: '00000000-0000-4000-8000-000000000000' }],
    });
    assert.deepEqual([unknownRequest.status, unknownRequest.body.field], [400, 'linked_to'], unknownRequest.text);
    const badState = await p.http('PUT', `${BO}/activities/00000000-0000-4000-8000-000000000000`, { state: 'DONE' });
    assert.deepEqual([badState.status, badState.body.field], [400, 'state'], badState.text);
    assert.equal((await p.http('GET', `${BO}/activities/nope`)).status, 404);

    const created = await p.http('POST', `${BO}/activities`, { name: 'Mine', linked_to: [{ type: 'CONTACT', id: contactId }] });
    assert.equal(created.status, 201, created.text);
    const other = { 'x-dev-tenant': `${p.tenant}-other` };
    assert.equal((await p.http('GET', `${BO}/activities/${created.body.id}`, undefined, other)).status, 404);
    assert.equal((await p.http('PUT', `${BO}/activities/${created.body.id}`, { state: 'CANCELLED' }, other)).status, 404);
    assert.deepEqual((await p.http('GET', `${BO}/activities?contact_id=${contactId}`, undefined, other)).body.content, []);
    const otherRequest = await p.http('POST', `${BO}/activities`, { name: 'x', linked_to: [{ type: 'SERVICE_REQUEST', id: requestId }] }, other);
    assert.deepEqual([otherRequest.status, otherRequest.body.field], [400, 'linked_to'], otherRequest.text);
    assert.equal((await p.http('GET', `${BO}/activities/${created.body.id}`)).body.state, 'PENDING', 'unchanged by the other tenant');
  });
});
