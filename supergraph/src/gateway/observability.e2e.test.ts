import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

// One mutation's trace, followed through the platform's own log lines: the gateway's access-log
// line, the write subgraph's, and the projector's line for the event the mutation produced all
// carry the trace id the client sent (gateway → subgraph → outbox row → bus headers → projector).

type Line = Record<string, unknown> & { msg?: string; service?: string; traceId?: string };

const CREATE = `mutation CreateTraced($input: CreateContactInput!) {
  createContact(input: $input) { contact { id version } errors { code } } }`;

async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('observability through the platform (logs, traces, metrics)', () => {
  let p: TestPlatform;
  const raw: string[] = [];
  const lines = (): Line[] => raw.map((l) => JSON.parse(l) as Line);

  before(async () => {
    p = await startTestPlatform('observability', {}, { logLevel: 'debug', logDestination: { write: (s: string) => void raw.push(s.trimEnd()) } });
  });
  after(async () => {
    await p?.stop();
  });

  it("carries one mutation's trace id from the gateway's access log to the projector's line for its event", async () => {
    const traceId = randomBytes(16).toString('hex');
    const traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
    const r = await p.graphql<{ data?: { createContact: { contact: { id: string }; errors: unknown[] } } }>(
      CREATE,
      { input: { type: 'PERSON', firstName: 'Trace', lastName: 'Able' } },
      { traceparent },
    );
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.data?.createContact.errors, []);
    const contactId = r.body.data!.createContact.contact.id;

    const gatewayLine = await waitFor('the gateway access-log line', 10_000, () =>
      lines().find((l) => l.msg === 'request' && l.service === 'gateway' && l.traceId === traceId),
    );
    assert.equal(gatewayLine['level'], 30, 'access log at info');
    assert.equal(gatewayLine['method'], 'POST');
    assert.equal(gatewayLine['route'], '/graphql');
    assert.equal(gatewayLine['status'], 200);
    assert.equal(gatewayLine['tenantId'], p.tenant);
    assert.equal(gatewayLine['principalKind'], 'user');
    assert.equal(gatewayLine['operation'], 'CreateTraced');
    assert.equal(typeof gatewayLine['durationMs'], 'number');
    assert.equal(typeof gatewayLine['correlationId'], 'string');

    const writeLine = await waitFor('the write subgraph access-log line', 10_000, () =>
      lines().find((l) => l.msg === 'request' && l.service === 'contacts-write' && l.traceId === traceId),
    );
    assert.equal(writeLine['route'], '/graphql');
    assert.equal(writeLine['correlationId'], gatewayLine['correlationId'], 'the correlation id travels with the trace');

    const projected = await waitFor('the projector line for the created event', 30_000, () =>
      lines().find(
        (l) => l.msg === 'event handled' && l['groupId'] === 'contacts-read.projector' && l['type'] === 'contact.created' && l.traceId === traceId,
      ),
    );
    assert.equal(projected.service, 'contacts-read');
    // no other request's or event's trace id leaked onto this one's lines
    const created = lines().filter((l) => l.msg === 'event handled' && l['type'] === 'contact.created' && l['groupId'] === 'contacts-read.projector');
    assert.equal(created.filter((l) => l.traceId === traceId).length, 1);
    assert.ok(contactId);
  });

  it('logs one line per request with the route template (never the raw id), and none for probes', async () => {
    const id = (
      await p.graphql<{ data: { createContact: { contact: { id: string } } } }>(CREATE, {
        input: { type: 'PERSON', firstName: 'Route', lastName: 'Template' },
      })
    ).body.data.createContact.contact.id;
    const before = raw.length;
    const got = await p.http('GET', `/backoffice/v2/contacts/${id}`);
    assert.equal(got.status, 200, got.text);
    const missing = await p.http('GET', `/no/such/${id}`);
    assert.equal(missing.status, 404);
    assert.equal((await p.http('GET', '/healthz')).status, 200);
    assert.equal((await p.http('GET', '/readyz')).status, 200);
    const rest = await waitFor('the REST access-log line', 10_000, () =>
      lines()
        .slice(before)
        .find((l) => l.msg === 'request' && l['route'] === '/backoffice/v2/contacts/:id'),
    );
    assert.equal(rest.service, 'gateway');
    assert.equal(rest['status'], 200);
    assert.equal(rest['tenantId'], p.tenant);
    await waitFor('the 404 line', 10_000, () =>
      lines()
        .slice(before)
        .find((l) => l.msg === 'request' && l['status'] === 404),
    );
    const after = lines().slice(before);
    assert.equal(
      after.filter((l) => l.msg === 'request' && l.service === 'gateway' && l['method'] === 'GET').length,
      2,
      'one line per request; probes add none',
    );
    assert.ok(!after.some((l) => l.msg === 'request' && String(l['route']).includes(id)), 'no route carries a raw id');
    assert.ok(after.find((l) => l['status'] === 404)?.['route'] === 'unmatched');
  });

  it('prints exactly one service key on every line', () => {
    assert.ok(raw.length > 20);
    for (const l of raw) assert.equal(l.split('"service":').length - 1, 1, l);
  });

  it('serves Prometheus metrics with the HTTP, GraphQL, outbox, consumer, cache and pool figures after traffic', async () => {
    const m = await p.http<string>('GET', '/metrics');
    assert.equal(m.status, 200);
    assert.match(m.headers.get('content-type') ?? '', /text\/plain/);
    const text = m.text;
    const value = (series: RegExp): number => {
      const hit = text.split('\n').find((l) => series.test(l));
      assert.ok(hit, `no series ${series}`);
      return Number(hit.slice(hit.lastIndexOf(' ') + 1));
    };
    assert.ok(value(/^http_server_request_duration_seconds_count\{service="gateway",method="POST",route="\/graphql",status="200"\}/) >= 2);
    assert.ok(value(/^http_server_request_duration_seconds_count\{service="contacts-write",method="POST",route="\/graphql",status="200"\}/) >= 2);
    assert.ok(
      value(/^graphql_operation_duration_seconds_count\{service="gateway",operation_type="mutation",root_field="createContact",outcome="ok"\}/) >= 2,
    );
    assert.ok(value(/^outbox_published_total\{service="contacts-write"\}/) >= 2);
    assert.equal(value(/^outbox_backlog_rows\{service="contacts-write"\}/) >= 0, true);
    assert.ok(value(/^outbox_relay_lag_seconds\{service="contacts-write"\}/) >= 0);
    assert.match(text, /^event_consumer_lag_messages\{group="contacts-read\.projector",topic="[^"]+",partition="\d+"\} \d+$/m);
    assert.ok(value(/^event_projection_lag_seconds_count\{group="contacts-read\.projector"\}/) >= 2);
    assert.ok(value(/^event_handler_duration_seconds_count\{group="contacts-read\.projector",topic="[^"]+",outcome="ok"\}/) >= 2);
    assert.match(text, /^# TYPE event_dlq_messages_total counter$/m);
    assert.match(text, /^cache_requests_total\{cache="(redis|memory)",result="(hit|miss)"\} \d+$/m);
    // a PostgreSQL pool shows its connections; embedded PGlite has no pool to show
    if (p.databaseUrl) assert.ok(value(/^db_pool_connections\{service="contacts-write",state="total"\}/) >= 1);
    assert.match(text, /^process_cpu_user_seconds_total /m);
    assert.match(text, /^nodejs_eventloop_lag_seconds /m);
    assert.ok(!text.includes(p.tenant), 'no tenant data in metrics');
  });

  it('exports every metric the Grafana dashboards query (k8s/monitoring/dashboards)', async () => {
    const text = (await p.http<string>('GET', '/metrics')).text;
    const families = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
    const dir = join(__dirname, '../../../k8s/monitoring/dashboards');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    assert.ok(files.length >= 4, 'overview, pipeline, ledger and a dashboard per domain');
    const NOT_METRICS = new Set(['sum', 'max', 'min', 'avg', 'rate', 'increase', 'histogram_quantile', 'by', 'without', 'le']);
    for (const file of files) {
      const board = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { panels: { title: string; targets: { expr: string }[] }[] };
      for (const panel of board.panels)
        for (const { expr } of panel.targets) {
          // drop label matchers, grouping clauses and ranges; what is left names metrics and functions
          const bare = expr
            .replace(/\{[^}]*\}/g, '')
            .replace(/\b(by|without)\s*\([^)]*\)/g, '')
            .replace(/\[[^\]]*\]/g, '');
          const names = [...bare.matchAll(/\b[a-z_][a-z0-9_]*\b/g)].map((m) => m[0]).filter((n) => !NOT_METRICS.has(n));
          assert.ok(names.length > 0, `${file} / ${panel.title}: no metric in ${expr}`);
          for (const name of names)
            assert.ok(
              families.has(name) || families.has(name.replace(/_(bucket|count|sum)$/, '')),
              `${file} / ${panel.title}: ${name} is exported by no service`,
            );
        }
    }
  });
});
