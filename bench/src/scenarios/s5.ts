import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { graphql } from '../lib/http';
import { cpuSecondsOf, cpuSpentSince, FOREIGN_PARTS, pipelineCpu, sleep } from '../lib/proc';
import { round, summarize, type Summary } from '../lib/stats';

const CREATE = `mutation BenchCreate($input: CreateContactInput!) {
  createContact(input: $input) { contact { id version } errors { code reason message } }
}`;
const UPDATE = `mutation BenchUpdate($id: ID!, $input: UpdateContactInput!) {
  updateContact(id: $id, input: $input) { contact { id version } errors { code reason message } }
}`;
const MAX_POLL_INTERVAL_MS = 1000;
const VERSION = `query BenchVersion($id: ID!) { contact(id: $id) { id version } }`;

interface Mutation {
  i: number;
  kind: 'create' | 'update';
  scheduledAt: number;
  sentAt: number;
  respondedAt: number | null;
  ok: boolean;
  error?: string;
  id?: string;
  version?: number;
  sampled: boolean;
  /** Client-observed: first poll of the read subgraph that saw the version. */
  visibleAt?: number;
  pollTimedOut?: boolean;
}

type PayloadData = Record<string, { contact: { id: string; version: number } | null; errors: { code: string; message: string }[] } | undefined>;

export interface S5Options {
  gatewayUrl: string;
  readUrl: string;
  databaseUrl: string;
  tenant: string;
  /** Signed principal for the read subgraph (client-observed polling). */
  principalToken: () => string;
  rate: number;
  durationS: number;
  sampleEvery: number;
  /** First wait between polls; it grows 1.2× per poll up to 1 s. */
  pollIntervalMs: number;
  /** Processes whose CPU is reported over the send window. */
  pids: Record<string, number>;
}

export interface S5Result {
  rate: number;
  durationS: number;
  /** CPU seconds per service process during the send window. */
  cpuS: Record<string, number>;
  /**
   * CPU of the whole pipeline during the send window (the three services, the generator, and the
   * PostgreSQL, Redis and Kafka processes; other work on the machine left out): CPU milliseconds
   * per mutation, and the mutation rate this box's cores could carry at that cost (cores ÷ cost),
   * i.e. the rate beyond which visibility grows with queueing whatever the tuning.
   */
  pipeline: {
    cpuS: number;
    cores: number;
    cpuMsPerMutation: number | null;
    ceilingPerS: number | null;
    /** The same without the backends of other databases on the shared PostgreSQL server (other users' work). */
    ownCpuMsPerMutation: number | null;
    /** CPU-ms per mutation of each part: the services, the generator, PostgreSQL (bench database, server background, other databases), Redis, Kafka. */
    cpuMsPerMutationByPart: Record<string, number | null>;
    /**
     * The same from the start of sending until the read model held every mutation (the drain):
     * all the work of the run's mutations, also what was still queued when sending stopped (on a
     * loaded box the send window alone leaves that work out), plus the idle work of the drain.
     */
    untilDrained: { cpuS: number; ownCpuMsPerMutation: number | null; cpuMsPerMutationByPart: Record<string, number | null> };
  };
  sent: number;
  ok: number;
  failed: number;
  failures: string[];
  creates: number;
  updates: number;
  achievedRate: number;
  maxSendSlipMs: number;
  mutationLatencyMs: Summary;
  /** (a) read model: contact_views.projected_at − outbox.created_at of the same version. */
  readModelVisibilityMs: Summary;
  readModelMeasured: number;
  readModelNotMeasurable: number;
  missingAfterDrain: number;
  drainMs: number;
  /** (b) client-observed on a sample: mutation response → first read-subgraph answer showing the version. */
  clientVisibilityMs: Summary;
  clientSampled: number;
  clientTimedOut: number;
  lagGrowth: { windowS: number; firstMedianMs: number | null; lastMedianMs: number | null; growing: boolean };
}

const s = (x: Summary): Summary => ({ n: x.n, p50: round(x.p50), p95: round(x.p95), p99: round(x.p99), max: round(x.max) });

/**
 * CQRS write→read visibility at a fixed mutation rate, open loop: sends are scheduled on a timer
 * and never wait for earlier responses. Even ticks create a contact, odd ticks update one created
 * earlier (every other created contact is updated once, so half the creates keep version 1 and stay
 * measurable in the read model, whose projected_at is per row, i.e. per latest version).
 */
export async function runS5(o: S5Options): Promise<S5Result> {
  const mutations: Mutation[] = [];
  const updatable: string[] = [];
  const inflight = new Set<Promise<void>>();
  const headers = { 'x-dev-tenant': o.tenant };
  const total = Math.round(o.rate * o.durationS);
  const intervalMs = 1000 / o.rate;
  const MAX_INFLIGHT = 5000;
  let maxSlip = 0;
  let backpressure = 0;

  const poll = async (m: Mutation) => {
    const deadline = performance.now() + 10_000;
    let polls = 0;
    while (performance.now() < deadline) {
      try {
        const r = await graphql<{ contact: { version: number } | null }>(
          o.readUrl + '/graphql',
          VERSION,
          { id: m.id },
          { 'x-crm-principal': o.principalToken(), 'x-bench-nonce': `p${m.i}-${performance.now()}` },
          5000,
        );
        if ((r.data?.contact?.version ?? 0) >= (m.version ?? Infinity)) {
          m.visibleAt = performance.now();
          return;
        }
      } catch {
        /* keep polling until the deadline */
      }
      // back off by 1.2× per poll (2, 2.4, 2.9 … ms; at most 1 s): resolution stays within ~20% of
      // the time waited, and when the pipeline falls behind, the pollers do not pile load onto the
      // read side (2 ms flat, then capped at 50 ms, each kept it behind at 100/s on a 2-core box)
      await sleep(Math.min(MAX_POLL_INTERVAL_MS, o.pollIntervalMs * 1.2 ** polls++));
    }
    m.pollTimedOut = true;
  };

  const send = (m: Mutation) => {
    const isCreate = m.kind === 'create';
    const variables = isCreate
      ? { input: { type: 'PERSON', firstName: 'Lag', lastName: `Probe ${m.i}`, email: `s5-${m.i}@bench.example`, tags: ['s5'] } }
      : { id: m.id, input: { lastName: `Probe ${m.i} updated` } };
    const p = graphql<PayloadData>(
      o.gatewayUrl + '/graphql',
      isCreate ? CREATE : UPDATE,
      variables,
      { ...headers, 'x-bench-nonce': `m${m.i}` },
      15_000,
    )
      .then(async (r) => {
        m.respondedAt = performance.now();
        const payload = r.data?.[isCreate ? 'createContact' : 'updateContact'];
        if (r.status !== 200 || r.errors?.length || !payload?.contact || payload.errors.length) {
          m.error = `${r.status} ${r.raw.slice(0, 300)}`;
          return;
        }
        m.ok = true;
        m.id = payload.contact.id;
        m.version = payload.contact.version;
        // every other create becomes an update target (the others keep version 1)
        if (isCreate && m.i % 4 === 0) updatable.push(m.id);
        if (m.sampled) await poll(m);
      })
      .catch((err: unknown) => {
        m.respondedAt = performance.now();
        m.error = (err as Error).message;
      });
    const tracked = p.finally(() => inflight.delete(tracked));
    inflight.add(tracked);
  };

  const cpu0 = Object.fromEntries(Object.entries(o.pids).map(([k, pid]) => [k, cpuSecondsOf(pid)]));
  const pipelineProcesses = { ...o.pids, generator: process.pid };
  const database = new URL(o.databaseUrl).pathname.replace(/^\//, '');
  const p0 = pipelineCpu(pipelineProcesses, database);
  const t0 = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && t0 + next * intervalMs <= now) {
        const scheduledAt = t0 + next * intervalMs;
        maxSlip = Math.max(maxSlip, now - scheduledAt);
        if (inflight.size >= MAX_INFLIGHT) {
          backpressure++;
          next++;
          continue;
        }
        let kind: Mutation['kind'] = next % 2 === 0 ? 'create' : 'update';
        const target = kind === 'update' ? updatable.shift() : undefined;
        if (kind === 'update' && !target) kind = 'create';
        const m: Mutation = {
          i: next,
          kind,
          scheduledAt,
          sentAt: now,
          respondedAt: null,
          ok: false,
          sampled: next % o.sampleEvery === 0,
          ...(target ? { id: target } : {}),
        };
        mutations.push(m);
        send(m);
        next++;
      }
      if (next >= total) return resolve();
      setTimeout(tick, Math.max(0, t0 + next * intervalMs - performance.now()));
    };
    tick();
  });
  const sendEnd = performance.now();
  const spent = cpuSpentSince(p0, pipelineCpu(pipelineProcesses, database));
  const pipelineS = spent.total;
  const foreignS = Object.entries(spent.byPart).reduce((n, [part, sec]) => n + (FOREIGN_PARTS.has(part) ? sec : 0), 0);
  const cores = cpus().length;
  const cpuMsPerMutation = mutations.length > 0 ? (pipelineS * 1000) / mutations.length : null;
  const perMutationMs = (sec: number) => (mutations.length > 0 ? round((sec * 1000) / mutations.length, 2) : null);
  const cpuS = Object.fromEntries(Object.entries(o.pids).map(([k, pid]) => [k, round(cpuSecondsOf(pid) - (cpu0[k] ?? 0), 2) ?? 0]));
  // bounded wait for outstanding responses (and their polls)
  await Promise.race([Promise.allSettled([...inflight]), sleep(30_000)]);

  const okM = mutations.filter((m) => m.ok && m.id && m.version);
  const failures = [...new Set(mutations.filter((m) => !m.ok).map((m) => m.error ?? 'no response'))].slice(0, 5);
  if (backpressure) failures.push(`${backpressure} sends skipped: more than ${MAX_INFLIGHT} in flight`);

  // expected final version per contact
  const expected = new Map<string, number>();
  for (const m of okM) expected.set(m.id!, Math.max(expected.get(m.id!) ?? 0, m.version!));

  const db = new Client({ connectionString: o.databaseUrl });
  await db.connect();
  try {
    // drain: wait (bounded) until the read model holds every final version
    const drainStart = performance.now();
    let missing = expected.size;
    while (performance.now() - drainStart < 60_000) {
      const rows = (
        await db.query<{ id: string; version: number }>(`SELECT id::text AS id, version FROM contacts_read.contact_views WHERE tenant_id = $1`, [
          o.tenant,
        ])
      ).rows;
      const have = new Map(rows.map((r) => [r.id, Number(r.version)]));
      missing = [...expected].filter(([id, v]) => (have.get(id) ?? 0) < v).length;
      if (missing === 0) break;
      await sleep(200);
    }
    const drainMs = performance.now() - drainStart;
    // the whole work of the run's mutations, also what was still queued when sending stopped
    const spentDrained = cpuSpentSince(p0, pipelineCpu(pipelineProcesses, database));
    const foreignDrainedS = Object.entries(spentDrained.byPart).reduce((n, [part, sec]) => n + (FOREIGN_PARTS.has(part) ? sec : 0), 0);

    const rows = (
      await db.query<{ id: string; version: number; ms: number }>(
        `SELECT v.id::text AS id, v.version,
                EXTRACT(EPOCH FROM (v.projected_at - o.created_at)) * 1000 AS ms
           FROM contacts_read.contact_views v
           JOIN contacts_write.outbox o
             ON o.payload->>'aggregateId' = v.id::text
            AND (o.payload->>'aggregateVersion')::int = v.version
            AND o.payload->>'tenantId' = v.tenant_id
          WHERE v.tenant_id = $1`,
        [o.tenant],
      )
    ).rows;
    const byKey = new Map(rows.map((r) => [`${r.id}:${Number(r.version)}`, Number(r.ms)]));
    const readModel: { sentAt: number; ms: number }[] = [];
    let notMeasurable = 0;
    for (const m of okM) {
      const ms = byKey.get(`${m.id}:${m.version}`);
      if (ms === undefined) notMeasurable++;
      else readModel.push({ sentAt: m.sentAt - t0, ms });
    }
    const sampled = okM.filter((m) => m.sampled);
    const client = sampled.filter((m) => m.visibleAt !== undefined).map((m) => m.visibleAt! - m.respondedAt!);

    const windowS = Math.min(10, o.durationS / 3);
    const first = readModel.filter((r) => r.sentAt < windowS * 1000).map((r) => r.ms);
    const last = readModel.filter((r) => r.sentAt >= (o.durationS - windowS) * 1000).map((r) => r.ms);
    const firstMedian = summarize(first).p50;
    const lastMedian = summarize(last).p50;
    // a window without a single measured mutation (all failed, or not projected) cannot show that the lag holds
    const growing = firstMedian === null || lastMedian === null || (lastMedian > 2 * firstMedian && lastMedian > 20);

    return {
      rate: o.rate,
      durationS: o.durationS,
      cpuS,
      pipeline: {
        cpuS: round(pipelineS, 2) ?? 0,
        cores,
        cpuMsPerMutation: round(cpuMsPerMutation, 1),
        ceilingPerS: cpuMsPerMutation ? round((cores * 1000) / cpuMsPerMutation, 0) : null,
        ownCpuMsPerMutation: perMutationMs(pipelineS - foreignS),
        cpuMsPerMutationByPart: Object.fromEntries(Object.entries(spent.byPart).map(([part, sec]) => [part, perMutationMs(sec)])),
        untilDrained: {
          cpuS: round(spentDrained.total, 2) ?? 0,
          ownCpuMsPerMutation: perMutationMs(spentDrained.total - foreignDrainedS),
          cpuMsPerMutationByPart: Object.fromEntries(Object.entries(spentDrained.byPart).map(([part, sec]) => [part, perMutationMs(sec)])),
        },
      },
      sent: mutations.length,
      ok: okM.length,
      failed: mutations.length - okM.length,
      failures,
      creates: mutations.filter((m) => m.kind === 'create').length,
      updates: mutations.filter((m) => m.kind === 'update').length,
      achievedRate: round(mutations.length / ((sendEnd - t0) / 1000), 1) ?? 0,
      maxSendSlipMs: round(maxSlip) ?? 0,
      mutationLatencyMs: s(summarize(mutations.filter((m) => m.ok).map((m) => m.respondedAt! - m.sentAt))),
      readModelVisibilityMs: s(summarize(readModel.map((r) => r.ms))),
      readModelMeasured: readModel.length,
      readModelNotMeasurable: notMeasurable,
      missingAfterDrain: missing,
      drainMs: round(drainMs, 0) ?? 0,
      clientVisibilityMs: s(summarize(client)),
      clientSampled: sampled.length,
      clientTimedOut: sampled.filter((m) => m.pollTimedOut).length,
      lagGrowth: { windowS: round(windowS, 1) ?? 0, firstMedianMs: round(firstMedian), lastMedianMs: round(lastMedian), growing },
    };
  } finally {
    await db.end();
  }
}
