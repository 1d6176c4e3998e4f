import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { cpuSecondsOf, machineCpu } from './proc';
import { round, summarize } from './stats';

export interface ClosedLoopOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** Header whose value is unique per request (autocannon replaces [<id>] on every request). */
  nonceHeader: string;
  connections: number;
  warmupS: number;
  durationS: number;
  /** Serving processes whose CPU is measured over the measured window. */
  pids: Record<string, number>;
}

export interface ClosedLoopResult {
  requests: number;
  elapsedS: number;
  rps: number;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null; max: number | null };
  non2xx: number;
  errors: number;
  /** CPU seconds per serving process during the measured window. */
  cpuS: Record<string, number>;
  /** CPU seconds of this process (the load generator) during the window. */
  generatorCpuS: number;
  /** Machine-wide busy CPU seconds not accounted for by the serving processes or the generator. */
  otherCpuS: number;
  /** Of which kernel softirq time (loopback networking is mostly here, charged to no process). */
  softirqS: number;
  /** CPU stolen by the hypervisor during the window. */
  stealS: number;
  warmupRequests: number;
}

/**
 * One autocannon run covering warm-up + measured window: requests completed during the warm-up
 * are discarded; CPU of the serving processes is read from /proc right at the window edges.
 */
export function closedLoop(o: ClosedLoopOptions): Promise<ClosedLoopResult & { latencies: number[] }> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let measuring = false;
    let warmupRequests = 0;
    let non2xx = 0;
    let errors = 0;
    let cpu0: Record<string, number> = {};
    let gen0 = process.cpuUsage();
    let m0 = machineCpu();
    let t0 = 0;
    let result: ClosedLoopResult | null = null;
    const startTimer = setTimeout(() => {
      cpu0 = Object.fromEntries(Object.entries(o.pids).map(([k, pid]) => [k, cpuSecondsOf(pid)]));
      gen0 = process.cpuUsage();
      m0 = machineCpu();
      t0 = performance.now();
      measuring = true;
    }, o.warmupS * 1000);
    const endTimer = setTimeout(
      () => {
        measuring = false;
        const elapsedS = (performance.now() - t0) / 1000;
        const cpuS = Object.fromEntries(Object.entries(o.pids).map(([k, pid]) => [k, round(cpuSecondsOf(pid) - (cpu0[k] ?? 0), 3) ?? 0]));
        const g = process.cpuUsage(gen0);
        const generatorCpuS = (g.user + g.system) / 1e6;
        const m1 = machineCpu();
        const busy = m1.busy - m0.busy;
        const ours = Object.values(cpuS).reduce((s, v) => s + v, 0) + generatorCpuS;
        const s = summarize(latencies);
        result = {
          requests: latencies.length,
          elapsedS: round(elapsedS, 3) ?? 0,
          rps: round(latencies.length / elapsedS, 1) ?? 0,
          latencyMs: { p50: round(s.p50), p95: round(s.p95), p99: round(s.p99), max: round(s.max) },
          non2xx,
          errors,
          cpuS,
          generatorCpuS: round(generatorCpuS, 3) ?? 0,
          otherCpuS: round(Math.max(0, busy - ours), 2) ?? 0,
          softirqS: round(m1.softirq - m0.softirq, 2) ?? 0,
          stealS: round(m1.steal - m0.steal, 2) ?? 0,
          warmupRequests,
        };
        instance.stop();
      },
      (o.warmupS + o.durationS) * 1000,
    );
    const instance = autocannon(
      {
        url: o.url,
        connections: o.connections,
        // stopped explicitly at the end of the window; the duration is only a safety bound
        duration: o.warmupS + o.durationS + 30,
        timeout: 10,
        method: 'POST',
        body: o.body,
        headers: { 'content-type': 'application/json', ...o.headers, [o.nonceHeader]: 'bench-[<id>]' },
        idReplacement: true,
      },
      (err: Error | null) => {
        clearTimeout(startTimer);
        clearTimeout(endTimer);
        if (err) reject(err);
        else if (result) resolve({ ...result, latencies });
        else reject(new Error('autocannon finished before the measured window ended'));
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (!measuring) {
        warmupRequests++;
        return;
      }
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode > 299) non2xx++;
    });
    instance.on('reqError', () => {
      if (measuring) errors++;
    });
  });
}
