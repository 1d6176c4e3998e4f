import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = join(__dirname, '../../tools/kafka/kafka.sh');

/**
 * A Kafka broker of a test's own (tools/kafka/kafka.sh on free ports, in a temporary run dir), so
 * a test can stop, hard-kill and restart it without disturbing the shared broker. Restarts keep
 * the data (KAFKA_KEEP_DATA=1): acknowledged messages must survive them.
 */
export interface TestBroker {
  /** What clients dial: the advertised port (a fault proxy's, when `advertisedPort` is given). */
  readonly brokers: string[];
  /** The port the broker really listens on. */
  readonly port: number;
  /** Graceful stop (SIGTERM, controlled shutdown). */
  stop(): Promise<void>;
  /** SIGKILL the broker process (no shutdown at all). */
  kill(): Promise<void>;
  /** Starts it again on the same ports and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it (if running) and deletes its data. */
  destroy(): Promise<void>;
}

/** A port nobody listens on right now (for a broker or a proxy started next). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * `baseEnv`: the caller's environment (PATH, JAVA, MVN…); `libs`: already fetched Kafka jars to
 * reuse; `advertisedPort`: the port clients are told to dial (a fault proxy in front of the broker).
 */
export async function startTestBroker(options: {
  baseEnv: NodeJS.ProcessEnv;
  libs?: string | undefined;
  heap?: string;
  advertisedPort?: number;
}): Promise<TestBroker> {
  const [port, controllerPort] = [await freePort(), await freePort()];
  const runDir = join(tmpdir(), `crm-test-broker-${port}`);
  const env = {
    ...options.baseEnv,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    KAFKA_RUN_DIR: runDir,
    KAFKA_KEEP_DATA: '1',
    KAFKA_ADVERTISED_PORT: String(options.advertisedPort ?? port),
    KAFKA_HEAP_OPTS: options.heap ?? '-Xms128m -Xmx384m',
    ...(options.libs ? { KAFKA_LIBS: options.libs } : {}),
  };
  const script = (command: string) => run('bash', [SCRIPT, command], { env, timeout: 180_000 });
  const pidFile = join(runDir, 'kafka.pid');
  // never leave a broker JVM behind, even when the test process is torn down without its after()
  const killOnExit = () => {
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGKILL');
    } catch {
      // not running
    }
  };
  process.once('exit', killOnExit);
  await script('start');
  return {
    brokers: [`127.0.0.1:${options.advertisedPort ?? port}`],
    port,
    stop: async () => void (await script('stop')),
    kill: async () => {
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      process.kill(pid, 'SIGKILL');
      for (;;) {
        try {
          process.kill(pid, 0);
          await new Promise((r) => setTimeout(r, 100));
        } catch {
          break;
        }
      }
    },
    start: async () => void (await script('start')),
    destroy: async () => {
      await script('stop').catch(() => undefined);
      process.off('exit', killOnExit);
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}
