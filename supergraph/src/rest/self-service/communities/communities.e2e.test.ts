import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../../../testing/test-platform';
import { assertRestAnswer, exactCall } from '../../../testing/rest-client';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';
import { eventually } from '../../../testing/eventually';

const SS = '/self-service/v2';
const PASSWORD = 'Correct-Horse-Battery-9';
const FAMILY = 'c0a1e1a7-0000-4000-8000-000000000001';
type Body = Record<string, any>;
interface Me {
  id: string;
  headers: Record<string, string>;
}

/**
 * Communities end to end (flow 18 without the switch): an owner invites a contact by email, the
 * invitee finds and accepts the invitation, the owner changes its grants, groups and product
 * allowances, the member sees its community and shared devices and leaves. Every Self-Service
 * answer is validated against the contract.
 */
describe('communities (REST → contacts-write → bus → contacts-read) against the contract', () => {
  let p: TestPlatform;
  let t: { publicApiKey: string; secretApiKey: string };
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
  function refused(r: HttpResult<any>, status: number, field?: string): void {
    assert.equal(r.status, status, r.text);
    if (field) assert.equal(r.body.field, field, r.text);
  }
  async function signUp(first: string, email: string): Promise<Me> {
    const r = await call(
      'POST',
      `${SS}/contacts/register`,
      { first_name: first, last_name: 'Doe', identification: { provider: 'EMAIL', email, password: PASSWORD } },
      { api_key: t.publicApiKey },
    );
    assert.equal(r.status, 201, r.text);
    return { id: r.body.contact.id as string, headers: { api_key: t.publicApiKey, authorization: `Bearer ${r.body.access_token}` } };
  }
  /** Signs up and waits until the contacts domain has the contact (an invitation finds live contacts only). */
  async function contact(first: string, email: string): Promise<Me> {
    const me = await signUp(first, email);
    await eventually(`contact ${email} exists`, async () => (await call('GET', `${SS}/contacts/${me.id}`, undefined, me.headers)).status === 200);
    return me;
  }

  let ada: Me;
  let bob: Me;
  let eve: Me;

  before(async () => {
    p = await startTestPlatform('rest-communities');
    t = await p.identityWrite.createTenant({
      name: 'Family Shop',
      ownerEmail: 'owner@family.example',
      ownerPassword: PASSWORD,
      applicationName: 'Family App',
    });
    [ada, bob, eve] = await Promise.all([
      contact('Ada', 'ada@family.example'),
      contact('Bob', 'bob@family.example'),
      contact('Eve', 'eve@family.example'),
    ]);
  });
  after(async () => {
    await p?.stop();
  });

  it('relations: the organisation’s relations, Family the default, filtered by name', async () => {
    const all = ok(
      await call('GET', `${SS}/communities/relations?order=ASC&include_total=true`, undefined, ada.headers),
      'GET',
      `${SS}/communities/relations`,
      200,
    );
    assert.deepEqual(all.content[0], { id: FAMILY, name: 'Family', is_default: true });
    assert.equal(all.paging.total, 6);
    const spouse = ok(await call('GET', `${SS}/communities/relations?name=spou`, undefined, ada.headers), 'GET', `${SS}/communities/relations`, 200);
    assert.deepEqual(
      spouse.content.map((r: Body) => r.name),
      ['Spouse'],
    );
  });

  it('flow 18: invite by email, the invitee accepts once, the owner sees a member; strangers see nothing', async () => {
    const invitation = {
      email: 'BOB@family.example',
      relation_id: FAMILY,
      group: 'Home',
      permissions: ['ORDERS_MANAGEMENT'],
      devices: ['stb-1'],
      wallet_sharing: { is_enabled: true, method: 'AUTO', max_amount: 50.5 },
      usage_allowance: { accumulated_allowance: { cash_limits: { per_day: 20 } } },
    };
    // bad input first: nothing written
    refused(await call('POST', `${SS}/contacts/${ada.id}/people`, { ...invitation, email: 'nobody@family.example' }, ada.headers), 400, 'phone');
    refused(
      await call(
        'POST',
        `${SS}/contacts/${ada.id}/people`,
        { ...invitation, wallet_sharing: { is_enabled: true, method: 'SOMETIMES' } },
        ada.headers,
      ),
      400,
    );
    refused(
      await call('POST', `${SS}/contacts/${ada.id}/people`, { ...invitation, relation_id: '9d3c2a35-0000-4000-8000-000000000000' }, ada.headers),
      400,
      'relation_id',
    );
    refused(await call('POST', `${SS}/contacts/${ada.id}/people`, { ...invitation, email: 'ada@family.example' }, ada.headers), 400, 'phone');
    refused(await call('POST', `${SS}/contacts/${ada.id}/people`, { ...invitation, owner_id: eve.id }, ada.headers), 400);
    // a contact invites into its own community only
    refused(await call('POST', `${SS}/contacts/${eve.id}/people`, invitation, ada.headers), 404);

    const rid = ok(await call('POST', `${SS}/contacts/${ada.id}/people`, invitation, ada.headers), 'POST', `${SS}/contacts/{id}/people`, 201)
      .id as string;
    refused(await call('POST', `${SS}/contacts/${ada.id}/people`, invitation, ada.headers), 409);

    const people = ok(
      await call('GET', `${SS}/contacts/${ada.id}/people?include_devices=true`, undefined, ada.headers),
      'GET',
      `${SS}/contacts/{id}/people`,
      200,
    );
    assert.equal(people.content.length, 1);
    assert.deepEqual(
      { ...people.content[0], contact: { id: people.content[0].contact.id, email: people.content[0].contact.email } },
      {
        id: rid,
        relation: { id: FAMILY, name: 'Family' },
        group: 'Home',
        is_admin: false,
        permissions: ['ORDERS_MANAGEMENT'],
        devices: [{ id: 'stb-1' }],
        contact: { id: bob.id, email: 'bob@family.example' },
        wallet_sharing: { is_enabled: true, commerce_pools: [], method: 'AUTO', max_amount: 50.5 },
        usage_allowance: { accumulated_allowance: { cash_limits: { per_day: 20 } }, same_as_owner: false, organisations: [] },
        state: 'PENDING',
      },
    );

    // the invitee finds the invitation (its communities, and the group's members with the relationship id)
    const pending = await eventually('bob sees the invitation', async () => {
      const r = await call('GET', `${SS}/contacts/${bob.id}/communities`, undefined, bob.headers);
      return r.status === 200 && r.body.content.length === 1 ? r : null;
    });
    const community = ok(pending, 'GET', `${SS}/contacts/{id}/communities`, 200).content[0];
    assert.equal(community.community_owner.id, ada.id);
    assert.equal(community.community_owner.first_name, 'Ada');
    assert.equal(community.state, 'PENDING');
    const members = ok(
      await call('GET', `${SS}/contacts/community/members?owner_id=${ada.id}&group=Home`, undefined, bob.headers),
      'GET',
      `${SS}/contacts/community/members`,
      200,
    );
    assert.deepEqual(
      members.content.map((m: Body) => [m.id, m.is_owner, m.relationship_id ?? null, m.state ?? null]),
      [
        [ada.id, true, null, null],
        [bob.id, false, rid, 'PENDING'],
      ],
    );
    // a stranger sees neither the people nor the members of the group; group is required
    refused(await call('GET', `${SS}/contacts/community/members?owner_id=${ada.id}&group=Home`, undefined, eve.headers), 404);
    refused(await call('GET', `${SS}/contacts/community/members?owner_id=${ada.id}`, undefined, bob.headers), 400, 'group');
    refused(await call('GET', `${SS}/contacts/${ada.id}/people`, undefined, eve.headers), 404);
    refused(await call('GET', `${SS}/contacts/${ada.id}/people/${rid}`, undefined, bob.headers), 404);

    // only the invitee answers, once
    refused(await call('POST', `${SS}/contacts/${eve.id}/people/${rid}/actions`, { action: 'ACCEPT' }, eve.headers), 404);
    refused(await call('POST', `${SS}/contacts/${bob.id}/people/${rid}/actions`, { action: 'MAYBE' }, bob.headers), 400, 'action');
    const answered = ok(
      await call('POST', `${SS}/contacts/${bob.id}/people/${rid}/actions`, { action: 'ACCEPT' }, bob.headers),
      'POST',
      `${SS}/contacts/{id}/people/{relationship_id}/actions`,
      200,
    );
    assert.deepEqual(answered, { id: rid });
    refused(await call('POST', `${SS}/contacts/${bob.id}/people/${rid}/actions`, { action: 'REJECT' }, bob.headers), 409);
    const mine = ok(await call('GET', `${SS}/contacts/${bob.id}/communities`, undefined, bob.headers), 'GET', `${SS}/contacts/{id}/communities`, 200);
    assert.equal(mine.content[0].state, 'ACCEPTED');
    const devices = ok(
      await call('GET', `${SS}/contacts/${bob.id}/communities/devices`, undefined, bob.headers),
      'GET',
      `${SS}/contacts/{id}/communities/devices`,
      200,
    );
    assert.deepEqual(devices.content, [{ community_owner: { id: ada.id, name: 'Ada Doe' }, device: { id: 'stb-1' } }]);
    refused(await call('GET', `${SS}/contacts/${bob.id}/communities/devices`, undefined, eve.headers), 404);

    const accepted = await eventually('ada sees bob accepted', async () => {
      const r = await call('GET', `${SS}/contacts/${ada.id}/people/${rid}`, undefined, ada.headers);
      return r.status === 200 && r.body.state === 'ACCEPTED' ? r : null;
    });
    ok(accepted, 'GET', `${SS}/contacts/{id}/people/{relationship_id}`, 200);
  });

  it('the owner changes grants, renames a group and manages product allowances; the member leaves', async () => {
    const rid = (
      ok(await call('GET', `${SS}/contacts/${ada.id}/people`, undefined, ada.headers), 'GET', `${SS}/contacts/{id}/people`, 200).content as Body[]
    ).find((x) => x.contact.id === bob.id)!.id as string;

    refused(await call('PUT', `${SS}/contacts/${ada.id}/people/${rid}`, { permissions: ['EVERYTHING'] }, ada.headers), 400, 'permissions.0');
    refused(await call('PUT', `${SS}/contacts/${ada.id}/people/${rid}`, { is_admin: true }, bob.headers), 404);
    ok(
      await call(
        'PUT',
        `${SS}/contacts/${ada.id}/people/${rid}`,
        {
          permissions: ['FULL_ACCESS'],
          group: 'Family',
          termed_transfer: { active: true, amount: 10, currency_code: 'EUR', schedule: { frequency: 'MONTHLY', day_of_month: 1 } },
        },
        ada.headers,
      ),
      'PUT',
      `${SS}/contacts/{id}/people/{relationship_id}`,
      200,
    );
    const changed = ok(
      await call('GET', `${SS}/contacts/${ada.id}/people/${rid}`, undefined, ada.headers),
      'GET',
      `${SS}/contacts/{id}/people/{relationship_id}`,
      200,
    );
    assert.deepEqual([changed.permissions, changed.group, changed.wallet_sharing.max_amount], [['FULL_ACCESS'], 'Family', 50.5]);
    assert.deepEqual(changed.termed_transfer, {
      is_enabled: true,
      amount: 10,
      currency_code: 'EUR',
      schedule: { frequency: 'MONTHLY', day_of_month: 1 },
    });

    assert.deepEqual(ok(await call('GET', `${SS}/contacts/${ada.id}/groups`, undefined, ada.headers), 'GET', `${SS}/contacts/{id}/groups`, 200), {
      groups: ['Family'],
    });
    refused(await call('PUT', `${SS}/contacts/${ada.id}/groups/Nobody`, { name: 'X' }, ada.headers), 404);
    ok(
      await call('PUT', `${SS}/contacts/${ada.id}/groups/Family`, { name: 'Household' }, ada.headers),
      'PUT',
      `${SS}/contacts/{id}/groups/{name}`,
      200,
    );
    assert.deepEqual(ok(await call('GET', `${SS}/contacts/${ada.id}/groups`, undefined, ada.headers), 'GET', `${SS}/contacts/{id}/groups`, 200), {
      groups: ['Household'],
    });
    refused(await call('GET', `${SS}/contacts/${ada.id}/groups`, undefined, eve.headers), 404);

    const base = `${SS}/contacts/${ada.id}/people/${rid}/products_allowance`;
    refused(await call('POST', base, { products_allowance: [{ item_type: 'PRODUCT', item_id: 'coffee' }] }, ada.headers), 400);
    const coffee = ok(
      await call(
        'POST',
        base,
        { products_allowance: [{ item_type: 'PRODUCT', item_id: 'coffee', cash_limits: { per_day: 5, per_transaction: 2.5 } }] },
        ada.headers,
      ),
      'POST',
      `${SS}/contacts/{id}/people/{relationship_id}/products_allowance`,
      201,
    ).id as string;
    refused(
      await call('POST', base, { products_allowance: [{ item_type: 'PRODUCT', item_id: 'coffee', cash_limits: { per_day: 1 } }] }, ada.headers),
      409,
    );
    ok(
      await call('PUT', `${base}/${coffee}`, { usage_limits: { per_day: 2 } }, ada.headers),
      'PUT',
      `${SS}/contacts/{id}/people/{relationship_id}/products_allowance/{product_allowance_id}`,
      204,
    );
    const list = ok(
      await call('GET', `${base}?product_id=coffee`, undefined, ada.headers),
      'GET',
      `${SS}/contacts/{id}/people/{relationship_id}/products_allowance`,
      200,
    );
    assert.deepEqual(list.content, [
      { id: coffee, item_type: 'PRODUCT', item_id: 'coffee', cash_limits: { per_transaction: 2.5, per_day: 5 }, usage_limits: { per_day: 2 } },
    ]);
    const remaining = ok(
      await call('GET', `${SS}/contacts/${ada.id}/people/${rid}/remaining_products_allowance`, undefined, ada.headers),
      'GET',
      `${SS}/contacts/{id}/people/{relationship_id}/remaining_products_allowance`,
      200,
    );
    assert.deepEqual(remaining.content[0].remaining_cash, { per_transaction: 2.5, per_day: 5 });
    refused(await call('GET', base, undefined, bob.headers), 404);
    ok(
      await call('DELETE', `${base}/${coffee}`, undefined, ada.headers),
      'DELETE',
      `${SS}/contacts/{id}/people/{relationship_id}/products_allowance/{product_allowance_id}`,
      204,
    );
    refused(await call('DELETE', `${base}/${coffee}`, undefined, ada.headers), 404);
    assert.deepEqual(
      ok(await call('GET', base, undefined, ada.headers), 'GET', `${SS}/contacts/{id}/people/{relationship_id}/products_allowance`, 200).content,
      [],
    );

    // the member leaves; a stranger cannot make it leave
    refused(await call('DELETE', `${SS}/contacts/${bob.id}/communities/${ada.id}`, undefined, eve.headers), 404);
    ok(
      await call('DELETE', `${SS}/contacts/${bob.id}/communities/${ada.id}`, undefined, bob.headers),
      'DELETE',
      `${SS}/contacts/{id}/communities/{community_owner_id}`,
      204,
    );
    refused(await call('DELETE', `${SS}/contacts/${bob.id}/communities/${ada.id}`, undefined, bob.headers), 404);
    assert.deepEqual(
      ok(await call('GET', `${SS}/contacts/${bob.id}/communities`, undefined, bob.headers), 'GET', `${SS}/contacts/{id}/communities`, 200).content,
      [],
    );
    await eventually('ada no longer lists bob', async () => {
      const r = await call('GET', `${SS}/contacts/${ada.id}/people`, undefined, ada.headers);
      return r.status === 200 && r.body.content.length === 0;
    });

    // invited again, then removed by the owner
    const again = ok(
      await call('POST', `${SS}/contacts/${ada.id}/people`, { email: 'bob@family.example' }, ada.headers),
      'POST',
      `${SS}/contacts/{id}/people`,
      201,
    ).id as string;
    assert.notEqual(again, rid);
    ok(
      await call('DELETE', `${SS}/contacts/${ada.id}/people/${again}`, undefined, ada.headers),
      'DELETE',
      `${SS}/contacts/{id}/people/{relationship_id}`,
      204,
    );
    refused(await call('GET', `${SS}/contacts/${ada.id}/people/${again}`, undefined, ada.headers), 404);

    // nobody has the email: with a `contact` block the invitee is created as a contact
    const newbie = { contact: { first_name: 'Cat', last_name: 'Doe', email_address: 'cat@family.example' } };
    refused(await call('POST', `${SS}/contacts/${ada.id}/people`, { email: 'cat@family.example' }, ada.headers), 400, 'phone');
    const cat = ok(await call('POST', `${SS}/contacts/${ada.id}/people`, newbie, ada.headers), 'POST', `${SS}/contacts/{id}/people`, 201)
      .id as string;
    const catPerson = ok(
      await call('GET', `${SS}/contacts/${ada.id}/people/${cat}`, undefined, ada.headers),
      'GET',
      `${SS}/contacts/{id}/people/{relationship_id}`,
      200,
    );
    assert.equal(catPerson.state, 'PENDING');
    await eventually('cat is a contact with her name', async () => {
      const r = await call('GET', `${SS}/contacts/${ada.id}/people/${cat}`, undefined, ada.headers);
      return r.body.contact?.first_name === 'Cat' && r.body.contact?.email === 'cat@family.example';
    });
    refused(await call('POST', `${SS}/contacts/${ada.id}/people`, newbie, ada.headers), 409);
    ok(
      await call('DELETE', `${SS}/contacts/${ada.id}/people/${cat}`, undefined, ada.headers),
      'DELETE',
      `${SS}/contacts/{id}/people/{relationship_id}`,
      204,
    );
  });

  it('switch: an accepted member with FULL_ACCESS acts as the owner; a narrower grant, a stranger or a pending invitee cannot', async () => {
    const rid = ok(
      await call('POST', `${SS}/contacts/${ada.id}/people`, { email: 'bob@family.example', permissions: ['ORDERS_MANAGEMENT'] }, ada.headers),
      'POST',
      `${SS}/contacts/{id}/people`,
      201,
    ).id as string;
    // pending: no switch yet
    refused(await call('POST', `${SS}/contacts/${ada.id}/switch`, undefined, bob.headers), 404);
    await eventually(
      'bob can answer',
      async () => (await call('POST', `${SS}/contacts/${bob.id}/people/${rid}/actions`, { action: 'ACCEPT' }, bob.headers)).status === 200,
    );
    // ORDERS_MANAGEMENT alone does not allow acting as the owner in full
    await eventually('the acceptance reached the read side', async () => {
      const r = await call('POST', `${SS}/contacts/${ada.id}/switch`, undefined, bob.headers);
      return r.status === 403 ? r : null;
    });
    refused(await call('POST', `${SS}/contacts/${ada.id}/switch`, undefined, eve.headers), 404);
    refused(await call('POST', `${SS}/contacts/${eve.id}/switch`, undefined, bob.headers), 404);
    refused(await call('POST', `${SS}/contacts/${bob.id}/switch`, undefined, bob.headers), 400);

    ok(
      await call('PUT', `${SS}/contacts/${ada.id}/people/${rid}`, { permissions: ['FULL_ACCESS'] }, ada.headers),
      'PUT',
      `${SS}/contacts/{id}/people/{relationship_id}`,
      200,
    );
    const switched = await eventually('bob may switch', async () => {
      const r = await call('POST', `${SS}/contacts/${ada.id}/switch`, undefined, bob.headers);
      return r.status === 200 ? r : null;
    });
    const auth = ok(switched, 'POST', `${SS}/contacts/{id}/switch`, 200);
    assert.equal(auth.contact.id, ada.id);
    assert.equal(auth.contact.first_name, 'Ada');
    assert.equal(auth.initial_contact.id, bob.id);
    // the tokens act as the owner: Ada's profile and people, not Bob's
    const asAda = { api_key: t.publicApiKey, authorization: `Bearer ${auth.access_token}` };
    assert.equal((await call('GET', `${SS}/contacts/${ada.id}`, undefined, asAda)).status, 200);
    refused(await call('GET', `${SS}/contacts/${bob.id}/communities`, undefined, asAda), 404);
    assert.equal(
      ok(await call('GET', `${SS}/contacts/${ada.id}/people`, undefined, asAda), 'GET', `${SS}/contacts/{id}/people`, 200).content[0].id,
      rid,
    );

    // once the member has left, no more switching
    ok(
      await call('DELETE', `${SS}/contacts/${bob.id}/communities/${ada.id}`, undefined, bob.headers),
      'DELETE',
      `${SS}/contacts/{id}/communities/{community_owner_id}`,
      204,
    );
    await eventually(
      'the switch is refused after leaving',
      async () => (await call('POST', `${SS}/contacts/${ada.id}/switch`, undefined, bob.headers)).status === 404,
    );
  });
});
