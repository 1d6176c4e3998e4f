import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const LIST = '/self-service/v2/contacts/{id}/attachments';
const ONE = '/self-service/v2/contacts/{id}/attachments/{attachment_id}';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const ALICE = '0190a000-0000-7000-8000-00000000a11c';
const BOB = '0190a000-0000-7000-8000-000000000b0b';

describe('contact attachments end to end (upload, attach, list, remove)', () => {
  let p: TestPlatform;
  const validate = loadSelfServiceResponseValidator();
  const as = (id: string) => ({ 'x-dev-principal': `contact:${id}` });

  async function ss(method: string, template: string, path: string, body?: unknown, headers?: Record<string, string>) {
    const r = await p.http(method, path, body, headers);
    if (r.status < 400)
      assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${path} → ${r.status} ${r.text}`);
    return r;
  }

  async function upload(contactId: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([PNG]), 'id-card.png');
    form.append('fileEntityType', 'CONTACTS');
    const res = await fetch(`${p.url}/self-service/v2/upload/files`, {
      method: 'POST',
      body: form,
      headers: { 'x-dev-tenant': p.tenant, ...as(contactId) },
    });
    assert.equal(res.status, 201);
    return ((await res.json()) as { id: string }).id;
  }

  before(async () => {
    p = await startTestPlatform('contact-attachments-e2e');
  });
  after(async () => {
    await p?.stop();
  });

  it('attaches an uploaded file and a link, lists them in the contract shape, removes one', async () => {
    const fileId = await upload(ALICE);
    const base = `/self-service/v2/contacts/${ALICE}/attachments`;
    const a = await ss('POST', LIST, base, { file_id: fileId, link: null, description: 'ID card' }, as(ALICE));
    assert.equal(a.status, 201, a.text);
    const b = await ss('POST', LIST, base, { file_id: null, link: 'https://example.com/statement', description: null }, as(ALICE));
    assert.equal(b.status, 201, b.text);
    const listed = await ss('GET', LIST, `${base}?include_total=true`, undefined, as(ALICE));
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(listed.body.content, [
      { id: a.body.id, file: { id: fileId, name: 'id-card.png', mime: 'PNG' }, description: 'ID card' },
      { id: b.body.id, link: 'https://example.com/statement' },
    ]);
    assert.equal(listed.body.paging.total, 2);
    const removed = await ss('DELETE', ONE, `${base}/${a.body.id}`, undefined, as(ALICE));
    assert.equal(removed.status, 204, removed.text);
    const after = await ss('GET', LIST, base, undefined, as(ALICE));
    assert.deepEqual(
      after.body.content.map((x: { id: string }) => x.id),
      [b.body.id],
    );
    // the file stays until deleted
    assert.equal((await p.http('GET', `/self-service/v2/files/${fileId}`, undefined, as(ALICE))).status, 200);
  });

  it('refuses bad bodies naming the field, and keeps contacts apart', async () => {
    const base = `/self-service/v2/contacts/${ALICE}/attachments`;
    const both = await p.http('POST', base, { file_id: null, link: null }, as(ALICE));
    assert.equal(both.status, 400, both.text);
    assert.equal(both.body.field, 'file_id');
    const badLink = await p.http('POST', base, { file_id: null, link: 'javascript:alert(1)' }, as(ALICE));
    assert.equal(badLink.status, 400, badLink.text);
    assert.equal(badLink.body.field, 'link');
    const aliceFile = await upload(ALICE);
    const att = await p.http('POST', base, { file_id: aliceFile, link: null }, as(ALICE));
    // Bob cannot list, attach to or remove from Alice, nor attach Alice's file to himself
    const list = await p.http('GET', base, undefined, as(BOB));
    assert.ok(list.status === 404 || (list.status === 200 && list.body.content.length === 0), list.text);
    assert.equal((await p.http('POST', base, { file_id: null, link: 'https://x.example' }, as(BOB))).status, 404);
    assert.equal((await p.http('DELETE', `${base}/${att.body.id}`, undefined, as(BOB))).status, 404);
    const stolen = await p.http('POST', `/self-service/v2/contacts/${BOB}/attachments`, { file_id: aliceFile, link: null }, as(BOB));
    assert.equal(stolen.status, 400, stolen.text);
    assert.equal(stolen.body.field, 'file_id');
    // another tenant sees nothing
    const other = await p.http('GET', base, undefined, { 'x-dev-tenant': `${p.tenant}-other` });
    assert.deepEqual(other.body.content, []);
    // a back-office user (settings.read) lists Alice's attachments
    const staff = await p.http('GET', base, undefined, { 'x-dev-principal': 'user' });
    assert.equal(staff.body.content.length >= 1, true, staff.text);
  });
});
