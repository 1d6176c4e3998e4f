import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isTransientInfrastructureError } from '@crm/platform/errors';
import { startFaultProxy, testBackends, type FaultProxy } from '@crm/platform/testing';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

type Gql = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };

const backends = testBackends();
const LONG = process.env['CRM_LONG_TESTS'] === '1';
const CREATE = `mutation($i: CreateContactInput!, $k: String) { createContact(input: $i, idempotencyKey: $k) { contact { id } errors { code } } }`;
const RETRYABLE = new Set(['UNAVAILABLE']);
const LEAKS = /select|insert|update |outbox|postgres|ECONN|terminated|at \w+ \(|\.js:\d+/i;

// D1 (reliability matrix): PostgreSQL connections reset (fault proxy in front of PostgreSQL) during
// writes → clients get a retryable error (GraphQL UNAVAILABLE / REST 503), never an INTERNAL error or
// SQL; no partial writes: a contact's row and its outbox event are committed together or not at all.
if (backends.databaseUrl) {
  describe('database faults during writes (D1)', () => {
    let proxy: FaultProxy;
    let p: TestPlatform;

    before(async () => {
      const target = new URL(backends.databaseUrl!);
      proxy = await startFaultProxy({ target: { host: target.hostname, port: Number(target.port || 5432) } });
      p = await startTestPlatform('db-faults', (env) => ({ DATABASE_URL: proxy.rewriteUrl(env['DATABASE_URL']!) }));
    });
    after(async () => {
      await proxy?.setMode({ kind: 'pass' });
      await p?.stop();
      await proxy?.close();
    });

    it('connection resets during writes: every answer is a success or a retryable error; state and outbox stay together', async () => {
      const writes = LONG ? 400 : 80;
      const outcomes = { ok: 0, retryable: 0, wrong: [] as string[] };
      const acknowledged: string[] = [];
      let stopFaults = false;
      // faults: reset every open connection now and then, and refuse new ones for short periods
      const faults = (async () => {
        for (let i = 0; !stopFaults; i++) {
          await new Promise((r) => setTimeout(r, 400));
          if (i % 4 === 3) {
            await proxy.setMode({ kind: 'reset' });
            await new Promise((r) => setTimeout(r, 100));
            await proxy.setMode({ kind: 'pass' });
          } else proxy.resetAll();
        }
      })();
      const one = async (n: number) => {
        const r = await p.graphql<Gql>(CREATE, { i: { type: 'PERSON', firstName: `D${n}`, lastName: 'Faults' } });
        const payload = r.body.data?.['createContact'];
        if (r.status === 200 && payload?.contact?.id && !r.body.errors) {
          outcomes.ok++;
          acknowledged.push(payload.contact.id);
          return;
        }
        const codes = (r.body.errors ?? []).map((e) => e.extensions?.['code']);
        if ((r.status === 200 || r.status === 503) && codes.length > 0 && codes.every((c) => RETRYABLE.has(c)) && !LEAKS.test(r.text))
          outcomes.retryable++;
        else outcomes.wrong.push(`${r.status} ${r.text.slice(0, 300)}`);
      };
      for (let i = 0; i < writes; i += 8) await Promise.all(Array.from({ length: 8 }, (_, j) => one(i + j)));
      stopFaults = true;
      await faults;
      await proxy.setMode({ kind: 'pass' });
      console.log(
        `D1: ${writes} writes under connection resets: ${outcomes.ok} ok, ${outcomes.retryable} retryable errors, ${outcomes.wrong.length} other; resets ${proxy.stats().resets}`,
      );
      assert.deepEqual(outcomes.wrong.slice(0, 5), [], 'no INTERNAL, no 500, no SQL or driver text');
      assert.ok(outcomes.retryable > 0, 'the faults did hit some writes');
      assert.ok(outcomes.ok > 0, 'writes between faults succeed');

      // atomicity audit, through the same pool: its first checkout can still be a connection the
      // last reset killed (the pool drops it on its next error), so the audit retries that once
      const ds = p.contactsWrite.dataSource;
      const db = {
        query: async (sql: string): Promise<unknown> => {
          try {
            return await ds.query(sql);
          } catch (err) {
            if (!isTransientInfrastructureError(err)) throw err;
            return ds.query(sql);
          }
        },
      };
      const [orphans] = (await db.query(
        `SELECT
           (SELECT count(*)::int FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_key = c.id::text)) AS state_without_event,
           (SELECT count(*)::int FROM outbox o WHERE o.payload->>'type' = 'contact.created'
              AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.id::text = o.message_key)) AS event_without_state`,
      )) as { state_without_event: number; event_without_state: number }[];
      assert.deepEqual(orphans, { state_without_event: 0, event_without_state: 0 }, 'no partial writes');
      const stored = new Set(((await db.query(`SELECT id::text AS id FROM contacts`)) as { id: string }[]).map((r) => r.id));
      assert.deepEqual(
        acknowledged.filter((id) => !stored.has(id)),
        [],
        'every acknowledged write is stored',
      );

      // and the service is healthy again: a plain write succeeds
      const after = await p.graphql<Gql>(CREATE, { i: { type: 'PERSON', firstName: 'After', lastName: 'Faults' } });
      assert.ok(after.body.data?.['createContact']?.contact?.id, after.text);
    });
  });
}
