import { randomBytes } from 'node:crypto';
import { graphql } from './http';
import { closedLoop, type ClosedLoopResult } from './load';
import { round, summarize } from './stats';

/** Unique per request (autocannon `[<id>]`), so no contender can deduplicate requests. */
export const NONCE_HEADER = 'x-bench-nonce';

const log = (msg: string) => process.stdout.write(`${msg}\n`);

/** One GraphQL operation as the load generator sends it. */
export interface Operation {
  query: string;
  variables: Record<string, unknown>;
  operationName: string;
}

export const bodyOf = (op: Operation): string => JSON.stringify({ query: op.query, variables: op.variables, operationName: op.operationName });

export interface SampleCheck {
  ok: boolean;
  status: number;
  bytes: number;
  /** Contacts in the answer (every operation of the bench lists 20). */
  nodes: number;
  problem?: string;
}

export interface LoadScenario extends ClosedLoopResult {
  id: string;
  name: string;
  servingCpuS: number;
  reqPerCpuS: number | null;
  sampleBefore: SampleCheck;
  sampleAfter: SampleCheck;
}

/** Compares an answer's `data` with the expected one (the same bytes after JSON parsing). */
export type DataCheck = (data: unknown) => string | undefined;

/** One request outside the load: HTTP 200, no `errors`, 20 contacts and, if given, the expected data. */
export async function checkSample(url: string, op: Operation, headers: Record<string, string>, check?: DataCheck): Promise<SampleCheck> {
  try {
    const r = await graphql<{ contacts?: { nodes?: unknown[] } }>(url, op.query, op.variables, {
      ...headers,
      [NONCE_HEADER]: `sample-${randomBytes(6).toString('hex')}`,
    });
    const nodes = r.data?.contacts?.nodes?.length ?? 0;
    const problem =
      r.status !== 200
        ? `HTTP ${r.status}: ${r.raw.slice(0, 300)}`
        : r.raw.includes('"errors"')
          ? `errors: ${r.raw.slice(0, 300)}`
          : nodes !== 20
            ? `${nodes} nodes instead of 20`
            : check?.(r.data);
    return { ok: !problem, status: r.status, bytes: Buffer.byteLength(r.raw), nodes, ...(problem ? { problem } : {}) };
  } catch (err) {
    return { ok: false, status: 0, bytes: 0, nodes: 0, problem: (err as Error).message };
  }
}

export interface LoadScenarioOptions {
  id: string;
  name: string;
  url: string;
  op: Operation;
  headers: () => Record<string, string>;
  /** Serving processes whose CPU counts. */
  pids: Record<string, number>;
  connections: number;
  warmupS: number;
  durationS: number;
  /** Check a sample before and after the window (off for the floor, which answers canned bytes). */
  verify: boolean;
  check?: DataCheck;
}

/** A closed-loop run with a sample check on each side of it; throws when the first sample is wrong. */
export async function loadScenario(o: LoadScenarioOptions): Promise<LoadScenario> {
  const { latencies: _latencies, ...scenario } = await loadScenarioWithLatencies(o);
  return scenario;
}

/** loadScenario, also returning every response time of the window (for merging repeated runs). */
export async function loadScenarioWithLatencies(o: LoadScenarioOptions): Promise<LoadScenario & { latencies: number[] }> {
  log(`\n${o.id}: ${o.name} — ${o.warmupS} s warm-up + ${o.durationS} s measured, ${o.connections} connections (closed loop)`);
  const skipped: SampleCheck = { ok: true, status: 200, bytes: 0, nodes: 0 };
  const sampleBefore = o.verify ? await checkSample(o.url, o.op, o.headers(), o.check) : skipped;
  if (!sampleBefore.ok) throw new Error(`${o.id}: the response sample is wrong before the run: ${sampleBefore.problem}`);
  const { latencies, ...r } = await closedLoop({
    url: o.url,
    body: bodyOf(o.op),
    headers: o.headers(),
    nonceHeader: NONCE_HEADER,
    connections: o.connections,
    warmupS: o.warmupS,
    durationS: o.durationS,
    pids: o.pids,
  });
  const sampleAfter = o.verify ? await checkSample(o.url, o.op, o.headers(), o.check) : skipped;
  const servingCpuS =
    round(
      Object.values(r.cpuS).reduce((s, v) => s + v, 0),
      3,
    ) ?? 0;
  const result: LoadScenario = {
    id: o.id,
    name: o.name,
    ...r,
    servingCpuS,
    reqPerCpuS: servingCpuS > 0 ? round(r.requests / servingCpuS, 0) : null,
    sampleBefore,
    sampleAfter,
  };
  log(
    `  ${r.rps} req/s, p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, p99 ${r.latencyMs.p99} ms, ` +
      `CPU ${Object.entries(r.cpuS)
        .map(([k, v]) => `${k} ${v} s`)
        .join(' + ')}, generator ${r.generatorCpuS} s, other ${r.otherCpuS} s (softirq ${r.softirqS}, steal ${r.stealS}); ` +
      `non-2xx ${r.non2xx}, errors ${r.errors}${sampleAfter.ok ? '' : `; sample after: ${sampleAfter.problem}`}`,
  );
  return { ...result, latencies };
}

/** Repeated runs of one scenario as one: sums of requests, time and CPU; percentiles over every response. */
export function mergeRuns(runs: readonly (LoadScenario & { latencies: number[] })[]): LoadScenario {
  const first = runs[0]!;
  const sum = (pick: (r: LoadScenario) => number) => runs.reduce((acc, r) => acc + pick(r), 0);
  const requests = sum((r) => r.requests);
  const elapsedS = sum((r) => r.elapsedS);
  const cpuS: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.cpuS)) cpuS[k] = round((cpuS[k] ?? 0) + v, 3) ?? 0;
  const servingCpuS =
    round(
      sum((r) => r.servingCpuS),
      3,
    ) ?? 0;
  const s = summarize(runs.flatMap((r) => r.latencies));
  const wrong = runs.flatMap((r) => [r.sampleBefore, r.sampleAfter]).find((x) => !x.ok);
  return {
    id: first.id,
    name: first.name,
    requests,
    elapsedS: round(elapsedS, 3) ?? 0,
    rps: round(requests / elapsedS, 1) ?? 0,
    latencyMs: { p50: round(s.p50), p95: round(s.p95), p99: round(s.p99), max: round(s.max) },
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    cpuS,
    generatorCpuS:
      round(
        sum((r) => r.generatorCpuS),
        3,
      ) ?? 0,
    otherCpuS:
      round(
        sum((r) => r.otherCpuS),
        2,
      ) ?? 0,
    softirqS:
      round(
        sum((r) => r.softirqS),
        2,
      ) ?? 0,
    stealS:
      round(
        sum((r) => r.stealS),
        2,
      ) ?? 0,
    warmupRequests: sum((r) => r.warmupRequests),
    servingCpuS,
    reqPerCpuS: servingCpuS > 0 ? round(requests / servingCpuS, 0) : null,
    sampleBefore: first.sampleBefore,
    sampleAfter: wrong ?? runs[runs.length - 1]!.sampleAfter,
  };
}

/** Serialises JSON with object keys sorted, so two answers compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A DataCheck against a golden answer. */
export function sameDataAs(golden: unknown): DataCheck {
  const expected = canonicalJson(golden);
  return (data) => (canonicalJson(data) === expected ? undefined : 'data differs from the golden answer');
}
