import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';
import { exactCall } from '../testing/rest-client';
import { importContacts, readRows, type RejectedRow } from './import-contacts';

describe('bulk import of contacts through the API', () => {
  let p: TestPlatform;
  let key: string;
  const dir = mkdtempSync(join(tmpdir(), 'crm-import-'));

  before(async () => {
    p = await startTestPlatform('import-contacts');
    const tenant = await p.identityWrite.createTenant({
      name: 'Import',
      ownerEmail: 'owner@import.example',
      ownerPassword: 'Import-Test-Pass-42',
      applicationName: 'Import App',
    });
    key = tenant.secretApiKey;
  });
  after(async () => {
    await p?.stop();
  });

  const total = async () => {
    const r = await exactCall<{ data: { contacts: { totalCount: number } } }>(
      p.url,
      'POST',
      '/graphql',
      { query: '{ contacts(includeTotal: true) { totalCount } }' },
      {
        api_key: key,
        'x-consistency-token': '',
      },
    );
    return r.body.data.contacts.totalCount;
  };

  it('creates valid rows, reports the rest with their reason, and a second run changes nothing', async () => {
    const csv = join(dir, 'contacts.csv');
    writeFileSync(
      csv,
      [
        'contact_type,first_name,last_name,email_address,code,tags,sms_opt_out',
        'PERSON,Ada,Lovelace,ada@import.example,IMP-1,vip;newsletter,true',
        'PERSON,"Grace ""Amazing""",Hopper,grace@import.example,IMP-2,,',
        'COMPANY,,,,IMP-3,,', // a company without a name
        'ROBOT,Robby,,robby@import.example,IMP-4,,', // no such contact type
        'PERSON,Alan,Turing,alan@import.example,,,', // no code: idempotent by email
        'PERSON,Ada,Again,ada2@import.example,IMP-1,,', // the same code twice: left unchanged
      ].join('\n'),
    );
    const rejected: RejectedRow[] = [];
    const first = await importContacts(readRows(csv), { url: p.url, key, concurrency: 1, onRejected: (r) => rejected.push(r) });
    assert.deepEqual(first, { done: 6, created: 3, unchanged: 1, rejected: 2 }, JSON.stringify(rejected));
    assert.deepEqual(
      rejected.map((r) => r.line),
      [4, 5],
    );
    assert.match(rejected[1]!.reason, /contact_type/);
    assert.ok(rejected[0]!.reason.length > 0);

    const lookup = await exactCall<{ data: { contact: { displayName: string; tags: string[]; smsOptOut: boolean } } }>(
      p.url,
      'POST',
      '/graphql',
      { query: '{ contact(id: "IMP-1") { displayName tags smsOptOut } }' },
      { api_key: key },
    );
    assert.deepEqual(lookup.body.data.contact, { displayName: 'Ada Lovelace', tags: ['vip', 'newsletter'], smsOptOut: true });

    // the read side has the three contacts before the second run looks them up
    for (let i = 0; i < 600 && (await total()) < 3; i++) await new Promise((r) => setTimeout(r, 100));
    const second = await importContacts(readRows(csv), { url: p.url, key, concurrency: 4 });
    assert.deepEqual(second, { done: 6, created: 0, unchanged: 4, rejected: 2 });
    assert.equal(await total(), 3);
  });

  /** The CLI in a child process (asynchronously: the platform it calls runs in this process). */
  const cli = (args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolveRun) => {
      const child = spawn(process.execPath, [join(__dirname, 'import-cli.js'), ...args]);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolveRun({ status, stdout, stderr }));
    });

  it('the CLI (npm run admin -- import contacts) draws progress and writes the rejected rows report', async () => {
    const jsonl = join(dir, 'more.jsonl');
    writeFileSync(jsonl, [JSON.stringify({ contact_type: 'PERSON', first_name: 'Edsger', code: 'IMP-10' }), 'not json', ''].join('\n'));
    const report = join(dir, 'more.rejected.jsonl');
    const run = await cli(['import', 'contacts', jsonl, '--url', p.url, '--key', key, '--report', report]);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /\[#+\] 2\/2 100% \d+ rows\/s ETA 0m00s \(created 1, unchanged 0, rejected 1\)/);
    assert.match(run.stdout, /created 1, unchanged 0, rejected 1/);
    const rows = readFileSync(report, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RejectedRow);
    assert.deepEqual(
      rows.map((r) => [r.line, r.reason]),
      [[2, 'not a JSON object']],
    );
    const usage = await cli(['import', 'widgets', jsonl]);
    assert.equal(usage.status, 2);
  });
});
