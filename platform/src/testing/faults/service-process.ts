/**
 * A real service process for lifecycle tests: spawns `node <entry>` with exactly the given
 * environment (plus PATH), resolves once its log says `"url":"http://…" … listening`, keeps the last
 * lines of its output for diagnostics, and reports its exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ServiceProcess {
  child: ChildProcess;
  /** The URL the service logged when it started listening. */
  url: string;
  /** Exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Last output lines (stdout and stderr). */
  tail(lines?: number): string;
}

export async function startServiceProcess(
  entry: string,
  env: Record<string, string>,
  options: {
    startTimeoutMs?: number;
    /** The output line that says the process is up, its group 1 the URL (default: the first `"url":"http://…" … listening` log line). */
    readyPattern?: RegExp;
  } = {},
): Promise<ServiceProcess> {
  const readyPattern = options.readyPattern ?? /"url":"(http:\/\/[^"]+)".*listening/;
  const child = spawn(process.execPath, [entry], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let url: string | null = null;
  let onUrl: ((u: string) => void) | null = null;
  const onData = (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line.slice(0, 400));
      if (lines.length > 200) lines.shift();
      const m = url ? null : readyPattern.exec(line);
      if (m) {
        url = m[1]!;
        onUrl?.(url);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const tail = (n = 30) => lines.slice(-n).join('\n');
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const listening = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} not listening within ${startTimeoutMs} ms:\n${tail()}`));
    }, startTimeoutMs);
    onUrl = (u) => {
      clearTimeout(timer);
      resolve(u);
    };
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before listening:\n${tail()}`));
    });
  });
  return { child, url: listening, exited, tail };
}
