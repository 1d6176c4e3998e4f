import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Clock ticks per second for /proc/<pid>/stat (getconf CLK_TCK, 100 when unknown). */
export const CLK_TCK: number = (() => {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 2000 }).trim());
    return Number.isFinite(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
})();

/** utime+stime of one process in CPU seconds (0 when it has gone). */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after "(comm)": state is field 3, utime field 14, stime field 15
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** Machine-wide CPU seconds (all cores) from /proc/stat: busy (user+nice+system+irq+softirq) and steal. */
export function machineCpu(): { busy: number; softirq: number; steal: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const v = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map((x) => Number(x) || 0);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = v;
    return { busy: (user + nice + system + irq + softirq) / CLK_TCK, softirq: softirq / CLK_TCK, steal: steal / CLK_TCK };
  } catch {
    return { busy: 0, softirq: 0, steal: 0 };
  }
}

/** One process of the pipeline: what it is (`part`) and its CPU seconds so far. */
export interface PipelineProcess {
  part: string;
  s: number;
}

/**
 * CPU seconds of every process of the pipeline: the given processes (named) plus the local
 * backends found by name, keyed by pid so a later snapshot can be subtracted. PostgreSQL is split
 * three ways: the backends connected to `database` (the bench's own), the server's background
 * processes (WAL writer, checkpointer...: shared with everyone), and backends of other databases
 * (other users of the box: not the pipeline's, reported apart). Redis and the Kafka broker are
 * shared with other users too and cannot be split. Other work on the machine is left out.
 */
export function pipelineCpu(processes: Record<string, number>, database?: string): Map<number, PipelineProcess> {
  const out = new Map<number, PipelineProcess>();
  for (const [part, pid] of Object.entries(processes)) out.set(pid, { part, s: cpuSecondsOf(pid) });
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const d of entries) {
    try {
      const comm = readFileSync(`/proc/${d}/comm`, 'utf8').trim();
      let part: string | null = null;
      if (comm === 'postgres') part = postgresPart(readFileSync(`/proc/${d}/cmdline`, 'utf8'), database);
      else if (comm === 'redis-server') part = 'redis';
      else if (comm === 'java' && readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('kafka.Kafka')) part = 'kafka';
      if (part) out.set(Number(d), { part, s: cpuSecondsOf(Number(d)) });
    } catch {
      /* the process has gone */
    }
  }
  return out;
}

/** A PostgreSQL process's part from its title (`postgres: <user> <database> <client> <state>` for a backend). */
function postgresPart(cmdline: string, database: string | undefined): string {
  // "postgres: [<cluster>: ]<user> <database> <client> <state>" for a backend ("15/main: postgres
  // crm_t_bench_x 127.0.0.1(5123) idle"); background processes read "postgres: 15/main: walwriter"
  const title = cmdline.replace(/\0/g, ' ').trim();
  const backend = /^postgres: (?:\S+: )?(\S+) (\S+) (\[local\]|[\d.:a-f]+\(\d+\)|localhost\(\d+\))/.exec(title);
  if (!backend) return 'postgres (server background)';
  return database && backend[2] === database ? 'postgres (bench database)' : 'postgres (other databases)';
}

/** Parts that are not the pipeline's own work: other users' database backends. */
export const FOREIGN_PARTS: ReadonlySet<string> = new Set(['postgres (other databases)']);

/** CPU seconds spent between two pipelineCpu snapshots, in total and per part (processes started in between count whole). */
export function cpuSpentSince(
  before: Map<number, PipelineProcess>,
  after: Map<number, PipelineProcess>,
): { total: number; byPart: Record<string, number> } {
  let total = 0;
  const byPart: Record<string, number> = {};
  for (const [pid, p] of after) {
    const spent = Math.max(0, p.s - (before.get(pid)?.s ?? 0));
    total += spent;
    byPart[p.part] = (byPart[p.part] ?? 0) + spent;
  }
  return { total, byPart };
}

/** Resident memory of a process in MiB (VmRSS), or null. */
export function rssMiBOf(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export { sleep };

/* ------------------------------------------------------------------ cleanup registry */

type Cleanup = { label: string; fn: () => Promise<void> };
const cleanups: Cleanup[] = [];
let cleaning: Promise<void> | null = null;

/** Registers a cleanup step; steps run in reverse order. Returns a function that runs and removes it. */
export function onCleanup(label: string, fn: () => Promise<void>): () => Promise<void> {
  const entry: Cleanup = { label, fn };
  cleanups.push(entry);
  return async () => {
    const i = cleanups.indexOf(entry);
    if (i < 0) return;
    cleanups.splice(i, 1);
    await runStep(entry);
  };
}

async function runStep(c: Cleanup): Promise<void> {
  try {
    await Promise.race([
      c.fn(),
      sleep(30_000).then(() => {
        throw new Error('timed out after 30 s');
      }),
    ]);
  } catch (err) {
    process.stderr.write(`cleanup "${c.label}" failed: ${(err as Error).message}\n`);
  }
}

export function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) await runStep(cleanups.pop()!);
  })();
  return cleaning;
}

let handlersInstalled = false;
export function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const bail = (why: string, code: number) => {
    process.stderr.write(`\n${why}: cleaning up child processes, databases and temporary folders...\n`);
    void cleanupAll().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => bail('interrupted (SIGINT)', 130));
  process.once('SIGTERM', () => bail('terminated (SIGTERM)', 143));
  process.on('uncaughtException', (err) => bail(`uncaught exception: ${err.stack ?? err.message}`, 1));
  process.on('unhandledRejection', (err) => bail(`unhandled rejection: ${(err as Error)?.stack ?? String(err)}`, 1));
}

/* ------------------------------------------------------------------ child processes */

export interface Child {
  name: string;
  pid: number;
  proc: ChildProcess;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<string>;
  hasExited(): boolean;
  /** The last ~64 KB of stdout+stderr. */
  output(): string;
  /** Resolves when a line matching `pattern` appears (rejects on exit or timeout). */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when gone. */
  stop(graceMs?: number): Promise<void>;
}

const OUTPUT_KEEP = 64 * 1024;

/**
 * Spawns `node <args>` (no shell, so the pid is the node process itself) and tracks it for cleanup.
 * With `cpus`, through `taskset -c <cpus>`, which execs node in place: the pid is still node's.
 */
export function spawnNode(name: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, cpus: string | null = null): Child {
  const nodeArgs = ['--require', join(__dirname, 'exit-with-parent.js'), ...args];
  const [cmd, argv] = cpus ? ['taskset', ['-c', cpus, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const proc = spawn(cmd, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (proc.pid === undefined) throw new Error(`could not spawn ${name}`);
  const pid = proc.pid;
  let out = '';
  let pending = '';
  const lineWaiters: { pattern: RegExp; resolve: (l: string) => void }[] = [];
  let exitedFlag = false;
  const onData = (chunk: Buffer) => {
    const s = chunk.toString('utf8');
    out = (out + s).slice(-OUTPUT_KEEP);
    pending += s;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      for (let i = lineWaiters.length - 1; i >= 0; i--) {
        const w = lineWaiters[i]!;
        if (w.pattern.test(line)) {
          lineWaiters.splice(i, 1);
          w.resolve(line);
        }
      }
    }
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const exited = new Promise<string>((resolve) => {
    proc.once('exit', (code, signal) => {
      exitedFlag = true;
      resolve(signal ?? String(code));
    });
    proc.once('error', (err) => {
      exitedFlag = true;
      resolve(`error: ${err.message}`);
    });
  });
  const child: Child = {
    name,
    pid,
    proc,
    exited,
    hasExited: () => exitedFlag,
    output: () => out,
    waitForLine(pattern, timeoutMs) {
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          const i = lineWaiters.indexOf(waiter);
          if (i >= 0) lineWaiters.splice(i, 1);
          reject(new Error(`${name}: no line matching ${pattern} within ${timeoutMs} ms\n${tail(out)}`));
        }, timeoutMs);
        const waiter = {
          pattern,
          resolve: (l: string) => {
            clearTimeout(timer);
            resolve(l);
          },
        };
        lineWaiters.push(waiter);
        void exited.then((how) => {
          clearTimeout(timer);
          reject(new Error(`${name} exited (${how}) before printing ${pattern}\n${tail(out)}`));
        });
      });
    },
    async stop(graceMs = 10_000) {
      if (exitedFlag) return;
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        return;
      }
      const gone = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
      if (!gone && !exitedFlag) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
        await Promise.race([exited, sleep(5000)]);
      }
    },
  };
  const unregister = onCleanup(`stop ${name} (pid ${pid})`, () => child.stop());
  void exited.then(() => unregister());
  return child;
}

/** Whether `taskset` can pin processes here (util-linux present, at least two CPUs allowed). */
export function canPin(): boolean {
  try {
    execFileSync('taskset', ['-pc', String(process.pid)], { encoding: 'utf8', timeout: 2000 });
    return true;
  } catch {
    return false;
  }
}

/** Pins a running process (every thread, `taskset -a -p`) to a CPU list; threads started later inherit it. */
export function pin(pid: number, cpus: string): void {
  execFileSync('taskset', ['-a', '-pc', cpus, String(pid)], { encoding: 'utf8', timeout: 2000 });
}

export function tail(text: string, lines = 40): string {
  const all = text.trimEnd().split('\n');
  return `---- last ${Math.min(lines, all.length)} lines ----\n${all.slice(-lines).join('\n')}\n----`;
}
