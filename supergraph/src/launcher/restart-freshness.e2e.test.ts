import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PRINCIPAL_HEADER, signPrincipal } from '@crm/platform/auth';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { startServiceProcess, type ServiceProcess } from '@crm/platform/testing/faults';
import { eventually } from '../testing/eventually';

// Freshness after a crash: the platform (`npm start`, one process) is killed with SIGKILL while
// its projector is behind, then started again on the same data. Every read after the restart
// that counts fewer contacts than were written must say so: pending events, a lag above 0,
// consistent: false, and /readyz not yet 200. Real PostgreSQL + Kafka (+ Redis) when the test
// backends are configured, the embedded defaults (PGlite, in-process bus) otherwise.

const START_ALL = resolve(__dirname, '../start-all.js');
const GATEWAY_LINE = /GraphQL \(gateway\):\s+(http:\/\/\S+)\/graphql/;
/** contacts-read listens once its projector subscribed (its backlog known), well before the gateway. */
const CONTACTS_READ_LINE = /"url":"(http:\/\/[^"]+)".*"msg":"contacts-read listening"/;
const SECRET = randomBytes(32).toString('hex');
const BURST = 100;
const MAX_BURSTS = 8;
const WRITERS = 10;
/** Generous bound of the catch-up after the restart (a condition is awaited, this only ends a hung run). */
const CATCH_UP_BOUND_MS = 300_000;

type Freshness = { lagMs: number; pendingEvents: number; consistent: boolean };
interface Read {
  total: number;
  freshness: Freshness | undefined;
  header: string | null;
  /** A /readyz 200 had been received before this read was sent. */
  readyBefore: boolean;
}

const backends = testBackends();
const kafka = backends.kafkaBrokers.length > 0 && backends.databaseUrl !== undefined;
const tenant = `t_${randomBytes(6).toString('hex')}`;

async function gql(url: string, query: string, variables: Record<string, unknown> = {}, direct = false) {
  // direct: the contacts-read subgraph itself, with the principal the gateway would sign
  const auth: Record<string, string> = direct
    ? { [PRINCIPAL_HEADER]: signPrincipal({ tenantId: tenant, kind: 'user', subjectId: 'freshness-test', permissions: ['contacts.read'] }, SECRET) }
    : { 'x-dev-tenant': tenant };
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ query, variables }),
  });
  return { headers: res.headers, body: (await res.json()) as { data?: any; errors?: unknown[]; extensions?: { freshness?: Freshness } } };
}

const COUNT = `{ contacts(first: 1, includeTotal: true) { totalCount } }`;
const CREATE = `mutation($n: String!) { createContact(input: { type: PERSON, firstName: $n }) { contact { id } errors { code } } }`;

async function count(url: string, readyBefore: boolean, direct = false): Promise<Read> {
  const r = await gql(url, COUNT, {}, direct);
  const total = r.body.data?.contacts?.totalCount;
  assert.equal(typeof total, 'number', JSON.stringify(r.body));
  return { total, freshness: r.body.extensions?.freshness, header: r.headers.get('x-projection-lag-ms'), readyBefore };
}

describe(`platform killed mid-projection (${kafka ? 'PostgreSQL + Kafka' : 'embedded: PGlite + in-process bus'})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-freshness-'));
  let db: TestDatabase | null = null;
  const children: ServiceProcess[] = [];
  after(async () => {
    for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(env: Record<string, string>, readyPattern = GATEWAY_LINE): Promise<ServiceProcess> {
    const p = await startServiceProcess(START_ALL, env, { readyPattern, startTimeoutMs: 120_000 });
    children.push(p);
    return p;
  }

  // two starts of the whole platform and a catch-up: give a loaded 2-core box time (no assertion is on time)
  it('after a restart, no read short of the truth comes with zero lag, consistent: true or a ready /readyz', { timeout: 900_000 }, async () => {
    const t0 = Date.now();
    db = kafka ? await createTestDatabase(backends.databaseUrl, 'restart-freshness') : null;
    const env: Record<string, string> = {
      HOME: process.env['HOME'] ?? '',
      DATA_DIR: dataDir,
      DEV_AUTH_ENABLED: 'true',
      INTERNAL_AUTH_SECRET: SECRET,
      // info: the services' "listening" lines (the restart reads contacts-read as soon as it listens)
      LOG_LEVEL: 'info',
      GATEWAY_PORT: '0',
      CONTACTS_WRITE_PORT: '0',
      CONTACTS_READ_PORT: '0',
      IDENTITY_WRITE_PORT: '0',
      IDENTITY_READ_PORT: '0',
      // the gate must end by catching up here, not by its timeout
      READY_CATCH_UP_TIMEOUT_MS: '600000',
      ...(kafka
        ? {
            DATABASE_URL: db!.url!,
            KAFKA_BROKERS: backends.kafkaBrokers.join(','),
            KAFKA_NAMESPACE: `t${randomBytes(5).toString('hex')}`,
            ...(backends.redisUrl ? { REDIS_URL: backends.redisUrl } : {}),
          }
        : {}),
    };

    // 1. write in bursts until a read shows the projector behind, then kill the process at once
    const first = await start(env);
    let written = 0;
    let behindAtKill = 0;
    for (let burst = 0; burst < MAX_BURSTS && behindAtKill === 0; burst++) {
      const target = written + BURST;
      await Promise.all(
        Array.from({ length: WRITERS }, async () => {
          while (written < target) {
            written++;
            const r = await gql(first.url, CREATE, { n: `Crash ${written}` });
            assert.deepEqual(r.body.data?.createContact?.errors, [], JSON.stringify(r.body));
          }
        }),
      );
      behindAtKill = written - (await count(first.url, false)).total;
    }
    first.child.kill('SIGKILL');
    assert.equal(await first.exited, null, 'killed by the signal');

    // 2. start again on the same data; from the moment contacts-read listens, read it (directly,
    // as the gateway would) as fast as possible until caught up and ready
    const t1 = Date.now();
    const second = await start(env, CONTACTS_READ_LINE);
    const t2 = Date.now();
    let recent = second.tail(200);
    second.child.stdout!.on('data', (c: Buffer) => (recent = (recent + c.toString()).slice(-4096)));
    const reads: Read[] = [];
    let ready = false;
    let readyProbes = 0;
    const deadline = Date.now() + CATCH_UP_BOUND_MS;
    const probing = (async () => {
      while (!ready && Date.now() < deadline) {
        const res = await fetch(`${second.url}/readyz`);
        await res.text();
        readyProbes++;
        if (res.status === 200) ready = true;
      }
    })();
    for (;;) {
      const last = await count(second.url, ready, true);
      reads.push(last);
      if (last.total === written && last.freshness?.consistent === true && ready) break;
      assert.ok(Date.now() < deadline, `not caught up within ${CATCH_UP_BOUND_MS} ms: ${JSON.stringify(last)}; ready ${ready}\n${second.tail()}`);
    }
    await probing;
    // the public origin: ready (its gate covers the read sides) and answering the whole truth
    const gateway = await eventually('the gateway to listen', async () => GATEWAY_LINE.exec(recent)?.[1]);
    await eventually('the gateway /readyz to answer 200', async () => (await fetch(`${gateway}/readyz`)).status === 200);
    const viaGateway = await count(gateway, true);
    assert.equal(viaGateway.total, written, JSON.stringify(viaGateway));
    assert.deepEqual(viaGateway.freshness, { lagMs: 0, pendingEvents: 0, consistent: true });

    const short = reads.filter((r) => r.total < written);
    console.log(
      `restart freshness (${kafka ? 'kafka' : 'embedded'}): ${written} contacts written, projector ${behindAtKill} behind at the kill; ` +
        `after the restart ${reads.length} reads (${short.length} short of the truth, up to ${Math.max(0, ...short.map((r) => r.freshness?.pendingEvents ?? 0))} pending), ${readyProbes} /readyz probes; ` +
        `first start + writes ${t1 - t0} ms, restart ${t2 - t1} ms, caught up and ready ${Date.now() - t2} ms later`,
    );
    for (const [i, r] of reads.entries()) {
      assert.ok(r.total <= written, `read ${i} counted more than was written: ${JSON.stringify(r)}`);
      assert.ok(r.freshness, `read ${i} reports its freshness`);
      assert.equal(r.header, String(r.freshness.lagMs), `read ${i}: the header matches the extension`);
      if (r.total < written) {
        assert.equal(r.freshness.consistent, false, `read ${i} is short (${r.total} of ${written}) yet says consistent: ${JSON.stringify(r)}`);
        assert.ok(r.freshness.pendingEvents > 0, `read ${i} is short yet reports no pending events: ${JSON.stringify(r)}`);
        assert.ok(r.freshness.lagMs > 0, `read ${i} is short yet reports zero lag: ${JSON.stringify(r)}`);
        assert.equal(r.readyBefore, false, `read ${i} is short although /readyz had already answered 200: ${JSON.stringify(r)}`);
      }
    }
    assert.ok(behindAtKill > 0 || short.length > 0, 'the projector was behind at some point (else this test proved nothing)');
  });
});
