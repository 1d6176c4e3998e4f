import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';
import { eventually } from '../testing/eventually';

const BO = '/backoffice/v2';
const SS = '/self-service/v2';

/**
 * The engagement domain's communications (and approval requests) across tenants, contacts and
 * roles: another tenant or another contact sees and changes nothing, a role without the
 * permission is refused, and bodies cannot set what the server decides.
 */
describe('engagement isolation: communications and approval requests across tenants, contacts and roles', () => {
  let p: TestPlatform;
  let owner: string;
  let stranger: string;
  let inbox: string;
  const other = () => ({ 'x-dev-tenant': `${p.tenant}-other` });
  const contact = (id: string) => ({ 'x-dev-principal': `contact:${id}` });

  before(async () => {
    p = await startTestPlatform('engagement-isolation-e2e');
    const mk = async (name: string) => {
      const r = await p.http('POST', `${BO}/contacts`, {
        contact_type: 'PERSON',
        first_name: name,
        last_name: 'Iso',
        email: `${name.toLowerCase()}@example.test`,
      });
      assert.equal(r.status, 201, r.text);
      return r.body.id as string;
    };
    owner = await mk('Owner');
    stranger = await mk('Stranger');
    const sent = await eventually('an in-app message to the owner (its contact known to engagement)', async () => {
      const r = await p.http('POST', `${BO}/communications`, {
        name: 'Hello',
        channel: 'INAPP',
        language: 'ENG',
        contact_id: owner,
        content: 'Hi {{first_name}}',
      });
      return r.status === 201 ? r : null;
    });
    inbox = sent.body.id;
    await eventually('the message in the read model', async () => (await p.http('GET', `${BO}/communications/${inbox}`)).status === 200);
  });
  after(async () => {
    await p?.stop();
  });

  it('another tenant neither sees nor changes a communication, nor sends to the tenant’s contacts', async () => {
    assert.equal((await p.http('GET', `${BO}/communications/${inbox}`, undefined, other())).status, 404);
    assert.deepEqual((await p.http('GET', `${BO}/communications?contact_id=${owner}`, undefined, other())).body.content, []);
    assert.equal(
      (await p.http('PUT', `${SS}/communications/${inbox}/actions`, { viewed: true, archived: true }, { ...other(), ...contact(owner) })).status,
      404,
    );
    assert.equal((await p.http('GET', `${SS}/communications/${inbox}`, undefined, { ...other(), ...contact(owner) })).status, 404);
    const send = await p.http(
      'POST',
      `${BO}/communications`,
      { name: 'x', channel: 'INAPP', language: 'ENG', contact_id: owner, content: 'y' },
      other(),
    );
    assert.deepEqual([send.status, send.body.field], [400, 'contact_id'], send.text);
    const unchanged = (await p.http('GET', `${BO}/communications/${inbox}`)).body;
    assert.deepEqual([unchanged.is_viewed, unchanged.is_archived], [false, false]);
  });

  it('another contact neither sees nor marks the owner’s communications', async () => {
    const them = contact(stranger);
    assert.equal((await p.http('GET', `${SS}/communications/${inbox}`, undefined, them)).status, 404);
    assert.equal((await p.http('GET', `${SS}/contacts/${owner}/communications`, undefined, them)).status, 404);
    assert.equal((await p.http('PUT', `${SS}/communications/${inbox}/actions`, { viewed: true, archived: null }, them)).status, 404);
    assert.deepEqual((await p.http('GET', `${SS}/contacts/${stranger}/communications`, undefined, them)).body.content, []);
    // through the back office's routes a contact still sees only its own, and cannot send
    assert.equal((await p.http('GET', `${BO}/communications/${inbox}`, undefined, them)).status, 404);
    assert.deepEqual((await p.http('GET', `${BO}/communications?contact_id=${owner}`, undefined, them)).body.content, []);
    assert.equal(
      (await p.http('POST', `${BO}/communications`, { name: 'x', channel: 'INAPP', language: 'ENG', contact_id: owner, content: 'y' }, them)).status,
      403,
    );
    assert.equal((await p.http('GET', `${SS}/communications/${inbox}`, undefined, contact(owner))).status, 200);
  });

  it('roles: reading needs engagement.read, sending engagement.write, templates engagement.manage', async () => {
    const reader = { 'x-dev-principal': 'user:engagement.read' };
    const writer = { 'x-dev-principal': 'user:engagement.write' };
    const unrelated = { 'x-dev-principal': 'user:contacts.read' };
    assert.equal((await p.http('GET', `${BO}/communications/${inbox}`, undefined, reader)).status, 200);
    assert.equal((await p.http('GET', `${BO}/communications/${inbox}`, undefined, unrelated)).status, 403);
    const body = { name: 'x', channel: 'INAPP', language: 'ENG', contact_id: owner, content: 'y' };
    assert.equal((await p.http('POST', `${BO}/communications`, body, reader)).status, 403);
    assert.equal((await p.http('POST', `${BO}/communications`, body, writer)).status, 201);
    const template = { trigger: 'CONTACT_REGISTERED', channel: 'INAPP', language: 'ENG', name: 'W', content: 'Hi' };
    assert.equal((await p.http('POST', `${BO}/communication_templates`, template, writer)).status, 403);
    assert.equal((await p.http('POST', `${BO}/communication_templates`, template, { 'x-dev-principal': 'user:engagement.manage' })).status, 201);
  });

  it('mass assignment: state, delivery record and ids in a body are refused, nothing written', async () => {
    const before = (await p.http('GET', `${BO}/communications?include_total=true`)).body.paging.total;
    for (const extra of [
      { state: 'COMPLETED' },
      { attempts: 0 },
      { id: '00000000-0000-4000-8000-000000000001' },
      { trigger: 'CONTACT_REGISTERED' },
      { sender: 'ceo@example.test' },
    ]) {
      const r = await p.http('POST', `${BO}/communications`, {
        name: 'x',
        channel: 'INAPP',
        language: 'ENG',
        contact_id: owner,
        content: 'y',
        ...extra,
      });
      assert.equal(r.status, 400, `${JSON.stringify(extra)} → ${r.text}`);
    }
    const action = await p.http('PUT', `${SS}/communications/${inbox}/actions`, { viewed: true, archived: null, state: 'REJECTED' }, contact(owner));
    assert.deepEqual([action.status, action.body.field], [400, 'state'], action.text);
    assert.equal((await p.http('GET', `${BO}/communications?include_total=true`)).body.paging.total, before);
    assert.equal((await p.http('GET', `${BO}/communications/${inbox}`)).body.state, 'COMPLETED');
  });

  it('approval requests: another tenant or contact sees and decides nothing; roles; mass assignment', async () => {
    const created = await p.http('POST', `${BO}/approval_requests`, { contact_id: owner, entity: { type: 'ORDERS', id: 'o-iso' } });
    assert.equal(created.status, 201, created.text);
    const { id, accept_token: token } = created.body as { id: string; accept_token: string };
    // another tenant
    assert.equal((await p.http('GET', `${BO}/approval_requests/${id}`, undefined, other())).status, 404);
    assert.equal(
      (await p.http('POST', `${SS}/approval_requests/${id}/actions`, { action: 'ACCEPT' }, { ...other(), ...contact(owner) })).status,
      404,
    );
    assert.equal((await p.http('GET', `${SS}/approval_requests/accept/${token}`, undefined, { ...other(), ...contact(owner) })).status, 404);
    const foreign = await p.http('POST', `${BO}/approval_requests`, { contact_id: owner, entity: { type: 'ORDERS', id: 'o-x' } }, other());
    assert.deepEqual([foreign.status, foreign.body.field], [400, 'contact_id'], foreign.text);
    // another contact
    assert.equal((await p.http('GET', `${SS}/contacts/${owner}/approval_requests`, undefined, contact(stranger))).status, 404);
    assert.equal((await p.http('POST', `${SS}/approval_requests/${id}/actions`, { action: 'REJECT' }, contact(stranger))).status, 404);
    assert.equal((await p.http('GET', `${BO}/approval_requests/${id}`, undefined, contact(stranger))).status, 404);
    // roles
    assert.equal(
      (
        await p.http(
          'POST',
          `${BO}/approval_requests`,
          { contact_id: owner, entity: { type: 'ORDERS', id: 'o-r' } },
          { 'x-dev-principal': 'user:engagement.read' },
        )
      ).status,
      403,
    );
    assert.equal((await p.http('GET', `${BO}/approval_requests/${id}`, undefined, { 'x-dev-principal': 'user:contacts.read' })).status, 403);
    assert.equal(
      (await p.http('POST', `${BO}/approval_requests`, { contact_id: owner, entity: { type: 'ORDERS', id: 'o-c' } }, contact(owner))).status,
      403,
    );
    // mass assignment: the state and the decision are the server's
    for (const extra of [{ state: 'APPROVED' }, { id }, { comments: 'pre-approved' }]) {
      const r = await p.http('POST', `${BO}/approval_requests`, { contact_id: owner, entity: { type: 'ORDERS', id: 'o-m' }, ...extra });
      assert.equal(r.status, 400, `${JSON.stringify(extra)} → ${r.text}`);
    }
    const extraAction = await p.http('POST', `${SS}/approval_requests/${id}/actions`, { action: 'ACCEPT', state: 'REJECTED' }, contact(owner));
    assert.deepEqual([extraAction.status, extraAction.body.field], [400, 'state'], extraAction.text);
    const pending = await eventually('the request in the read model', async () => {
      const r = await p.http('GET', `${BO}/approval_requests/${id}`);
      return r.status === 200 ? r.body : null;
    });
    assert.equal(pending.state, 'PENDING', 'nothing above decided it');
  });
});
