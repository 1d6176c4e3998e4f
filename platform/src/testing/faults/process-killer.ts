/**
 * Process killer for fault tests: runs a child process (a service entry point or a test worker
 * script), kills it with SIGKILL or SIGTERM at seeded random moments and starts it again.
 *
 *   const chaos = startProcessKiller({ command: process.execPath, args: [workerPath, json],
 *     seed: faultSeed('C1'), kills: 5, uptimeMs: [300, 1500], signals: ['SIGKILL'] });
 *   await chaos.finished;      // all kills done; the last incarnation keeps running
 *   await chaos.stop();        // SIGTERM the last incarnation and wait for its exit
 *   chaos.kills;               // what happened: pid, signal, uptime, exit code per kill
 *
 * The schedule (uptime before each kill, which signal) is drawn from `seed` only, so a failing run
 * is replayed with FAULT_SEED=<seed> (see `faultSeed`). When `readyLine` is given, the uptime is
 * counted from the first stdout line matching it (the child announced it is working).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { between, seededRandom } from './seeded-random';

export type KillSignal = 'SIGKILL' | 'SIGTERM';

export interface ProcessKillerOptions {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  seed: number;
  /** How many times the child is killed (and restarted). */
  kills: number;
  /** Uptime before each kill is uniform in [min, max] milliseconds. */
  uptimeMs: [number, number];
  /** Signals to choose from, uniformly (default SIGKILL only). */
  signals?: KillSignal[];
  /** Pause between a death and the restart (default 0). */
  restartDelayMs?: number;
  /** Count uptime from the first stdout line that matches (default: from spawn). */
  readyLine?: RegExp;
  /** Called with every output line of every incarnation (for diagnostics). */
  onLine?: (line: string, incarnation: number) => void;
}

export interface PlannedKill {
  /** Uptime the child gets before the signal. */
  afterMs: number;
  signal: KillSignal;
}

/** The kill schedule of a seed: pure, so the same seed always plans the same kills. */
export function planKills(seed: number, kills: number, uptimeMs: [number, number], signals: KillSignal[] = ['SIGKILL']): PlannedKill[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: kills }, () => ({
    afterMs: between(rnd, uptimeMs[0], uptimeMs[1]),
    signal: signals[Math.floor(rnd() * signals.length)]!,
  }));
}

export interface KillRecord {
  incarnation: number;
  pid: number;
  signal: KillSignal;
  /** Milliseconds the child ran (since ready, when `readyLine` is set) before the signal. */
  uptimeMs: number;
  exitCode: number | null;
  exitSignal: string | null;
}

export interface ProcessKiller {
  readonly seed: number;
  readonly plan: PlannedKill[];
  readonly kills: KillRecord[];
  /** Incarnations started so far (kills + 1 once finished). */
  readonly starts: number;
  /** Resolves once every scheduled kill happened and the last incarnation was started. */
  readonly finished: Promise<void>;
  /** Last output lines (all incarnations), for failure messages. */
  tail(lines?: number): string;
  /** Stops killing, SIGTERMs the running incarnation and waits for it to exit. */
  stop(): Promise<{ exitCode: number | null; exitSignal: string | null }>;
}

interface Incarnation {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<{ exitCode: number | null; exitSignal: string | null }>;
}

/**
 * Signals a child only if it really runs. A child whose spawn failed (ENOENT…) has no pid, yet until
 * Node reports the failure on the next tick `child.kill()` still signals the pid field of the
 * unspawned handle, which may be 0: the caller's whole process group (the test runner, npm, the
 * CI task) would get the signal.
 */
export function signalChild(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
}

export function startProcessKiller(options: ProcessKillerOptions): ProcessKiller {
  const plan = planKills(options.seed, options.kills, options.uptimeMs, options.signals);
  const kills: KillRecord[] = [];
  const lines: string[] = [];
  let starts = 0;
  let stopping = false;
  let current: Incarnation | null = null;
  let wakeStop: (() => void) | null = null;

  const spawnOne = (): Incarnation => {
    const incarnation = ++starts;
    const child = spawn(options.command, options.args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let markReady: () => void = () => undefined;
    const ready = options.readyLine ? new Promise<void>((r) => (markReady = r)) : Promise.resolve();
    const onData = (stream: 'out' | 'err') => {
      let buffered = '';
      return (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        let i: number;
        while ((i = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, i);
          buffered = buffered.slice(i + 1);
          lines.push(`[#${incarnation} ${stream}] ${line}`);
          if (lines.length > 400) lines.shift();
          if (stream === 'out' && options.readyLine?.test(line)) markReady();
          options.onLine?.(line, incarnation);
        }
      };
    };
    child.stdout!.on('data', onData('out'));
    child.stderr!.on('data', onData('err'));
    const exited = new Promise<{ exitCode: number | null; exitSignal: string | null }>((resolve) => {
      child.once('exit', (exitCode, exitSignal) => resolve({ exitCode, exitSignal }));
      child.once('error', (err) => {
        lines.push(`[#${incarnation} spawn] ${err.message}`);
        resolve({ exitCode: null, exitSignal: null });
      });
    }).then((exit) => {
      markReady(); // a child that dies before it is ready must not block the schedule
      return exit;
    });
    return { child, ready, exited };
  };

  /** Sleeps `ms`, or less when stop() is called. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopping) return resolve();
      const t = setTimeout(resolve, ms);
      wakeStop = () => {
        clearTimeout(t);
        resolve();
      };
    });

  const finished = (async () => {
    current = spawnOne();
    for (const { afterMs: uptime, signal } of plan) {
      if (stopping) break;
      const inc = current;
      await Promise.race([inc.ready, inc.exited]);
      const readyAt = Date.now();
      await Promise.race([pause(uptime), inc.exited]);
      if (stopping) break;
      const ranMs = Date.now() - readyAt;
      signalChild(inc.child, signal);
      const exit = await inc.exited;
      kills.push({ incarnation: starts, pid: inc.child.pid ?? -1, signal, uptimeMs: ranMs, ...exit });
      if (options.restartDelayMs) await pause(options.restartDelayMs);
      if (stopping) break;
      current = spawnOne();
    }
  })();

  return {
    seed: options.seed,
    plan,
    kills,
    get starts() {
      return starts;
    },
    finished,
    tail: (n = 40) => lines.slice(-n).join('\n'),
    async stop() {
      stopping = true;
      wakeStop?.();
      await finished.catch(() => undefined);
      const inc = current;
      if (!inc) return { exitCode: null, exitSignal: null };
      signalChild(inc.child, 'SIGTERM');
      const timer = setTimeout(() => signalChild(inc.child, 'SIGKILL'), 15_000);
      const exit = await inc.exited;
      clearTimeout(timer);
      return exit;
    },
  };
}
