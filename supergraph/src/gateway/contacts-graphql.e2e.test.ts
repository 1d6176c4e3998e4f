import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signPrincipal } from '@crm/platform/auth';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';
import { defineContactCustomFields } from '../testing/custom-fields';

const FIELDS = `id code type firstName lastName companyName displayName email version tags createdAt updatedAt
  phones { id type countryCode number isPrimary }
  addresses { id type addressLine1 townCity countryCode isPrimary isBilling }`;

const CREATE = `mutation Create($input: CreateContactInput!, $key: String) {
  createContact(input: $input, idempotencyKey: $key) { contact { ${FIELDS} } consistencyToken errors { code reason field message } } }`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateContactInput!) {
  updateContact(id: $id, input: $input) { contact { ${FIELDS} } consistencyToken errors { code reason field message } } }`;
const GET = `query Get($id: ID!) { contact(id: $id) { ${FIELDS} } }`;
const LIST = `query List($filter: ContactFilter, $sort: ContactSort, $first: Int, $after: String, $offset: Int, $total: Boolean! = false) {
  contacts(filter: $filter, sort: $sort, first: $first, after: $after, offset: $offset, includeTotal: $total) {
    totalCount nodes { id code displayName tags } edges { cursor } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;

type Gql = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[]; extensions?: Record<string, any> };

describe('contacts through the gateway (GraphQL)', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform('contacts-graphql');
    // contacts carry only the custom fields their tenant defined (settings)
    await defineContactCustomFields(p, [{ key: 'n' }]);
  });
  after(async () => {
    await p?.stop();
  });

  async function create(input: Record<string, unknown>, headers?: Record<string, string>, key?: string) {
    const r = await p.graphql<Gql>(CREATE, { input, key }, headers);
    assert.equal(r.status, 200, r.text);
    return r.body.data?.['createContact'] as { contact: any; consistencyToken: string; errors: any[] };
  }

  async function read(id: string, token?: string, headers: Record<string, string> = {}) {
    const r = await p.graphql<Gql>(GET, { id }, { ...headers, ...(token ? { 'x-consistency-token': token } : {}) });
    assert.equal(r.status, 200, r.text);
    return r.body;
  }

  it('shows the caller its own write at once and a token-carrying query sees it too', async () => {
    const created = await create({
      type: 'PERSON',
      firstName: ' Ada ',
      lastName: 'Lovelace',
      email: 'ADA@Example.com',
      phones: [{ type: 'MOBILE', countryCode: 'CYP', number: '+357 99-123 456' }],
      addresses: [{ type: 'HOME', addressLine1: '1 Main St', townCity: 'Nicosia', countryCode: 'CYP' }],
      tags: ['vip', 'VIP', 'gold'],
    });
    assert.deepEqual(created.errors, []);
    const c = created.contact;
    assert.equal(c.displayName, 'Ada Lovelace');
    assert.equal(c.email, 'ada@example.com');
    assert.equal(c.version, 1);
    assert.equal(c.phones[0].number, '35799123456');
    assert.equal(c.phones[0].isPrimary, true);
    assert.equal(c.addresses[0].isPrimary, true);
    assert.deepEqual(c.tags, ['vip', 'gold']);
    assert.match(created.consistencyToken, new RegExp(`^contact:${c.id}:1$`));

    const got = await read(c.id, created.consistencyToken);
    assert.equal(got.data.contact.id, c.id);
    assert.equal(got.data.contact.version, 1);
    assert.equal(got.extensions?.['freshness']?.consistent, true);
    const byCode = await read(c.code, created.consistencyToken);
    assert.equal(byCode.data.contact.id, c.id);
  });

  it('updates only what changed, bumps the version, and reads back by token', async () => {
    const { contact } = await create({ type: 'PERSON', firstName: 'Grace', lastName: 'Hopper' });
    const r = await p.graphql<Gql>(UPDATE, { id: contact.id, input: { lastName: 'Murray Hopper', email: 'grace@navy.mil' } });
    const u = r.body.data?.['updateContact'];
    assert.deepEqual(u.errors, []);
    assert.equal(u.contact.version, 2);
    assert.equal(u.contact.displayName, 'Grace Murray Hopper');
    const same = await p.graphql<Gql>(UPDATE, { id: contact.id, input: { lastName: 'Murray Hopper' } });
    assert.equal(same.body.data?.['updateContact'].contact.version, 2, 'a no-op update does not create a version');
    const got = await read(contact.id, u.consistencyToken);
    assert.equal(got.data.contact.email, 'grace@navy.mil');
  });

  it('rejects invalid input naming the field, and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'PERSON', firstName: 'A', email: 'not-an-email' }, 'email'],
      [{ type: 'PERSON', firstName: 'A', phones: [{ type: 'MOBILE', countryCode: 'CYP', number: '12' }] }, 'phones.0.number'],
      [{ type: 'PERSON', firstName: 'x'.repeat(101) }, 'firstName'],
      [{ type: 'COMPANY', firstName: 'No company name' }, 'companyName'],
      [{ type: 'PERSON', firstName: 'A', demographics: { dateOfBirth: { year: 1990, month: 2, day: 30 } } }, 'demographics.dateOfBirth'],
      [{ type: 'PERSON', firstName: 'A', code: 'bad code!' }, 'code'],
      [{ type: 'PERSON', firstName: 'A', languageCode: 'english' }, 'languageCode'],
    ];
    for (const [input, field] of cases) {
      const r = await create(input);
      assert.equal(r.contact, null);
      assert.equal(r.errors[0].code, 'VALIDATION', JSON.stringify(r.errors));
      assert.ok(r.errors[0].field.startsWith(field), `${field} vs ${r.errors[0].field}`);
    }
    // wrong enum, wrong type, unknown (privileged) field: GraphQL validation, nothing executes
    for (const input of [
      { type: 'ROBOT', firstName: 'A' },
      { type: 'PERSON', firstName: 42 },
      { type: 'PERSON', firstName: 'A', tenantId: 'other' },
      { type: 'PERSON', firstName: 'A', version: 7 },
      { type: 'PERSON', firstName: 'A', phones: [{ type: 'MOBILE', countryCode: 'XXX', number: '99123456' }] },
    ]) {
      const r = await p.graphql<Gql>(CREATE, { input });
      assert.ok(r.status >= 400 && r.status < 500, `${r.status} ${r.text}`);
      assert.ok(r.body.errors?.length, r.text);
    }
    const list = await p.graphql<Gql>(LIST, { filter: { search: 'no company name' } });
    assert.equal(list.body.data?.['contacts'].nodes.length, 0);
  });

  it('treats a duplicate code in a tenant as a conflict, not a crash', async () => {
    const code = `C-${Date.now()}`;
    const first = await create({ type: 'PERSON', firstName: 'One', code });
    assert.deepEqual(first.errors, []);
    const second = await create({ type: 'PERSON', firstName: 'Two', code: code.toLowerCase() });
    assert.equal(second.contact, null);
    assert.equal(second.errors[0].code, 'CONFLICT');
    assert.equal(second.errors[0].reason, 'CONTACT_CODE_TAKEN');
    assert.equal(second.errors[0].field, 'code');
    // the same code is free in another tenant
    const other = await create({ type: 'PERSON', firstName: 'Three', code }, { 'x-dev-tenant': `${p.tenant}_b` });
    assert.deepEqual(other.errors, []);
  });

  it('returns the first result for a repeated idempotency key, and refuses the key for another request', async () => {
    const key = `idem-${Date.now()}-abc`;
    const a = await create({ type: 'PERSON', firstName: 'Idem', lastName: 'Potent' }, undefined, key);
    const b = await create({ type: 'PERSON', firstName: 'Idem', lastName: 'Potent' }, undefined, key);
    assert.equal(a.contact.id, b.contact.id);
    const c = await create({ type: 'PERSON', firstName: 'Other' }, undefined, key);
    assert.equal(c.errors[0].code, 'CONFLICT');
    assert.equal(c.errors[0].reason, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('manages tags and addresses with one primary and one billing address', async () => {
    const { contact } = await create({ type: 'COMPANY', companyName: 'Acme Ltd' });
    const tags = await p.graphql<Gql>(
      `mutation($id: ID!) { setContactTags(id: $id, tags: ["b2b", "key account"]) { contact { tags version } errors { code } } }`,
      { id: contact.id },
    );
    assert.deepEqual(tags.body.data?.['setContactTags'].contact.tags, ['b2b', 'key account']);
    const add = `mutation($id: ID!, $a: AddressInput!) { addContactAddress(contactId: $id, input: $a) { address { id isPrimary isBilling } contact { addresses { id isPrimary isBilling } } errors { code field } } }`;
    const first = (await p.graphql<Gql>(add, { id: contact.id, a: { type: 'BUSINESS', addressLine1: 'HQ' } })).body.data?.['addContactAddress'];
    assert.equal(first.address.isPrimary, true, 'the first address becomes primary');
    const second = (await p.graphql<Gql>(add, { id: contact.id, a: { type: 'BUSINESS', addressLine1: 'Depot', isPrimary: true, isBilling: true } }))
      .body.data?.['addContactAddress'];
    const flags = second.contact.addresses.map((a: any) => [a.isPrimary, a.isBilling]);
    assert.deepEqual(flags, [
      [false, false],
      [true, true],
    ]);
    const remove = `mutation($id: ID!, $a: ID!) { removeContactAddress(contactId: $id, addressId: $a) { contact { addresses { id } version } consistencyToken errors { code reason } } }`;
    const refused = (await p.graphql<Gql>(remove, { id: contact.id, a: second.address.id })).body.data?.['removeContactAddress'];
    assert.equal(refused.errors[0].code, 'CONFLICT');
    const removed = (await p.graphql<Gql>(remove, { id: contact.id, a: first.address.id })).body.data?.['removeContactAddress'];
    assert.equal(removed.contact.addresses.length, 1);
    const got = await read(contact.id, removed.consistencyToken);
    assert.deepEqual(
      got.data.contact.addresses.map((a: any) => a.id),
      [second.address.id],
    );
    const missing = (await p.graphql<Gql>(remove, { id: contact.id, a: '00000000-0000-0000-0000-000000000000' })).body.data?.['removeContactAddress'];
    assert.equal(missing.errors[0].code, 'NOT_FOUND');
  });

  it('unregisters a contact: gone from reads and lists, further commands are NOT_FOUND, the code is free again', async () => {
    const { contact } = await create({ type: 'PERSON', firstName: 'Temp', code: `TMP-${Date.now()}` });
    const del = await p.graphql<Gql>(`mutation($id: ID!) { unregisterContact(id: $id) { id consistencyToken errors { code } } }`, {
      id: contact.code,
    });
    const d = del.body.data?.['unregisterContact'];
    assert.equal(d.id, contact.id);
    const got = await read(contact.id, d.consistencyToken);
    assert.equal(got.data.contact, null);
    const list = await p.graphql<Gql>(LIST, { filter: { code: contact.code } }, { 'x-consistency-token': d.consistencyToken });
    assert.equal(list.body.data?.['contacts'].nodes.length, 0);
    const upd = await p.graphql<Gql>(UPDATE, { id: contact.id, input: { firstName: 'Back' } });
    assert.equal(upd.body.data?.['updateContact'].errors[0].code, 'NOT_FOUND');
    const again = await create({ type: 'PERSON', firstName: 'Reuse', code: contact.code });
    assert.deepEqual(again.errors, []);
  });

  it('isolates tenants: another tenant can neither read, list, nor change a contact', async () => {
    const { contact, consistencyToken } = await create({ type: 'PERSON', firstName: 'Secret', lastName: 'Agent', code: `SEC-${Date.now()}` });
    const other = { 'x-dev-tenant': `${p.tenant}_other` };
    await read(contact.id, consistencyToken); // projected for its own tenant
    assert.equal((await read(contact.id, undefined, other)).data.contact, null);
    assert.equal((await read(contact.code, undefined, other)).data.contact, null);
    const list = await p.graphql<Gql>(LIST, { filter: { search: 'secret' } }, other);
    assert.equal(list.body.data?.['contacts'].nodes.length, 0);
    const upd = await p.graphql<Gql>(UPDATE, { id: contact.id, input: { firstName: 'Hacked' } }, other);
    assert.equal(upd.body.data?.['updateContact'].errors[0].code, 'NOT_FOUND');
    const del = await p.graphql<Gql>(`mutation($id: ID!) { unregisterContact(id: $id) { errors { code } } }`, { id: contact.id }, other);
    assert.equal(del.body.data?.['unregisterContact'].errors[0].code, 'NOT_FOUND');
    const mine = await read(contact.id);
    assert.equal(mine.data.contact.firstName, 'Secret');
    assert.equal(mine.data.contact.version, 1);
  });

  it('lets a contact principal see and change only itself', async () => {
    const me = (await create({ type: 'PERSON', firstName: 'Me' })).contact;
    const them = (await create({ type: 'PERSON', firstName: 'Them' })).contact;
    const asMe = { 'x-dev-principal': `contact:${me.id}` };
    const mine = await p.graphql<Gql>(UPDATE, { id: me.id, input: { lastName: 'Myself' } }, asMe);
    assert.deepEqual(mine.body.data?.['updateContact'].errors, []);
    assert.equal((await read(me.id, mine.body.data?.['updateContact'].consistencyToken, asMe)).data.contact.lastName, 'Myself');
    assert.equal((await read(them.id, undefined, asMe)).data.contact, null);
    const theirs = await p.graphql<Gql>(UPDATE, { id: them.id, input: { lastName: 'Owned' } }, asMe);
    assert.equal(theirs.body.data?.['updateContact'].errors[0].code, 'NOT_FOUND');
    const list = await p.graphql<Gql>(LIST, {}, asMe);
    assert.equal(list.body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN');
    const tags = await p.graphql<Gql>(`mutation($id: ID!) { setContactTags(id: $id, tags: ["x"]) { errors { code } } }`, { id: me.id }, asMe);
    assert.equal(tags.body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN');
    assert.equal((await read(them.id)).data.contact.lastName, null, 'nothing changed');
  });

  it('enforces permissions: read-only users cannot write, anonymous callers must authenticate', async () => {
    const readOnly = { 'x-dev-principal': 'user:contacts.read' };
    const w = await p.graphql<Gql>(CREATE, { input: { type: 'PERSON', firstName: 'Nope' } }, readOnly);
    assert.equal(w.body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN');
    const r = await p.graphql<Gql>(LIST, {}, readOnly);
    assert.ok(r.body.data?.['contacts']);
    const anon = await p.graphql<Gql>(LIST, {}, { 'x-dev-principal': 'anonymous' });
    assert.equal(anon.body.errors?.[0]?.extensions?.['code'], 'UNAUTHENTICATED');
    const bad = await p.graphql<Gql>(LIST, {}, { 'x-dev-principal': 'root' });
    assert.equal(bad.status, 401);
  });

  it('rejects direct subgraph calls without a valid gateway-signed principal', async () => {
    for (const url of [p.contactsRead.http!.url, p.contactsWrite.http.url]) {
      const body = JSON.stringify({ query: '{ __typename }' });
      const none = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assert.equal(none.status, 401);
      const forged = signPrincipal({ tenantId: p.tenant, kind: 'user', subjectId: 'x', permissions: ['*'] }, 'a'.repeat(40));
      const bad = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-crm-principal': forged }, body });
      assert.equal(bad.status, 401);
    }
  });

  it('filters, sorts and pages the contact list', async () => {
    const tag = `batch${Date.now()}`;
    const written: string[] = [];
    for (let i = 0; i < 23; i++) {
      const c = await create({
        type: 'PERSON',
        firstName: `Pager${String(i).padStart(2, '0')}`,
        lastName: 'Test',
        tags: [tag, i % 2 ? 'odd' : 'even'],
      });
      written.push(c.consistencyToken);
    }
    // one token per aggregate written: the list waits until all of them are projected
    const tokens = { 'x-consistency-token': written.join(',') };
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const r: { body: Gql } = await p.graphql<Gql>(
        LIST,
        { filter: { tags: [tag] }, sort: { field: 'NAME', direction: 'ASC' }, first: 10, after, total: true },
        tokens,
      );
      const conn: any = r.body.data?.['contacts'];
      assert.equal(conn.totalCount, 23);
      seen.push(...conn.nodes.map((n: any) => n.displayName));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    assert.equal(seen.length, 23);
    assert.deepEqual(seen, [...seen].sort());
    const page3 = await p.graphql<Gql>(LIST, { filter: { tags: [tag] }, sort: { field: 'NAME', direction: 'ASC' }, first: 10, offset: 20 }, tokens);
    assert.equal(page3.body.data?.['contacts'].nodes.length, 3);
    assert.equal(page3.body.data?.['contacts'].pageInfo.hasNextPage, false);
    const search = await p.graphql<Gql>(LIST, { filter: { search: 'pager07' } });
    assert.equal(search.body.data?.['contacts'].nodes.length, 1);
    const future = await p.graphql<Gql>(LIST, { filter: { tags: [tag], createdFrom: new Date(Date.now() + 60_000).toISOString() } });
    assert.equal(future.body.data?.['contacts'].nodes.length, 0);
    const tooBig = await p.graphql<Gql>(LIST, { first: 1000 });
    assert.equal(tooBig.body.errors?.[0]?.extensions?.['code'], 'VALIDATION');
  });

  it('serialises concurrent updates of one contact without losing any', async () => {
    const { contact } = await create({ type: 'PERSON', firstName: 'Busy' });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        p.graphql<Gql>(
          `mutation($id: ID!, $f: [CustomFieldInput!]) { updateContact(id: $id, input: { customFields: $f }) { contact { version } errors { code reason } } }`,
          {
            id: contact.id,
            f: [{ key: 'n', value: String(i) }],
          },
        ),
      ),
    );
    const ok = results.filter((r) => r.body.data?.['updateContact']?.errors.length === 0);
    const conflicts = results.filter((r) => r.body.data?.['updateContact']?.errors[0]?.reason === 'VERSION_CONFLICT');
    assert.equal(ok.length + conflicts.length, 8, JSON.stringify(results.map((r) => r.body)));
    const versions = ok.map((r) => r.body.data?.['updateContact'].contact.version as number);
    assert.equal(new Set(versions).size, versions.length, 'every successful write got its own version');
  });

  it('refuses hostile queries before they reach a resolver', async () => {
    const deep = `{ contacts { nodes { addresses { id } } ${'edges { node { '.repeat(6)} id ${'} } '.repeat(6)} } }`;
    const d = await p.graphql<Gql>(deep);
    assert.ok(d.body.errors?.length, 'depth limit');
    const aliases = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: contact(id: "x")  { id }`).join(' ')} }`;
    const a = await p.graphql<Gql>(aliases);
    assert.ok(
      a.body.errors?.some((e) => /alias/i.test(e.message)),
      a.text,
    );
    const big = await p.http('POST', '/graphql', { query: `{ contact(id: "${'x'.repeat(300_000)}") { id } }` });
    assert.equal(big.status, 413);
    const csrf = await p.http('POST', '/graphql', 'query { __typename }', { 'content-type': 'text/plain' });
    assert.equal(csrf.status, 400);
    const malformed = await p.http('POST', '/graphql', '{"query": "{ contacts { ', {});
    assert.equal(malformed.status, 400);
    for (const r of [d, a, big, csrf, malformed]) assert.ok(!/at .*\.js:\d+/.test(r.text), 'no stack traces');
  });
});
