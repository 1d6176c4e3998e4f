import { performance } from 'node:perf_hooks';
import { serviceRegistry } from '@crm/platform/registry';
import { rssMiBOf, sleep, spawnNode } from '../lib/proc';
import { baseEnv } from '../lib/services';

export interface StartupResult {
  label: string;
  /** Spawn → the "CRM platform ready" line. */
  readyMs: number;
  /** What the platform itself reports ("ready in N ms"). */
  selfReportedMs: number | null;
  rssAtReadyMiB: number | null;
  rssAfterIdleMiB: number | null;
  idleS: number;
  stopMs: number;
  exit: string;
}

/**
 * `npm start` without backends (every service of services.json in one process) (embedded PGlite, in-process bus, in-memory cache): time to the
 * ready line and resident memory, then SIGTERM. The data dir is reused between calls.
 */
export async function measureStartup(root: string, dataDir: string, label: string, idleS = 5): Promise<StartupResult> {
  const env = {
    ...baseEnv(),
    DATA_DIR: dataDir,
    GATEWAY_PORT: '0',
    // every registered service on an ephemeral port (services.json)
    ...Object.fromEntries(serviceRegistry().services.map((s) => [s.portEnv, '0'])),
    HOST: '127.0.0.1',
  };
  const t0 = performance.now();
  const child = spawnNode(`npm start (${label})`, ['supergraph/dist/start-all.js'], env, root);
  try {
    const line = await child.waitForLine(/CRM platform ready/, 180_000);
    const readyMs = Math.round(performance.now() - t0);
    const rssAtReadyMiB = rssMiBOf(child.pid);
    const self = /ready in (\d+) ms/.exec(line);
    await sleep(idleS * 1000);
    const rssAfterIdleMiB = rssMiBOf(child.pid);
    const s0 = performance.now();
    await child.stop(20_000);
    return {
      label,
      readyMs,
      selfReportedMs: self ? Number(self[1]) : null,
      rssAtReadyMiB,
      rssAfterIdleMiB,
      idleS,
      stopMs: Math.round(performance.now() - s0),
      exit: await child.exited,
    };
  } finally {
    await child.stop(5000);
  }
}
