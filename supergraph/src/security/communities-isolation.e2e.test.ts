import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';
import { eventually } from '../testing/eventually';

const BO = '/backoffice/v2';
const SS = '/self-service/v2';

/**
 * Communities (contacts domain) across tenants, contacts and roles: another tenant or another
 * contact sees and changes nothing of an owner's community, a role without the permission is
 * refused, and bodies cannot set what the server decides (state, owner, member, ids).
 */
describe('communities isolation: people, invitations, allowances and switch across tenants, contacts and roles', () => {
  let p: TestPlatform;
  let owner: string;
  let member: string;
  let stranger: string;
  let rid: string;
  const other = () => ({ 'x-dev-tenant': `${p.tenant}-other` });
  const contact = (id: string) => ({ 'x-dev-principal': `contact:${id}` });

  before(async () => {
    p = await startTestPlatform('communities-isolation-e2e');
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
    member = await mk('Member');
    stranger = await mk('Stranger');
    const invited = await p.http('POST', `${SS}/contacts/${owner}/people`, { email: 'member@example.test', group: 'Home' }, contact(owner));
    assert.equal(invited.status, 201, invited.text);
    rid = invited.body.id;
    await eventually('the invitation in the read model', async () => (await p.http('GET', `${BO}/contacts/${owner}/people/${rid}`)).status === 200);
  });
  after(async () => {
    await p?.stop();
  });

  it('another tenant neither sees nor changes the community, nor answers the invitation', async () => {
    const o = other();
    assert.deepEqual((await p.http('GET', `${BO}/contacts/${owner}/people`, undefined, o)).body.content, []);
    assert.equal((await p.http('GET', `${BO}/contacts/${owner}/people/${rid}`, undefined, o)).status, 404);
    assert.deepEqual((await p.http('GET', `${SS}/contacts/${owner}/people`, undefined, { ...o, ...contact(owner) })).body.content, []);
    assert.equal(
      (await p.http('POST', `${SS}/contacts/${member}/people/${rid}/actions`, { action: 'ACCEPT' }, { ...o, ...contact(member) })).status,
      404,
    );
    assert.equal((await p.http('PUT', `${SS}/contacts/${owner}/people/${rid}`, { is_admin: true }, { ...o, ...contact(owner) })).status, 404);
    assert.equal((await p.http('DELETE', `${BO}/contacts/${owner}/people/${rid}`, undefined, o)).status, 404);
    // an owner of the other tenant cannot invite this tenant's contacts (its own contact does not exist there)
    assert.equal(
      (await p.http('POST', `${SS}/contacts/${owner}/people`, { email: 'stranger@example.test' }, { ...o, ...contact(owner) })).status,
      404,
    );
    assert.equal(
      (await p.http('GET', `${SS}/contacts/community/members?owner_id=${owner}&group=Home`, undefined, { ...o, ...contact(member) })).status,
      404,
    );
    assert.equal((await p.http('POST', `${SS}/contacts/${owner}/switch`, undefined, { ...o, ...contact(member) })).status, 404);
    const still = (await p.http('GET', `${BO}/contacts/${owner}/people/${rid}`)).body;
    assert.deepEqual([still.state, still.is_admin], ['PENDING', false]);
  });

  it('another contact neither sees nor changes the owner’s people, nor answers for the invitee', async () => {
    const them = contact(stranger);
    for (const [method, path, body] of [
      ['GET', `${SS}/contacts/${owner}/people`, undefined],
      ['GET', `${SS}/contacts/${owner}/people/${rid}`, undefined],
      ['PUT', `${SS}/contacts/${owner}/people/${rid}`, { is_admin: true }],
      ['DELETE', `${SS}/contacts/${owner}/people/${rid}`, undefined],
      ['GET', `${SS}/contacts/${owner}/groups`, undefined],
      ['PUT', `${SS}/contacts/${owner}/groups/Home`, { name: 'Mine' }],
      [
        'POST',
        `${SS}/contacts/${owner}/people/${rid}/products_allowance`,
        { products_allowance: [{ item_type: 'PRODUCT', item_id: 'x', cash_limits: { per_day: 1 } }] },
      ],
      ['GET', `${SS}/contacts/${owner}/people/${rid}/remaining_products_allowance`, undefined],
      ['POST', `${SS}/contacts/${stranger}/people/${rid}/actions`, { action: 'ACCEPT' }],
      ['POST', `${SS}/contacts/${member}/people/${rid}/actions`, { action: 'ACCEPT' }],
      ['GET', `${SS}/contacts/${member}/communities`, undefined],
      ['DELETE', `${SS}/contacts/${member}/communities/${owner}`, undefined],
      ['GET', `${SS}/contacts/community/members?owner_id=${owner}&group=Home`, undefined],
      ['POST', `${SS}/contacts/${owner}/switch`, undefined],
      ['POST', `${SS}/contacts/${owner}/people`, { email: 'stranger@example.test' }],
    ] as const) {
      const r = await p.http(method, path, body, them);
      assert.equal(r.status, 404, `${method} ${path}: ${r.text}`);
    }
    // and the owner cannot answer its own invitation for the invitee
    assert.equal((await p.http('POST', `${SS}/contacts/${owner}/people/${rid}/actions`, { action: 'ACCEPT' }, contact(owner))).status, 404);
    const still = (await p.http('GET', `${BO}/contacts/${owner}/people/${rid}`)).body;
    assert.deepEqual([still.state, still.is_admin, still.group], ['PENDING', false, 'Home']);
  });

  it('roles: reading needs contacts.read, changing contacts.write; a contact cannot use the back office on others', async () => {
    assert.equal((await p.http('GET', `${BO}/contacts/${owner}/people`, undefined, { 'x-dev-principal': 'user:contacts.read' })).status, 200);
    assert.equal((await p.http('GET', `${BO}/contacts/${owner}/people`, undefined, { 'x-dev-principal': 'user:engagement.read' })).status, 403);
    assert.equal(
      (await p.http('DELETE', `${BO}/contacts/${owner}/people/${rid}`, undefined, { 'x-dev-principal': 'user:contacts.read' })).status,
      403,
    );
    assert.equal((await p.http('GET', `${BO}/contacts/${owner}/people`, undefined, contact(stranger))).status, 404);
    // a user or key is no contact: it cannot switch
    assert.equal((await p.http('POST', `${SS}/contacts/${owner}/switch`, undefined, { 'x-dev-principal': 'user:contacts.read' })).status, 403);
  });

  it('mass assignment: state, owner, member and ids are the server’s', async () => {
    const me = contact(owner);
    for (const body of [
      { email: 'stranger@example.test', state: 'ACCEPTED' },
      { email: 'stranger@example.test', owner_id: stranger },
      { email: 'stranger@example.test', member_id: stranger },
      { email: 'stranger@example.test', id: rid },
    ]) {
      const r = await p.http('POST', `${SS}/contacts/${owner}/people`, body, me);
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    }
    for (const body of [{ state: 'ACCEPTED' }, { member_id: stranger }, { owner_id: stranger }]) {
      const r = await p.http('PUT', `${SS}/contacts/${owner}/people/${rid}`, body, me);
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    }
    const allowance = await p.http(
      'POST',
      `${SS}/contacts/${owner}/people/${rid}/products_allowance`,
      { products_allowance: [{ id: rid, item_type: 'PRODUCT', item_id: 'x', cash_limits: { per_day: 1 } }] },
      me,
    );
    assert.equal(allowance.status, 400, allowance.text);
    const still = (await p.http('GET', `${BO}/contacts/${owner}/people/${rid}`)).body;
    assert.deepEqual([still.state, still.contact.id, still.usage_allowance.products_allowance], ['PENDING', member, []]);
    assert.deepEqual((await p.http('GET', `${BO}/contacts/${owner}/people`)).body.content.length, 1);
  });
});
