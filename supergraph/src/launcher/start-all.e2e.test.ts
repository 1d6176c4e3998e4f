import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventually } from '../testing/eventually';

const START_ALL = resolve(__dirname, '../start-all.js');

/** The environment of a bare machine: no backends configured, embedded defaults only. */
function bareEnv(dataDir: string, logLevel = 'warn'): NodeJS.ProcessEnv {
  // no DEV_AUTH_ENABLED: the launcher turns the development authenticator on outside production
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'], DATA_DIR: dataDir, LOG_LEVEL: logLevel };
  return { ...env, GATEWAY_PORT: '0', CONTACTS_WRITE_PORT: '0', CONTACTS_READ_PORT: '0' };
}

async function startPlatform(dataDir: string, logLevel = 'warn'): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [START_ALL], { env: bareEnv(dataDir, logLevel), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  // only ends a run that hangs: a start on a loaded 2-core box can take well over a minute
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const m = /GraphQL \(gateway\):\s+(http:\/\/\S+)\/graphql/.exec(out);
    if (m) return { child, url: m[1]!, output: () => out };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`platform did not become ready:\n${out}`);
}

async function stop(child: ChildProcess): Promise<number | null> {
  child.kill('SIGTERM');
  return new Promise((r) => child.once('exit', (code) => r(code)));
}

async function gql(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] };
}

describe('npm start (embedded defaults on a bare machine)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-start-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves the platform, stops cleanly on SIGTERM, and keeps data across restarts', async () => {
    const first = await startPlatform(dataDir);
    assert.match(first.output(), /PGlite/);
    assert.equal(JSON.parse(readFileSync(join(dataDir, 'platform.lock'), 'utf8')).pid, first.child.pid, 'the running platform holds its data folder');
    assert.match(first.output(), /Demo tenant created in this database/);
    assert.equal((await fetch(`${first.url}/readyz`)).status, 200);
    const created = await gql(
      first.url,
      `mutation { createContact(input: { type: PERSON, firstName: "Persistent", code: "KEEP-1" }) { contact { id } consistencyToken errors { code } } }`,
    );
    const id = created.data.createContact.contact.id as string;
    const seen = await gql(
      first.url,
      `query($id: ID!) { contact(id: $id) { id code } }`,
      { id },
      { 'x-consistency-token': created.data.createContact.consistencyToken },
    );
    assert.equal(seen.data.contact.code, 'KEEP-1');
    assert.equal(await stop(first.child), 0, 'graceful exit code');
    assert.equal(existsSync(join(dataDir, 'platform.lock')), false, 'a clean stop releases the data folder');

    const second = await startPlatform(dataDir, 'info');
    try {
      // a clean stop recorded where every consumer was: the restart re-delivers nothing written before it
      const replays = second
        .output()
        .split('\n')
        .filter((l) => l.includes('outbox history replayed into the in-process bus'))
        .map((l) => JSON.parse(l) as { service: string; replayed: number; after: string | null });
      const contacts = replays.find((r) => r.service === 'contacts-write');
      assert.ok(contacts, 'contacts-write replays its outbox into the in-process bus at start');
      assert.notEqual(contacts.after, null, 'from the position recorded at the clean stop');
      assert.equal(contacts.replayed, 0, 'nothing the consumers had applied goes out again');
      assert.match(second.output(), /demo credentials: +\S+demo-credentials\.json/, 'a restart points at the same credentials');
      // the read model is rebuilt from the outbox history on an embedded restart; /readyz turns
      // 200 once it has caught up with what was written before, so wait for that, not for a clock
      await eventually('/readyz 200 after the restart', async () => (await fetch(`${second.url}/readyz`)).status === 200);
      const found = (await gql(second.url, `query { contact(id: "KEEP-1") { id firstName } }`)).data?.contact;
      assert.equal(found?.id, id, 'once ready, the read model has what was written before the restart');
      const dup = await gql(second.url, `mutation { createContact(input: { type: PERSON, firstName: "Twin", code: "KEEP-1" }) { errors { code } } }`);
      assert.equal(dup.data.createContact.errors[0].code, 'CONFLICT', 'the write side kept its data too');
    } finally {
      assert.equal(await stop(second.child), 0);
    }
  });
});
