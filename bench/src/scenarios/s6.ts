import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { graphql, httpRequest } from '../lib/http';
import { cpuSpentSince, FOREIGN_PARTS, pipelineCpu, sleep } from '../lib/proc';
import { round, summarize, type Summary } from '../lib/stats';

const OPEN_WALLET = `mutation BenchOpenWallet($contactId: String!) { openWallet(contactId: $contactId) { walletId errors { code message } } }`;
const CREDIT = `mutation BenchCredit($input: LedgerCreditInput!, $key: String!) { ledgerCredit(input: $input, idempotencyKey: $key) { transaction { id } errors { code message } } }`;

export interface S6Options {
  gatewayUrl: string;
  databaseUrl: string;
  tenant: string;
  /** Open-loop transfer rates (spread over the wallets), one run each. */
  rates: number[];
  /** The rate of the hot-wallet open loop (every transfer from one wallet). */
  hotRate: number;
  durationS: number;
  wallets: number;
  /** Closed-loop throughput runs (spread, then hot): connections and seconds. */
  connections: number;
  closedLoopS: number;
  /** gateway, ledger-write, ledger-read. */
  pids: Record<string, number>;
}

export interface S6Run {
  variant: 'spread' | 'hot';
  rate: number;
  sent: number;
  ok: number;
  failed: number;
  failures: string[];
  achievedRate: number;
  latencyMs: Summary;
  /** Whole pipeline (gateway, ledger services, PostgreSQL of the bench database and server, Redis, Kafka, the generator) per transfer, send window plus in-flight drain. */
  cpuMsPerTransfer: number | null;
  /** The same without other databases' PostgreSQL backends (other users of the box). */
  ownCpuMsPerTransfer: number | null;
  cpuMsPerTransferByPart: Record<string, number | null>;
}

export interface S6Result {
  wallets: number;
  open: S6Run[];
  closed: {
    spreadPerS: number;
    hotPerS: number;
    hotVsSpread: number | null;
    connections: number;
    seconds: number;
    spreadFailed: number;
    hotFailed: number;
  };
}

const amountOf = () => 0.01;

/**
 * S6 (issue 11): money transfers through the REST facade (POST /self-service/v2/transfers, each
 * with its own Idempotency-Key) at fixed rates, open loop, between wallets chosen at random
 * ("spread") or all from one wallet ("hot"); latency percentiles and the whole pipeline's CPU per
 * transfer. Then closed-loop throughput spread vs hot: the hot wallet serialises on its row lock,
 * the question is how much throughput that costs.
 */
export async function runS6(o: S6Options): Promise<S6Result> {
  const headers = { 'x-dev-tenant': o.tenant };
  const gql = `${o.gatewayUrl}/graphql`;
  const wallets: string[] = [];
  for (let i = 0; i < o.wallets; i++) {
    const r = await graphql<{ openWallet: { walletId: string | null; errors: { message: string }[] } }>(
      gql,
      OPEN_WALLET,
      { contactId: randomUUID() },
      headers,
    );
    const id = r.data?.openWallet.walletId;
    if (!id) throw new Error(`S6: openWallet failed: ${r.raw.slice(0, 300)}`);
    const c = await graphql<{ ledgerCredit: { errors: { message: string }[] } }>(
      gql,
      CREDIT,
      { input: { account: { walletId: id }, amount: '1000000.00', currency: 'EUR', type: 'TOP_UP' }, key: `s6-fund-${id}` },
      headers,
    );
    if (!c.data || c.data.ledgerCredit.errors.length) throw new Error(`S6: credit failed: ${c.raw.slice(0, 300)}`);
    wallets.push(id);
  }
  const pick = (hot: boolean): [string, string] => {
    const from = hot ? 0 : Math.floor(Math.random() * wallets.length);
    const to = (from + 1 + Math.floor(Math.random() * (wallets.length - 1))) % wallets.length;
    return [wallets[from]!, wallets[to]!];
  };
  const transfer = async (hot: boolean): Promise<{ ok: boolean; ms: number; error?: string }> => {
    const [from, to] = pick(hot);
    const t = performance.now();
    try {
      const r = await httpRequest(`${o.gatewayUrl}/self-service/v2/transfers`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': `s6-${randomUUID()}` },
        body: JSON.stringify({ origin: { wallet_id: from }, destination: { wallet_id: to }, amount: amountOf() }),
        timeoutMs: 15_000,
      });
      return { ok: r.status === 201, ms: performance.now() - t, ...(r.status === 201 ? {} : { error: `${r.status} ${r.body.slice(0, 200)}` }) };
    } catch (err) {
      return { ok: false, ms: performance.now() - t, error: (err as Error).message };
    }
  };
  const processes = { ...o.pids, generator: process.pid };
  const database = new URL(o.databaseUrl).pathname.replace(/^\//, '');

  const openLoop = async (variant: 'spread' | 'hot', rate: number): Promise<S6Run> => {
    const total = Math.round(rate * o.durationS);
    const interval = 1000 / rate;
    const results: { ok: boolean; ms: number; error?: string }[] = [];
    const inflight = new Set<Promise<void>>();
    const p0 = pipelineCpu(processes, database);
    const t0 = performance.now();
    for (let i = 0; i < total; i++) {
      const due = t0 + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const p: Promise<void> = transfer(variant === 'hot').then((r) => void results.push(r));
      const tracked = p.finally(() => inflight.delete(tracked));
      inflight.add(tracked);
    }
    await Promise.allSettled([...inflight]);
    const elapsedS = (performance.now() - t0) / 1000;
    const spent = cpuSpentSince(p0, pipelineCpu(processes, database));
    const foreign = Object.entries(spent.byPart).reduce((n, [part, s]) => n + (FOREIGN_PARTS.has(part) ? s : 0), 0);
    const per = (s: number) => (total > 0 ? round((s * 1000) / total, 2) : null);
    const failedResults = results.filter((r) => !r.ok);
    return {
      variant,
      rate,
      sent: total,
      ok: results.length - failedResults.length,
      failed: failedResults.length,
      failures: [...new Set(failedResults.map((r) => r.error ?? 'no answer'))].slice(0, 5),
      achievedRate: round(total / elapsedS, 1) ?? 0,
      latencyMs: ((x: Summary) => ({ n: x.n, p50: round(x.p50), p95: round(x.p95), p99: round(x.p99), max: round(x.max) }))(
        summarize(results.filter((r) => r.ok).map((r) => r.ms)),
      ),
      cpuMsPerTransfer: per(spent.total),
      ownCpuMsPerTransfer: per(spent.total - foreign),
      cpuMsPerTransferByPart: Object.fromEntries(Object.entries(spent.byPart).map(([k, s]) => [k, per(s)])),
    };
  };

  const closedLoop = async (hot: boolean): Promise<{ perS: number; failed: number }> => {
    let done = 0;
    let failed = 0;
    const end = performance.now() + o.closedLoopS * 1000;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: o.connections }, async () => {
        while (performance.now() < end) {
          const r = await transfer(hot);
          if (r.ok) done++;
          else failed++;
        }
      }),
    );
    return { perS: round(done / ((performance.now() - t0) / 1000), 1) ?? 0, failed };
  };

  // warm the transfer path (untimed)
  for (let i = 0; i < 20; i++) await transfer(false);
  const open: S6Run[] = [];
  for (const rate of o.rates) open.push(await openLoop('spread', rate));
  open.push(await openLoop('hot', o.hotRate));
  const spread = await closedLoop(false);
  const hot = await closedLoop(true);
  return {
    wallets: wallets.length,
    open,
    closed: {
      spreadPerS: spread.perS,
      hotPerS: hot.perS,
      hotVsSpread: spread.perS > 0 ? round(hot.perS / spread.perS, 2) : null,
      connections: o.connections,
      seconds: o.closedLoopS,
      spreadFailed: spread.failed,
      hotFailed: hot.failed,
    },
  };
}

export const S6_TARGETS = { cpuMsPerTransfer: 10, p99At50: 100, hotVsSpread: 0.5, cores: cpus().length };
