import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../../../testing/test-platform';
import { defineContactCustomFields } from '../../../testing/custom-fields';
import { eventually } from '../../../testing/eventually';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const BO = '/backoffice/v2/contacts';
const SS = '/self-service/v2/contacts';
const SS_CONTACT = '/self-service/v2/contacts/{id}';
const SS_ADDRESSES = '/self-service/v2/contacts/{id}/addresses';
const SS_ADDRESS = '/self-service/v2/contacts/{id}/addresses/{address_id}';

/** Every REST error: a 4xx with `{error: "CRM.EXCEPTIONS.X", message}` (and the field when one is at fault). */
function assertClientError(r: HttpResult, status: number | undefined, field?: string, label = '') {
  if (status === undefined) assert.ok(r.status >= 400 && r.status < 500, `${label}: expected a 4xx, got ${r.status} ${r.text}`);
  else assert.equal(r.status, status, `${label}: ${r.text}`);
  const body = r.body as { error?: unknown; message?: unknown; field?: unknown };
  assert.equal(typeof body?.error, 'string', `${label}: ${r.text}`);
  assert.match(body.error as string, /^CRM\.EXCEPTIONS\.[A-Z]+$/, label);
  assert.equal(typeof body.message, 'string', label);
  assert.ok(!r.text.includes('    at '), `${label}: stack trace leaked`);
  if (field !== undefined) assert.equal(body.field, field, `${label}: ${r.text}`);
}

describe('REST facade for contacts (end to end through the gateway)', () => {
  let p: TestPlatform;
  const validate = loadSelfServiceResponseValidator();

  /** A self-service call whose response is checked against the OpenAPI when it succeeds. */
  async function ss(method: string, template: string, path: string, body?: unknown, headers?: Record<string, string>) {
    const r = await p.http(method, path, body, headers);
    if (r.status < 400)
      assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${path} → ${r.status} ${r.text}`);
    return r;
  }

  async function create(body: Record<string, unknown>, headers?: Record<string, string>): Promise<string> {
    const r = await p.http('POST', BO, body, headers);
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(Object.keys(r.body), ['id']);
    // the creator's own read waits for the projection (read-your-writes), so other callers
    // (e.g. the contact itself) see the contact from here on
    assert.equal((await p.http('GET', `${BO}/${r.body.id}`, undefined, headers)).status, 200);
    return r.body.id as string;
  }

  before(async () => {
    p = await startTestPlatform('rest-contacts');
    // contacts carry only the custom fields their tenant defined (settings)
    await defineContactCustomFields(p, [{ key: 'tier' }]);
  });
  after(async () => {
    await p?.stop();
  });

  it('creates, reads (read-your-writes), updates, tags, lists and deletes through back-office routes', async () => {
    const key = `k-${Date.now()}`;
    const body = {
      contact_type: 'PERSON',
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ADA@example.com',
      phones: [{ phone_type: 'MOBILE', country_code: 'CYP', number: '+357 99 123456', is_primary: true }],
      addresses: [{ address_type: 'HOME', address_line_1: '1 Main St', town_city: 'Nicosia', country_code: 'CYP', lat: 35.17, lon: 33.36 }],
      custom_fields: [{ key: 'tier', value: 'gold' }],
      tags: ['vip'],
      demographics: { gender: 'FEMALE', date_of_birth: { year: 1990, month: 12, day: 10 } },
      language_code: 'EN',
    };
    const id = await create(body, { 'idempotency-key': key });
    // same Idempotency-Key → same contact
    assert.equal(await create(body, { 'idempotency-key': key }), id);

    const got = await p.http('GET', `${BO}/${id}`);
    assert.equal(got.status, 200, got.text);
    const c = got.body;
    assert.equal(c.id, id);
    assert.equal(c.contact_type, 'PERSON');
    assert.equal(c.email_address, 'ada@example.com');
    assert.equal(c.phones[0].number, '35799123456');
    assert.equal(c.addresses[0].address_type, 'HOME');
    assert.deepEqual(c.tags, ['vip']);
    assert.equal(Number.isInteger(c.created_date), true);
    assert.ok(!Object.values(c).includes(null));
    // 32-hex id and the code address the same contact
    assert.equal((await p.http('GET', `${BO}/${id.replace(/-/g, '').toUpperCase()}`)).body.id, id);
    assert.equal((await p.http('GET', `${BO}/${c.code}`)).body.id, id);

    const put = await p.http('PUT', `${BO}/${id}`, { middle_name: 'King', demographics: { name_day: { month: 5, day: 21 } }, sms_opt_out: true });
    assert.equal(put.status, 200, put.text);
    assert.deepEqual(put.body, { id });
    const afterPut = (await p.http('GET', `${BO}/${id}`)).body;
    assert.equal(afterPut.middle_name, 'King');
    assert.equal(afterPut.sms_opt_out, true);
    assert.deepEqual(afterPut.demographics, { gender: 'FEMALE', name_day: { month: 5, day: 21 }, date_of_birth: { year: 1990, month: 12, day: 10 } });

    const tags = await p.http('PUT', `${BO}/${id}/tags`, { tags: ['vip', 'gold'] });
    assert.equal(tags.status, 200, tags.text);
    assert.deepEqual((await p.http('GET', `${BO}/${id}`)).body.tags, ['vip', 'gold']);

    const listed = await p.http('GET', `${BO}?tags=gold&include_total=true&size=5`);
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(listed.body.paging, { page: 1, size: 5, total: 1, has_more: false });
    assert.equal(listed.body.content[0].id, id);
    const noTotal = await p.http('GET', `${BO}?search_value=lovelace`);
    assert.equal(noTotal.status, 200);
    assert.equal('total' in noTotal.body.paging, false);
    assert.equal(noTotal.body.content.length, 1);

    const del = await p.http('DELETE', `${BO}/${id}`);
    assert.equal(del.status, 200, del.text);
    assert.equal(del.text, '');
    assertClientError(await p.http('GET', `${BO}/${id}`), 404, undefined, 'GET after DELETE');
    assertClientError(await p.http('DELETE', `${BO}/${id}`), 404, undefined, 'second DELETE');
  });

  it('serves the self-service contact and address routes exactly per the OpenAPI', async () => {
    const id = await create({
      contact_type: 'PERSON',
      first_name: 'Grace',
      last_name: 'Hopper',
      phones: [{ phone_type: 'LANDLINE', country_code: 'GRC', number: '2101234567' }],
    });
    const me = { 'x-dev-principal': `contact:${id}` };

    const got = await ss('GET', SS_CONTACT, `${SS}/${id}`, undefined, me);
    assert.equal(got.status, 200, got.text);
    assert.equal(got.body.type, 'PERSON');
    assert.deepEqual({ ...got.body.phone, id: undefined }, { id: undefined, type: 'LANDLINE', country_code: 'GRC', number: '2101234567' });
    assert.equal('middle_name' in got.body, false);

    const put = await ss(
      'PUT',
      SS_CONTACT,
      `${SS}/${id}`,
      { email: 'grace@example.com', phone: { type: 'MOBILE', country_code: 'CYP', number: '99555111' }, demographics: { gender: 'FEMALE' } },
      me,
    );
    assert.equal(put.status, 200, put.text);
    assert.deepEqual(put.body, { id });
    const after = await ss('GET', SS_CONTACT, `${SS}/${id}`, undefined, me);
    assert.equal(after.body.email, 'grace@example.com');
    assert.equal(after.body.phone.number, '99555111');
    assert.deepEqual(after.body.demographics, { gender: 'FEMALE' });
    // the old primary phone was replaced, no other phone existed
    assert.equal((await p.http('GET', `${BO}/${id}`)).body.phones.length, 1);

    const empty = await ss('GET', SS_ADDRESSES, `${SS}/${id}/addresses`, undefined, me);
    assert.equal(empty.status, 200, empty.text);
    assert.deepEqual(empty.body, { paging: { page: 1, size: 100, has_more: false }, content: [] });

    const added = await ss(
      'POST',
      SS_ADDRESSES,
      `${SS}/${id}/addresses`,
      { type: 'HOME', address_line_1: '2 Side St', country_code: 'CYP', is_primary: true, lat: 35.1, lon: 33.3 },
      me,
    );
    assert.equal(added.status, 201, added.text);
    const addressId = added.body.id as string;
    const second = await ss(
      'POST',
      SS_ADDRESSES,
      `${SS}/${id}/addresses`,
      { address_type: 'BUSINESS', address_line_1: '9 Work Rd', is_billing_address: true },
      me,
    );
    assert.equal(second.status, 201, second.text);

    const list = await ss('GET', SS_ADDRESSES, `${SS}/${id}/addresses`, undefined, me);
    assert.equal(list.body.content.length, 2);
    const home = list.body.content.find((a: { id: string }) => a.id === addressId);
    assert.deepEqual(
      { ...home, id: undefined },
      {
        id: undefined,
        type: 'HOME',
        is_primary: true,
        is_billing_address: false,
        address_line_1: '2 Side St',
        country_code: 'CYP',
        lat: 35.1,
        lon: 33.3,
      },
    );

    const replaced = await ss(
      'PUT',
      SS_ADDRESS,
      `${SS}/${id}/addresses/${addressId.replace(/-/g, '')}`,
      { type: 'ALTERNATIVE', address_line_1: '3 New St', is_primary: true },
      me,
    );
    assert.equal(replaced.status, 200, replaced.text);
    assert.deepEqual(replaced.body, { id: addressId });
    const paged = await ss('GET', SS_ADDRESSES, `${SS}/${id}/addresses?size=1&page=1&include_total=true`, undefined, me);
    assert.deepEqual(paged.body.paging, { page: 1, size: 1, total: 2, has_more: true });

    const removed = await ss('DELETE', SS_ADDRESS, `${SS}/${id}/addresses/${second.body.id}`, undefined, me);
    assert.equal(removed.status, 200, removed.text);
    assert.equal(removed.text, '');
    const final = await ss('GET', SS_ADDRESSES, `${SS}/${id}/addresses`, undefined, me);
    assert.deepEqual(
      final.body.content.map((a: { id: string; type: string; address_line_1: string }) => [a.id, a.type, a.address_line_1]),
      [[addressId, 'ALTERNATIVE', '3 New St']],
    );

    // a contact sees only itself
    const other = await create({ contact_type: 'COMPANY', company_name: 'Other Ltd' });
    assertClientError(await p.http('GET', `${SS}/${other}`, undefined, me), 404, undefined, 'other contact');

    const del = await ss('DELETE', SS_CONTACT, `${SS}/${id}`, undefined, me);
    assert.equal(del.status, 200, del.text);
    assertClientError(await p.http('GET', `${SS}/${id}`, undefined, me), 404, undefined, 'self GET after DELETE');
  });

  it('answers every bad request with a 4xx {error,message} and changes nothing', async () => {
    const id = await create({
      contact_type: 'PERSON',
      first_name: 'Alan',
      last_name: 'Turing',
      code: `AT-${Date.now()}`,
      addresses: [{ address_type: 'HOME', address_line_1: '1 Bletchley' }],
    });
    // the ledger opens the contact's wallet asynchronously (contact.created → wallet opened → the
    // contact view shows it): wait for it, so the snapshot changes only if a bad request changed it
    const before = await eventually('the contact to show its wallet', async () => {
      const read = (await p.http('GET', `${BO}/${id}`)).body;
      return read?.wallet ? read : null;
    });
    const countBefore = (await p.http('GET', `${BO}?include_total=true`)).body.paging.total;
    const addressId = before.addresses[0].id as string;
    const missing = '0df9936c-7d5f-a878-4c05-9b942aa14295';
    const person = { contact_type: 'PERSON', first_name: 'X' };
    const text = { 'content-type': 'text/plain' };

    type Case = [
      label: string,
      method: string,
      path: string,
      body: unknown,
      status: number | undefined,
      field?: string,
      headers?: Record<string, string>,
    ];
    const cases: Case[] = [
      ['malformed JSON', 'POST', BO, '{"contact_type":', 400],
      ['invalid UTF-8', 'POST', BO, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 400],
      ['__proto__ key', 'POST', BO, '{"contact_type":"PERSON","__proto__":{"admin":true}}', 400, '__proto__'],
      ['constructor key', 'POST', BO, '{"contact_type":"PERSON","first_name":"A","constructor":{}}', 400],
      ['body over the limit', 'POST', BO, JSON.stringify({ ...person, middle_name: 'x'.repeat(1_100_000) }), 413],
      ['wrong content type', 'POST', BO, JSON.stringify(person), 415, undefined, text],
      ['JSON array body', 'POST', BO, '[]', 400],
      ['empty body', 'POST', BO, '', 400],
      ['unknown field', 'POST', BO, { ...person, nickname: 'x' }, 400, 'nickname'],
      ['wrong type', 'POST', BO, { ...person, first_name: 42 }, 400, 'first_name'],
      ['bad contact_type', 'POST', BO, { ...person, contact_type: 'ROBOT' }, 400, 'contact_type'],
      ['missing contact_type', 'POST', BO, { first_name: 'X' }, 400, 'contact_type'],
      ['both email spellings', 'POST', BO, { ...person, email: 'a@b.co', email_address: 'a@b.co' }, 400, 'email'],
      [
        'bad country',
        'POST',
        BO,
        { ...person, phones: [{ phone_type: 'MOBILE', country_code: 'ZZZ', number: '99123456' }] },
        400,
        'phones.0.country_code',
      ],
      [
        'bad phone number (domain)',
        'POST',
        BO,
        { ...person, phones: [{ phone_type: 'MOBILE', country_code: 'CYP', number: 'call me' }] },
        400,
        'phones.0.number',
      ],
      ['bad email (domain)', 'POST', BO, { ...person, email_address: 'not-an-email' }, 400, 'email_address'],
      ['nameless person (domain)', 'POST', BO, { contact_type: 'PERSON' }, 400, 'last_name'],
      ['taken code (domain)', 'POST', BO, { ...person, code: before.code }, 409, 'code'],
      ['bad Idempotency-Key', 'POST', BO, person, 400, 'Idempotency-Key', { 'idempotency-key': 'has space' }],
      ['query on POST', 'POST', `${BO}?x=1`, person, 400, 'x'],
      ['PUT immutable type', 'PUT', `${BO}/${id}`, { contact_type: 'COMPANY' }, 400, 'contact_type'],
      ['PUT tags in profile', 'PUT', `${BO}/${id}`, { tags: ['a'] }, 400, 'tags'],
      [
        'PUT bad month',
        'PUT',
        `${BO}/${id}`,
        { demographics: { date_of_birth: { year: 1990, month: 13, day: 1 } } },
        400,
        'demographics.date_of_birth.month',
      ],
      [
        'PUT future birthday (domain)',
        'PUT',
        `${BO}/${id}`,
        { demographics: { date_of_birth: { year: 2999, month: 1, day: 1 } } },
        400,
        'demographics.date_of_birth.year',
      ],
      ['PUT id mismatch', 'PUT', `${BO}/${id}`, { id: missing, first_name: 'Y' }, 400, 'id'],
      ['PUT unknown contact', 'PUT', `${BO}/${missing}`, { first_name: 'Y' }, 404],
      ['PUT empty body', 'PUT', `${BO}/${id}`, '', 400],
      ['PUT clears the only name (domain)', 'PUT', `${BO}/${id}`, { first_name: null, last_name: null }, 400, 'last_name'],
      ['tags not an array', 'PUT', `${BO}/${id}/tags`, { tags: 'vip' }, 400, 'tags'],
      ['invalid tag (domain)', 'PUT', `${BO}/${id}/tags`, { tags: ['!!!'] }, 400, 'tags.0'],
      ['list size too big', 'GET', `${BO}?size=1000`, undefined, 400, 'size'],
      ['list bad sort', 'GET', `${BO}?sort=AGE`, undefined, 400, 'sort'],
      ['list bad date', 'GET', `${BO}?created_on[gte]=yesterday`, undefined, 400, 'created_on[gte]'],
      ['list unknown parameter', 'GET', `${BO}?colour=red`, undefined, 400, 'colour'],
      ['unknown method', 'PATCH', `${BO}/${id}`, { first_name: 'Y' }, 405],
      ['path segment too long', 'GET', `${BO}/${'a'.repeat(101)}`, undefined, 400, 'id'],
      ['unknown contact', 'GET', `${BO}/${missing}`, undefined, 404],
      ['SS phone type', 'PUT', `${SS}/${id}`, { phone: { type: 'PAGER', country_code: 'CYP', number: '99123456' } }, 400, 'phone.type'],
      ['SS read-only field', 'PUT', `${SS}/${id}`, { referral_code: 'FREE' }, 400, 'referral_code'],
      ['SS bad email (domain)', 'PUT', `${SS}/${id}`, { email: 'nope' }, 400, 'email'],
      ['SS phone without number', 'PUT', `${SS}/${id}`, { phone: { type: 'MOBILE' } }, 400, 'phone.country_code'],
      ['address without line 1', 'POST', `${SS}/${id}/addresses`, { type: 'HOME' }, 400, 'address_line_1'],
      ['address bad type', 'POST', `${SS}/${id}/addresses`, { type: 'CASTLE', address_line_1: 'x' }, 400, 'type'],
      ['address bad country', 'POST', `${SS}/${id}/addresses`, { type: 'HOME', address_line_1: 'x', country_code: 'XX' }, 400, 'country_code'],
      ['address latitude (domain)', 'POST', `${SS}/${id}/addresses`, { type: 'HOME', address_line_1: 'x', lat: 200 }, 400, 'lat'],
      ['address unknown field', 'POST', `${SS}/${id}/addresses`, { type: 'HOME', address_line_1: 'x', care_of: '' }, 400, 'care_of'],
      ['address wrong content type', 'POST', `${SS}/${id}/addresses`, 'type=HOME', 415, undefined, text],
      ['address of unknown contact', 'POST', `${SS}/${missing}/addresses`, { type: 'HOME', address_line_1: 'x' }, 404],
      ['update unknown address', 'PUT', `${SS}/${id}/addresses/${missing}`, { type: 'HOME', address_line_1: 'x' }, 404],
      ['delete unknown address', 'DELETE', `${SS}/${id}/addresses/${missing}`, undefined, 404],
      [
        'unmark the only primary address (domain)',
        'PUT',
        `${SS}/${id}/addresses/${addressId}`,
        { type: 'HOME', address_line_1: 'y', is_primary: false },
        400,
        'is_primary',
      ],
      ['addresses unknown parameter', 'GET', `${SS}/${id}/addresses?sort=NAME`, undefined, 400, 'sort'],
      ['delete unknown contact', 'DELETE', `${SS}/${missing}`, undefined, 404],
      ['unauthenticated principal', 'GET', `${BO}/${id}`, undefined, 401, undefined, { 'x-dev-principal': 'nobody' }],
      ['forbidden principal', 'DELETE', `${BO}/${id}`, undefined, 403, undefined, { 'x-dev-principal': 'user:contacts.read' }],
    ];
    assert.ok(cases.length >= 30);
    for (const [label, method, path, body, status, field, headers] of cases) {
      const r = await p.http(method, path, body, headers);
      assertClientError(r, status, field, label);
      if (status === 405) assert.ok(r.headers.get('allow'), label);
    }

    const afterAll = (await p.http('GET', `${BO}/${id}`)).body;
    assert.deepEqual(afterAll, before);
    assert.equal((await p.http('GET', `${BO}?include_total=true`)).body.paging.total, countBefore);
  });
});
