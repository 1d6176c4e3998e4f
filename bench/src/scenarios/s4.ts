import { graphql } from '../lib/http';
import { canonicalJson, loadScenario, sameDataAs, type LoadScenario, type Operation } from '../lib/scenario';
import { round } from '../lib/stats';

/**
 * S4: the read side's cache path, measured straight on contacts-read (signed principal, no gateway)
 * with the list query of S1:
 * - hit: contacts-read with Redis, cache warm. A list read costs two Redis round trips (the
 *   tenant's list generation, then the cached page) and no SQL.
 * - miss: the same process, cache bypassed. contacts-read skips the list cache whenever the request
 *   carries a consistency token; the bench sends one for an aggregate type contacts-read does not
 *   wait on (`bench:<uuid>:1`), so every request runs the page query on PostgreSQL (TypeORM) and
 *   nothing else changes.
 * - in-memory baseline: a second contacts-read process on the same database without REDIS_URL
 *   (the in-memory LRU cache; no projector), warm. Same resolver, same cached page, no network.
 * Target (performance.md §6): hit ≥ 0.8× the in-memory baseline in requests per CPU-second.
 */
export const MISS_CONSISTENCY_TOKEN = 'bench:00000000-0000-4000-8000-000000000000:1';

export interface S4Options {
  op: Operation;
  readUrl: string;
  readPid: number;
  memoryUrl: string;
  memoryPid: number;
  principal: () => string;
  connections: number;
  warmupS: number;
  durationS: number;
}

export interface S4Result {
  hit: LoadScenario;
  miss: LoadScenario;
  memory: LoadScenario;
  /** hit / in-memory, requests per CPU-second of the read process (the target's measure). */
  hitVsMemoryPerCpuS: number | null;
  hitVsMemoryRps: number | null;
  missVsHitPerCpuS: number | null;
}

export interface S4Variant {
  id: 'hit' | 'miss' | 'memory';
  url: string;
  headers: () => Record<string, string>;
}

export function s4Variants(o: Pick<S4Options, 'readUrl' | 'memoryUrl' | 'principal'>): S4Variant[] {
  return [
    { id: 'hit', url: `${o.readUrl}/graphql`, headers: () => ({ 'x-crm-principal': o.principal() }) },
    { id: 'miss', url: `${o.readUrl}/graphql`, headers: () => ({ 'x-crm-principal': o.principal(), 'x-consistency-token': MISS_CONSISTENCY_TOKEN }) },
    { id: 'memory', url: `${o.memoryUrl}/graphql`, headers: () => ({ 'x-crm-principal': o.principal() }) },
  ];
}

/** The three variants must give the same contacts (the page of the same read model). */
export async function compareVariants(op: Operation, variants: readonly S4Variant[]): Promise<{ golden: unknown; problems: string[] }> {
  const answers = await Promise.all(
    variants.map(async (v) => ({ v, r: await graphql<Record<string, unknown>>(v.url, op.query, op.variables, v.headers()) })),
  );
  const golden = answers[0]?.r.data;
  const problems: string[] = [];
  for (const { v, r } of answers) {
    if (r.status !== 200 || r.errors || !r.data) problems.push(`${v.id}: HTTP ${r.status} ${r.raw.slice(0, 300)}`);
    else if (canonicalJson(r.data) !== canonicalJson(golden)) problems.push(`${v.id}: data differs from ${answers[0]!.v.id}`);
  }
  return { golden, problems };
}

export async function runS4(o: S4Options): Promise<S4Result> {
  const variants = s4Variants(o);
  const cmp = await compareVariants(o.op, variants);
  if (cmp.problems.length) throw new Error(`S4: the variants do not give the same answer: ${cmp.problems.join(' | ')}`);
  const check = sameDataAs(cmp.golden);
  const names = {
    hit: 'contacts-read, Redis cache warm',
    miss: 'contacts-read, cache bypassed (PostgreSQL)',
    memory: 'contacts-read, in-memory cache (baseline)',
  };
  const out: Partial<Record<S4Variant['id'], LoadScenario>> = {};
  for (const v of variants) {
    out[v.id] = await loadScenario({
      id: `S4 ${v.id}`,
      name: names[v.id],
      url: v.url,
      op: o.op,
      headers: v.headers,
      pids: { [v.id === 'memory' ? 'contacts-read-memory' : 'contacts-read']: v.id === 'memory' ? o.memoryPid : o.readPid },
      connections: o.connections,
      warmupS: o.warmupS,
      durationS: o.durationS,
      verify: true,
      check,
    });
  }
  const hit = out.hit!;
  const miss = out.miss!;
  const memory = out.memory!;
  const r = (a: number | null, b: number | null) => (a && b ? round(a / b, 3) : null);
  return {
    hit,
    miss,
    memory,
    hitVsMemoryPerCpuS: r(hit.reqPerCpuS, memory.reqPerCpuS),
    hitVsMemoryRps: r(hit.rps, memory.rps),
    missVsHitPerCpuS: r(miss.reqPerCpuS, hit.reqPerCpuS),
  };
}
