import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../../../testing/test-platform';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const BO = '/backoffice/v2/custom_fields';
const CONTACTS = '/backoffice/v2/contacts';

/** Every field type: a definition, a value it accepts and one it refuses (null: any text fits). */
const TYPES: { key: string; field: string; options?: string[]; valid: string; invalid: string | null }[] = [
  { key: 'nick', field: 'SINGLE_LINE', valid: 'Ace', invalid: 'two\nlines' },
  { key: 'bio', field: 'MULTIPLE_LINES', valid: 'two\nlines', invalid: null },
  { key: 'tier', field: 'SELECTION', options: ['gold', 'silver'], valid: 'gold', invalid: 'bronze' },
  { key: 'vip', field: 'CHECKBOX', valid: 'true', invalid: 'yes' },
  { key: 'size', field: 'RADIO_BUTTONS', options: ['S', 'M'], valid: 'M', invalid: 'XL' },
  { key: 'seen', field: 'TIMESTAMP', valid: '1620912893', invalid: 'yesterday' },
  { key: 'joined', field: 'DATE', valid: '2024-02-29', invalid: '2023-02-29' },
  { key: 'shoe', field: 'NUMBER', valid: '42.5', invalid: 'forty' },
  { key: 'credit', field: 'AMOUNT', valid: '1000.25', invalid: '1.123456' },
  { key: 'notes', field: 'CONTENT', valid: '<p>hi</p>', invalid: null },
  { key: 'member_no', field: 'NUMBERING_SCHEME', valid: 'M-0001', invalid: null },
];
const MANDATORY = { key: 'tax_id', field: 'SINGLE_LINE', valid: 'CY123' };
const allValid = () => [...TYPES, MANDATORY].map((t) => ({ key: t.key, value: t.valid }));

describe('custom field definitions, enforced on contacts through the Back-Office and Self-Service APIs', () => {
  let p: TestPlatform;
  const validate = loadSelfServiceResponseValidator();
  let contactId: string;

  before(async () => {
    p = await startTestPlatform('custom-fields-e2e');
    for (const t of TYPES) {
      const r = await p.http('POST', BO, {
        entity: 'CONTACTS',
        key: t.key,
        label: t.key.toUpperCase(),
        field: t.field,
        ...(t.options ? { options: t.options } : {}),
      });
      assert.equal(r.status, 201, r.text);
    }
    const m = await p.http('POST', BO, { entity: 'CONTACTS', key: MANDATORY.key, label: 'Tax id', field: MANDATORY.field, mandatory: true });
    assert.equal(m.status, 201, m.text);
    // contacts-write enforces a definition once its event has reached it: wait for the whole set
    for (;;) {
      const r = await p.http('POST', CONTACTS, { contact_type: 'PERSON', first_name: 'Ready', custom_fields: allValid() });
      if (r.status === 201) {
        contactId = (r.body as { id: string }).id;
        break;
      }
      assert.equal(r.status, 400, r.text);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  after(async () => {
    await p?.stop();
  });

  const refused = (r: HttpResult, field: RegExp, key: string, what: string) => {
    assert.equal(r.status, 400, `${what}: ${r.text}`);
    assert.match(String((r.body as { field?: string }).field), field, what);
    assert.match(String((r.body as { message?: string }).message), new RegExp(`"${key}"`), what);
  };

  it('lists the definitions (Back-Office and Self-Service, the latter as the contract shapes it)', async () => {
    const bo = await p.http('GET', `${BO}?entity=CONTACTS`);
    assert.equal(bo.status, 200, bo.text);
    const keys = (bo.body as { content: { key: string }[] }).content.map((f) => f.key);
    assert.deepEqual(keys, [...TYPES.map((t) => t.key), MANDATORY.key].sort());
    const ss = await p.http('GET', `/self-service/v2/custom_fields?entity=CONTACTS`, undefined, { 'x-dev-principal': `contact:${contactId}` });
    assert.equal(ss.status, 200, ss.text);
    assert.deepEqual(validate('GET', '/self-service/v2/custom_fields', 200, ss.body), []);
    const items = (ss.body as { content: Record<string, unknown>[] }).content;
    assert.equal(items.length, TYPES.length + 1);
    for (const item of items) assert.deepEqual(validate('GET', '/self-service/v2/custom_fields', 200, item), [], JSON.stringify(item));
    assert.deepEqual(items.find((i) => i['key'] === 'tier')?.['options'], ['gold', 'silver']);
    const other = await p.http('GET', `${BO}?entity=CONTACTS`, undefined, { 'x-dev-tenant': `${p.tenant}-other` });
    assert.deepEqual((other.body as { content: unknown[] }).content, []);
    const bad = await p.http('GET', `${BO}?entity=SPACESHIPS`);
    assert.equal(bad.status, 400, bad.text);
    assert.equal((bad.body as { field: string }).field, 'entity');
  });

  for (const t of TYPES) {
    it(`${t.field}: valid on create and update through both APIs${t.invalid === null ? '' : '; a wrong value is a 400 naming the key'}`, async () => {
      const values = allValid().map((v) => (v.key === t.key ? { key: t.key, value: t.valid } : v));
      const created = await p.http('POST', CONTACTS, { contact_type: 'PERSON', first_name: 'Ann', custom_fields: values });
      assert.equal(created.status, 201, created.text);
      const id = (created.body as { id: string }).id;
      const bo = await p.http('PUT', `${CONTACTS}/${id}`, { custom_fields: values });
      assert.equal(bo.status, 200, bo.text);
      const me = { 'x-dev-principal': `contact:${id}` };
      const ss = await p.http('PUT', `/self-service/v2/contacts/${id}`, { custom_fields: values }, me);
      assert.equal(ss.status, 200, ss.text);
      if (t.invalid === null) return;
      const wrong = allValid().map((v) => (v.key === t.key ? { key: t.key, value: t.invalid! } : v));
      const field = /^custom_fields\.\d+\.value$/;
      refused(await p.http('POST', CONTACTS, { contact_type: 'PERSON', first_name: 'Ann', custom_fields: wrong }), field, t.key, 'BO create');
      refused(await p.http('PUT', `${CONTACTS}/${id}`, { custom_fields: wrong }), field, t.key, 'BO update');
      refused(await p.http('PUT', `/self-service/v2/contacts/${id}`, { custom_fields: wrong }, me), field, t.key, 'SS update');
      // nothing was written by the refused updates
      const read = await p.http('GET', `${CONTACTS}/${id}`);
      const stored = (read.body as { custom_fields: { key: string; value: string }[] }).custom_fields;
      assert.equal(stored.find((f) => f.key === t.key)?.value, t.valid);
    });
  }

  it('an unknown key and a missing mandatory key are 400s naming the key, on create and on both updates', async () => {
    const unknown = [...allValid(), { key: 'shoe_colour', value: 'red' }];
    const keyField = /^custom_fields\.\d+\.key$/;
    refused(
      await p.http('POST', CONTACTS, { contact_type: 'PERSON', first_name: 'Ann', custom_fields: unknown }),
      keyField,
      'shoe_colour',
      'BO create',
    );
    refused(await p.http('PUT', `${CONTACTS}/${contactId}`, { custom_fields: unknown }), keyField, 'shoe_colour', 'BO update');
    const me = { 'x-dev-principal': `contact:${contactId}` };
    refused(await p.http('PUT', `/self-service/v2/contacts/${contactId}`, { custom_fields: unknown }, me), keyField, 'shoe_colour', 'SS update');
    const missing = allValid().filter((v) => v.key !== MANDATORY.key);
    refused(
      await p.http('POST', CONTACTS, { contact_type: 'PERSON', first_name: 'Ann', custom_fields: missing }),
      /^custom_fields$/,
      'tax_id',
      'BO create',
    );
    refused(await p.http('POST', CONTACTS, { contact_type: 'PERSON', first_name: 'Ann' }), /^custom_fields$/, 'tax_id', 'BO create, none');
    refused(await p.http('PUT', `${CONTACTS}/${contactId}`, { custom_fields: missing }), /^custom_fields$/, 'tax_id', 'BO update');
    refused(await p.http('PUT', `/self-service/v2/contacts/${contactId}`, { custom_fields: missing }, me), /^custom_fields$/, 'tax_id', 'SS update');
    // an update that leaves the custom fields alone is not checked against them
    const rename = await p.http('PUT', `${CONTACTS}/${contactId}`, { first_name: 'Renamed' });
    assert.equal(rename.status, 200, rename.text);
  });

  it('changes and removes a definition (Back-Office), with 404 for another tenant and 409 for a taken key', async () => {
    const taken = await p.http('POST', BO, { entity: 'CONTACTS', key: 'nick', label: 'Again', field: 'NUMBER' });
    assert.equal(taken.status, 409, taken.text);
    const created = await p.http('POST', BO, { entity: 'ORDERS', key: 'gate', label: 'Gate', field: 'SINGLE_LINE' });
    const id = (created.body as { id: string }).id;
    const other = { 'x-dev-tenant': `${p.tenant}-other` };
    assert.equal((await p.http('GET', `${BO}/${id}`, undefined, other)).status, 404);
    assert.equal((await p.http('PUT', `${BO}/${id}`, { label: 'x' }, other)).status, 404);
    assert.equal((await p.http('DELETE', `${BO}/${id}`, undefined, other)).status, 404);
    const changed = await p.http('PUT', `${BO}/${id}`, { label: 'Boarding gate', mandatory: true });
    assert.equal(changed.status, 200, changed.text);
    const read = await p.http('GET', `${BO}/${id}`);
    assert.equal((read.body as { label: string }).label, 'Boarding gate');
    assert.equal((read.body as { mandatory: boolean }).mandatory, true);
    assert.equal((await p.http('DELETE', `${BO}/${id}`)).status, 204);
    assert.equal((await p.http('GET', `${BO}/${id}`)).status, 404);
    const contact = await p.http(
      'POST',
      BO,
      { entity: 'CONTACTS', key: 'x', label: 'X', field: 'NUMBER' },
      { 'x-dev-principal': `contact:${contactId}` },
    );
    assert.equal(contact.status, 403, contact.text);
  });
});
