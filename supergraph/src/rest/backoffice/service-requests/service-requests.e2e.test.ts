import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../../../testing/test-platform';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const BO = '/backoffice/v2';
const SS = '/self-service/v2';

/**
 * Flow 17 over REST (queue → raise with an attachment → assign → start → progress → close → the
 * contact sees it closed), the stage machine's refusals, and isolation between contacts and
 * tenants. Every Self-Service answer is validated against the contract.
 */
describe('service requests end to end (REST → gateway → engagement-write → bus → engagement-read)', () => {
  let p: TestPlatform;
  const validate = loadSelfServiceResponseValidator();
  const ok = <T>(r: HttpResult<T>, method: string, template: string, status: number): T => {
    assert.equal(r.status, status, `${method} ${template}: ${r.text}`);
    assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${template} → ${r.text}`);
    return r.body;
  };
  const as = (contactId: string) => ({ 'x-dev-principal': `contact:${contactId}` });
  let queueId: string;
  let stages: { id: string; name: string; order: number; is_closing: boolean }[];
  let categoryId: string;

  const newContact = async (name: string): Promise<string> => {
    const r = await p.http('POST', `${BO}/contacts`, { contact_type: 'PERSON', first_name: name, last_name: 'Tester' });
    assert.equal(r.status, 201, r.text);
    return r.body.id as string;
  };

  before(async () => {
    p = await startTestPlatform('engagement-service-requests-e2e');
    const q = await p.http('POST', `${BO}/queues`, {
      name: 'Support',
      stages: [{ name: 'Open' }, { name: 'Working' }, { name: 'Resolved', is_closing: true }, { name: 'Rejected', is_closing: true }],
      categories: [{ name: 'Billing', description: 'Invoices' }, { name: 'Network' }],
      default_priority: { urgency: 'HIGH', impact: 'MEDIUM' },
    });
    assert.equal(q.status, 201, q.text);
    queueId = q.body.id;
    const read = await p.http('GET', `${BO}/queues/${queueId}`);
    assert.equal(read.status, 200, read.text);
    stages = read.body.stages;
    categoryId = read.body.categories[0].id;
    assert.deepEqual(
      stages.map((s) => [s.name, s.order, s.is_closing]),
      [
        ['Open', 1, false],
        ['Working', 2, false],
        ['Resolved', 3, true],
        ['Rejected', 4, true],
      ],
    );
    assert.deepEqual(read.body.default_priority, { urgency: 'HIGH', impact: 'MEDIUM', priority: 'HIGH' });
  });
  after(async () => {
    await p?.stop();
  });

  it('flow 17: a contact raises a request with an attachment; the back office assigns, starts, progresses and closes it; the contact sees it closed', async () => {
    const contactId = await newContact('Flow');
    const me = as(contactId);

    // 1. the contact lists the queues and raises a request
    const queues = ok(await p.http('GET', `${SS}/queues`, undefined, me), 'GET', `${SS}/queues`, 200) as any;
    const listed = queues.content.find((c: { id: string }) => c.id === queueId);
    assert.deepEqual(listed.default_priority, { urgency: 'HIGH', impact: 'MEDIUM', priority: 'HIGH' });
    const raised = ok(
      await p.http(
        'POST',
        `${SS}/contacts/${contactId}/service_requests`,
        { description: 'No signal since Monday', queue_id: queueId, categories: [{ id: categoryId }] },
        me,
      ),
      'POST',
      `${SS}/contacts/{id}/service_requests`,
      200,
    ) as { id: string };
    const id = raised.id;

    // 2. an attachment and a note, listed back
    const attached = ok(
      await p.http('POST', `${SS}/service_requests/${id}/attachments`, { file_id: 'file-123', link: null, description: 'router photo' }, me),
      'POST',
      `${SS}/service_requests/{id}/attachments`,
      201,
    ) as { id: string };
    const files = ok(
      await p.http('GET', `${SS}/service_requests/${id}/attachments`, undefined, me),
      'GET',
      `${SS}/service_requests/{id}/attachments`,
      200,
    ) as any;
    assert.deepEqual(files.content, [{ id: attached.id, description: 'router photo', file: { id: 'file-123' } }]);
    ok(await p.http('POST', `${SS}/service_requests/${id}/notes`, { note: 'Still down' }, me), 'POST', `${SS}/service_requests/{id}/notes`, 200);
    const notes = ok(
      await p.http('GET', `${SS}/service_requests/${id}/notes`, undefined, me),
      'GET',
      `${SS}/service_requests/{id}/notes`,
      200,
    ) as any;
    assert.deepEqual(
      notes.content.map((n: { note: string; pinned: boolean; created_by: { id: string } }) => [n.note, n.pinned, n.created_by.id]),
      [['Still down', false, contactId]],
    );

    const fresh = await p.http('GET', `${BO}/service_requests/${id}`);
    assert.equal(fresh.status, 200, fresh.text);
    assert.equal(fresh.body.state, 'NEW');
    assert.equal(fresh.body.stage.name, 'Open');
    assert.deepEqual([fresh.body.urgency, fresh.body.impact, fresh.body.priority], ['HIGH', 'MEDIUM', 'HIGH']);
    assert.deepEqual(fresh.body.categories, [{ id: categoryId, name: 'Billing', description: 'Invoices' }]);
    assert.deepEqual(fresh.body.contact, { id: contactId });
    assert.match(fresh.body.number, /^[0-9]+$/);

    // 3. the back office assigns it to a team and a user of identity
    const team = await p.http('POST', `${BO}/teams`, { name: 'Field support' });
    assert.equal(team.status, 201, team.text);
    const user = await p.http('POST', `${BO}/users`, { email: 'tech@sr.example', password: 'Tech-Password-123', user_roles: [] });
    assert.equal(user.status, 201, user.text);
    const assigned = await p.http('PUT', `${BO}/service_requests/${id}`, { assigned_to: { team_id: team.body.id, user_id: user.body.id } });
    assert.equal(assigned.status, 200, assigned.text);
    const notATeam = await p.http('PUT', `${BO}/service_requests/${id}`, { assigned_to: { team_id: '00000000-0000-4000-8000-000000000000' } });
    assert.deepEqual([notATeam.status, notATeam.body.field], [400, 'assigned_to.team_id'], notATeam.text);
    const mine = await p.http('GET', `${BO}/service_requests?assigned_to_user_id=${user.body.id}&states=NEW`);
    assert.deepEqual(
      mine.body.content.map((r: { id: string }) => r.id),
      [id],
    );
    assert.deepEqual(mine.body.content[0].assigned_to, { team: { id: team.body.id }, user: { id: user.body.id } });

    // START_PROGRESS → IN_PROGRESS; PROGRESS (no stage) → the next stage; PROGRESS with is_resolved → the closing stage, CLOSED
    const act = (body: Record<string, unknown>) => p.http('POST', `${BO}/service_requests/${id}/actions`, body);
    assert.equal((await act({ action: 'START_PROGRESS', stage_id: stages[0]!.id, comment: 'on it' })).status, 200);
    assert.equal((await p.http('GET', `${BO}/service_requests/${id}`)).body.state, 'IN_PROGRESS');
    assert.equal((await act({ action: 'PROGRESS' })).status, 200);
    assert.equal((await p.http('GET', `${BO}/service_requests/${id}`)).body.stage.name, 'Working');
    const closed = await act({ action: 'PROGRESS', is_resolved: true, closing_comment: 'Replaced the router' });
    assert.equal(closed.status, 200, closed.text);
    const final = (await p.http('GET', `${BO}/service_requests/${id}`)).body;
    assert.deepEqual(
      [final.state, final.stage.name, final.is_resolved, final.closing_comment, typeof final.closed_date],
      ['CLOSED', 'Resolved', true, 'Replaced the router', 'number'],
    );

    // 4. the contact sees it among its CLOSED requests, and not among the NEW ones
    const closedList = ok(
      await p.http('GET', `${SS}/contacts/${contactId}/service_requests?states=CLOSED`, undefined, me),
      'GET',
      `${SS}/contacts/{id}/service_requests`,
      200,
    ) as any;
    assert.equal(closedList.content.length, 1);
    assert.deepEqual(
      [closedList.content[0].id, closedList.content[0].is_resolved, closedList.content[0].stage.name, closedList.content[0].comments],
      [id, true, 'Resolved', 'Replaced the router'],
    );
    const newList = ok(
      await p.http('GET', `${SS}/contacts/${contactId}/service_requests?states=NEW&include_total=true`, undefined, me),
      'GET',
      `${SS}/contacts/{id}/service_requests`,
      200,
    ) as any;
    assert.deepEqual([newList.content.length, newList.paging.total], [0, 0]);

    // the history has one line per change, in order
    const history = await p.http('GET', `${BO}/service_requests/${id}/history`);
    assert.deepEqual(
      history.body.content.map((h: { event: string; state: string }) => `${h.event}:${h.state}`),
      [
        'service_request.raised:NEW',
        'service_request.attachment_added:NEW',
        'service_request.note_added:NEW',
        'service_request.assigned:NEW',
        'service_request.progressed:IN_PROGRESS',
        'service_request.progressed:IN_PROGRESS',
        'service_request.progressed:CLOSED',
      ],
    );
    // the contact removes its attachment
    ok(
      await p.http('DELETE', `${SS}/service_requests/${id}/attachments/${attached.id}`, undefined, me),
      'DELETE',
      `${SS}/service_requests/{id}/attachments/{attachment_id}`,
      204,
    );
    const none = ok(
      await p.http('GET', `${SS}/service_requests/${id}/attachments`, undefined, me),
      'GET',
      `${SS}/service_requests/{id}/attachments`,
      200,
    ) as any;
    assert.deepEqual(none.content, []);
  });

  it('refuses with named reasons: progress before start, a stage of another queue, closing without is_resolved, acting on a closed request', async () => {
    const contactId = await newContact('Refusals');
    const raise = () =>
      p.http('POST', `${BO}/service_requests`, { contact_id: contactId, queue_id: queueId, description: 'Slow', urgency: 'LOW', impact: 'LOW' });
    const first = await raise();
    assert.equal(first.status, 201, first.text);
    const second = await raise();
    const [a, b] = [
      (await p.http('GET', `${BO}/service_requests/${first.body.id}`)).body,
      (await p.http('GET', `${BO}/service_requests/${second.body.id}`)).body,
    ];
    assert.equal(Number(b.number), Number(a.number) + 1, 'numbered per tenant, one after the other');
    assert.equal(a.priority, 'LOW');
    const act = (body: Record<string, unknown>) => p.http('POST', `${BO}/service_requests/${a.id}/actions`, body);

    const early = await act({ action: 'PROGRESS' });
    assert.deepEqual([early.status, early.body.error], [409, 'CRM.EXCEPTIONS.CONFLICTEXCEPTION'], early.text);
    const foreign = await act({ action: 'START_PROGRESS', stage_id: '00000000-0000-4000-8000-000000000001' });
    assert.deepEqual([foreign.status, foreign.body.field], [400, 'stage_id'], foreign.text);
    assert.equal((await act({ action: 'START_PROGRESS' })).status, 200);
    const noResolution = await act({ action: 'PROGRESS', stage_id: stages[3]!.id });
    assert.deepEqual([noResolution.status, noResolution.body.field], [400, 'is_resolved'], noResolution.text);
    assert.equal((await act({ action: 'PROGRESS', stage_id: stages[3]!.id, is_resolved: false })).status, 200);
    const again = await act({ action: 'PROGRESS', stage_id: stages[1]!.id });
    assert.equal(again.status, 409, again.text);
    const reassign = await p.http('PUT', `${BO}/service_requests/${a.id}`, { categories: [{ id: categoryId }] });
    assert.equal(reassign.status, 409, reassign.text);

    // bad input: 400 naming the field, nothing written
    const badAction = await act({ action: 'FINISH' });
    assert.deepEqual([badAction.status, badAction.body.field], [400, 'action'], badAction.text);
    const badQueue = await p.http('POST', `${BO}/service_requests`, {
      contact_id: contactId,
      queue_id: '00000000-0000-4000-8000-000000000002',
      description: 'x',
    });
    assert.deepEqual([badQueue.status, badQueue.body.field], [400, 'queue_id'], badQueue.text);
    const noContact = await p.http('POST', `${BO}/service_requests`, {
      contact_id: '00000000-0000-4000-8000-000000000003',
      queue_id: queueId,
      description: 'x',
    });
    assert.deepEqual([noContact.status, noContact.body.field], [400, 'contact_id'], noContact.text);
    const badQueueBody = await p.http('POST', `${BO}/queues`, { name: 'Only open', stages: [{ name: 'A' }, { name: 'B' }] });
    assert.deepEqual([badQueueBody.status, badQueueBody.body.field], [400, 'stages'], badQueueBody.text);
    const dupQueue = await p.http('POST', `${BO}/queues`, { name: 'SUPPORT', stages: [{ name: 'A' }, { name: 'B', is_closing: true }] });
    assert.equal(dupQueue.status, 409, dupQueue.text);
    const badState = await p.http('GET', `${BO}/service_requests?states=DONE`);
    assert.deepEqual([badState.status, badState.body.field], [400, 'states']);
    assert.equal((await p.http('GET', `${BO}/service_requests/not-an-id`)).status, 404);
    assert.equal((await p.http('GET', `${BO}/service_requests/00000000-0000-4000-8000-000000000000`)).status, 404);
  });

  it('serves the same through GraphQL with optional arguments left out, and reads its own writes with the consistency token', async () => {
    const contactId = await newContact('Graph');
    const raised = await p.graphql(
      `mutation($c: ID!, $q: ID!) { raiseServiceRequest(input: { contactId: $c, queueId: $q, description: "Via GraphQL" }) { id consistencyToken errors { field reason } } }`,
      { c: contactId, q: queueId },
    );
    const payload = raised.body.data?.['raiseServiceRequest'];
    assert.deepEqual(payload?.errors, [], raised.text);
    const act = (input: string) =>
      p.graphql(`mutation($id: ID!) { actOnServiceRequest(id: $id, input: ${input}) { consistencyToken errors { field reason } } }`, {
        id: payload.id,
      });
    assert.deepEqual((await act('{ action: START_PROGRESS }')).body.data?.['actOnServiceRequest'].errors, []);
    const moved = (await act('{ action: PROGRESS }')).body.data?.['actOnServiceRequest'];
    assert.deepEqual(moved.errors, []);
    const read = await p.graphql(
      `query($id: ID!) { serviceRequest(id: $id) { state stage { name } priority history { event } } }`,
      { id: payload.id },
      { 'x-consistency-token': moved.consistencyToken },
    );
    assert.deepEqual(read.body.data?.['serviceRequest'], {
      state: 'IN_PROGRESS',
      stage: { name: 'Working' },
      priority: 'HIGH',
      history: [{ event: 'service_request.raised' }, { event: 'service_request.progressed' }, { event: 'service_request.progressed' }],
    });
    const denied = await p.graphql(
      `mutation { createQueue(input: { name: "x", stages: [] }) { id } }`,
      {},
      { 'x-dev-principal': 'user:engagement.write' },
    );
    assert.equal(denied.body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN');
  });

  it('keeps contacts and tenants apart', async () => {
    const owner = await newContact('Owner');
    const stranger = await newContact('Stranger');
    const raised = await p.http('POST', `${SS}/contacts/${owner}/service_requests`, { description: 'Mine', queue_id: queueId }, as(owner));
    assert.equal(raised.status, 200, raised.text);
    const id = raised.body.id as string;
    const them = as(stranger);
    assert.equal((await p.http('GET', `${SS}/contacts/${owner}/service_requests`, undefined, them)).status, 404);
    assert.equal((await p.http('POST', `${SS}/contacts/${owner}/service_requests`, { description: 'For you', queue_id: queueId }, them)).status, 404);
    assert.equal((await p.http('GET', `${SS}/service_requests/${id}/notes`, undefined, them)).status, 404);
    assert.equal((await p.http('POST', `${SS}/service_requests/${id}/notes`, { note: 'hi' }, them)).status, 404);
    assert.equal((await p.http('POST', `${SS}/service_requests/${id}/attachments`, { link: 'https://x.example/a' }, them)).status, 404);
    const theirs = await p.http('GET', `${SS}/contacts/${stranger}/service_requests`, undefined, them);
    assert.deepEqual(theirs.body.content, []);
    // a contact cannot work requests through the back-office routes
    assert.equal((await p.http('POST', `${BO}/service_requests/${id}/actions`, { action: 'START_PROGRESS' }, them)).status, 403);

    const otherTenant = { 'x-dev-tenant': `${p.tenant}-other` };
    assert.equal((await p.http('GET', `${BO}/service_requests/${id}`, undefined, otherTenant)).status, 404);
    assert.equal((await p.http('GET', `${BO}/queues/${queueId}`, undefined, otherTenant)).status, 404);
    assert.deepEqual((await p.http('GET', `${BO}/service_requests`, undefined, otherTenant)).body.content, []);
    assert.equal((await p.http('POST', `${BO}/service_requests/${id}/actions`, { action: 'START_PROGRESS' }, otherTenant)).status, 404);
  });
});
