import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const UPLOAD = '/self-service/v2/upload/files';
const FILE = '/self-service/v2/files/{id}';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0f6e80000000049454e44ae426082',
  'hex',
);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
const ALICE = '0190a000-0000-7000-8000-00000000a11c';
const BOB = '0190a000-0000-7000-8000-000000000b0b';

describe('files end to end (REST multipart → gateway → settings-write → file store)', () => {
  let p: TestPlatform;
  let db: DataSource;
  const validate = loadSelfServiceResponseValidator();
  const as = (contactId: string, tenant?: string) => ({ 'x-dev-principal': `contact:${contactId}`, ...(tenant ? { 'x-dev-tenant': tenant } : {}) });

  async function upload(bytes: Buffer, headers: Record<string, string>, opts: { type?: string; entity?: string; name?: string } = {}) {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: opts.type ?? 'image/png' }), opts.name ?? 'pic.png');
    if (opts.entity) form.append('fileEntityType', opts.entity);
    const res = await fetch(`${p.url}${UPLOAD}`, { method: 'POST', body: form, headers: { 'x-dev-tenant': p.tenant, ...headers } });
    const text = await res.text();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    if (res.status < 400) assert.deepEqual(validate('POST', UPLOAD, res.status, body), [], `upload → ${res.status} ${text}`);
    return { status: res.status, body, text };
  }

  async function rows(tenant: string): Promise<{ files: number; contents: number; orphans: number }> {
    const [r] = (await db.query(
      `SELECT (SELECT count(*) FROM settings_write.files WHERE tenant_id = $1 AND NOT deleted)::int AS files,
              (SELECT count(*) FROM settings_write.file_contents WHERE tenant_id = $1)::int AS contents,
              (SELECT count(*) FROM settings_write.file_contents c WHERE c.tenant_id = $1
                 AND NOT EXISTS (SELECT 1 FROM settings_write.files f WHERE f.tenant_id = c.tenant_id AND f.id = c.file_id AND NOT f.deleted))::int AS orphans`,
      [tenant],
    )) as { files: number; contents: number; orphans: number }[];
    return r!;
  }

  before(async () => {
    p = await startTestPlatform('files-e2e');
    db = (p.services.get('settings-write') as unknown as { dataSource: DataSource }).dataSource;
  });
  after(async () => {
    await p?.stop();
  });

  it('uploads a PNG, streams it back byte for byte with its sniffed type, and deletes it', async () => {
    const up = await upload(PNG, as(ALICE), { entity: 'CONTACTS', type: 'application/octet-stream' });
    assert.equal(up.status, 201, up.text);
    const id = up.body!['id'] as string;
    const got = await fetch(`${p.url}/self-service/v2/files/${id}`, { headers: { 'x-dev-tenant': p.tenant, ...as(ALICE) } });
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await got.arrayBuffer()), PNG);
    const del = await p.http('DELETE', `/self-service/v2/files/${id}`, undefined, as(ALICE));
    assert.equal(del.status, 204, del.text);
    assert.equal(del.text, '');
    const gone = await p.http('GET', `/self-service/v2/files/${id}`, undefined, as(ALICE));
    assert.equal(gone.status, 404, gone.text);
    const again = await p.http('DELETE', `/self-service/v2/files/${id}`, undefined, as(ALICE));
    assert.equal(again.status, 404, again.text);
    void FILE;
  });

  it('refuses an executable that claims image/png (415) and stores nothing', async () => {
    const tenant = `${p.tenant}-exe`;
    const up = await upload(EXE, as(ALICE, tenant), { type: 'image/png', name: 'totally-a-picture.png' });
    assert.equal(up.status, 415, up.text);
    assert.equal(up.body!['error'], 'CRM.EXCEPTIONS.UNSUPPORTEDMEDIATYPEEXCEPTION');
    assert.deepEqual(await rows(tenant), { files: 0, contents: 0, orphans: 0 });
  });

  it('refuses a file over the size limit with 413 and stores nothing', async () => {
    const tenant = `${p.tenant}-big`;
    // a valid PNG head followed by padding, one byte over the default 512 KiB
    const big = Buffer.concat([PNG, Buffer.alloc(512 * 1024 + 1 - PNG.length)]);
    const over = await upload(big, as(ALICE, tenant));
    assert.equal(over.status, 413, over.text);
    // past the facade's own bound too (never reaches the gateway)
    const huge = await upload(Buffer.concat([PNG, Buffer.alloc(800_000)]), as(ALICE, tenant));
    assert.equal(huge.status, 413, huge.text);
    assert.deepEqual(await rows(tenant), { files: 0, contents: 0, orphans: 0 });
    const atLimit = await upload(Buffer.concat([PNG, Buffer.alloc(512 * 1024 - PNG.length)]), as(ALICE, tenant));
    assert.equal(atLimit.status, 201, atLimit.text);
  });

  it("hides another contact's and another tenant's file (404 on read and delete)", async () => {
    const up = await upload(PNG, as(ALICE));
    const id = up.body!['id'] as string;
    for (const headers of [as(BOB), as(ALICE, `${p.tenant}-other`)]) {
      const read = await p.http('GET', `/self-service/v2/files/${id}`, undefined, headers);
      assert.equal(read.status, 404, read.text);
      const del = await p.http('DELETE', `/self-service/v2/files/${id}`, undefined, headers);
      assert.equal(del.status, 404, del.text);
    }
    const mine = await p.http('GET', `/self-service/v2/files/${id}`, undefined, as(ALICE));
    assert.equal(mine.status, 200);
    // a back-office user of the tenant (settings.read) reads it; a user without the permission cannot
    const owner = await p.http('GET', `/self-service/v2/files/${id}`, undefined, { 'x-dev-principal': 'user' });
    assert.equal(owner.status, 200);
    const plain = await p.http('GET', `/self-service/v2/files/${id}`, undefined, { 'x-dev-principal': 'user:contacts.read' });
    assert.equal(plain.status, 403, plain.text);
  });

  it('refuses bad multipart input with a 400 naming the part: no file, an unknown part, a bad fileEntityType, JSON', async () => {
    const form = new FormData();
    form.append('fileEntityType', 'CONTACTS');
    const none = await fetch(`${p.url}${UPLOAD}`, { method: 'POST', body: form, headers: { 'x-dev-tenant': p.tenant, ...as(ALICE) } });
    assert.equal(none.status, 400);
    assert.equal(((await none.json()) as { field: string }).field, 'file');
    const extra = new FormData();
    extra.append('file', new Blob([PNG]), 'a.png');
    extra.append('colour', 'red');
    const unknown = await fetch(`${p.url}${UPLOAD}`, { method: 'POST', body: extra, headers: { 'x-dev-tenant': p.tenant, ...as(ALICE) } });
    assert.equal(unknown.status, 400);
    assert.equal(((await unknown.json()) as { field: string }).field, 'colour');
    const bad = await upload(PNG, as(ALICE), { entity: 'SPACESHIPS' });
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.body!['field'], 'fileEntityType');
    const json = await p.http('POST', UPLOAD, { file: 'x' }, as(ALICE));
    assert.equal(json.status, 415, json.text);
  });

  it('100 concurrent uploads leave 100 files and no orphan rows', async () => {
    const tenant = `${p.tenant}-many`;
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => upload(PNG, as(i % 2 ? ALICE : BOB, tenant), { name: `f${i}.png` })));
    assert.deepEqual(
      results.filter((r) => r.status !== 201).map((r) => r.text),
      [],
    );
    assert.equal(new Set(results.map((r) => r.body!['id'])).size, 100);
    assert.deepEqual(await rows(tenant), { files: 100, contents: 100, orphans: 0 });
  });
});
