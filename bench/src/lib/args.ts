import { DEFAULT_PORT_BASE, MAX_PORT_BASE, PORT_SPAN } from './ports';

export const SCENARIOS = ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 'startup'] as const;
export type ScenarioId = (typeof SCENARIOS)[number];

export interface BenchArgs {
  localBackends: boolean;
  startKafka: boolean;
  quick: boolean;
  warmupS: number;
  durationS: number;
  connections: number;
  s5DurationS: number;
  /** S3: rounds over the three gateways (each round loads every gateway once). */
  s3Rounds: number;
  /** S5 runs once per rate, one after the other. */
  s5Rates: number[];
  /** Pin the load generator to CPU 0 and every service to CPU 1 (`taskset`) when possible. */
  pin: boolean;
  only: ScenarioId[];
  cpuProf: boolean;
  /** First of the run's ports (see benchPorts in services.ts). */
  portBase: number;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [options]
  --local-backends     default DATABASE_URL/REDIS_URL/KAFKA_BROKERS to the local services
                       (postgres://postgres@127.0.0.1:5432/postgres, redis://127.0.0.1:6379, 127.0.0.1:9092)
  --start-kafka        run 'event-bus/tools/kafka/kafka.sh ensure' first (stopped afterwards only if this run started it)
  --quick              3 s measured / 1 s warm-up (S5: 15 s)
  --duration <s>       measured window of S0–S4 (default 15)
  --warmup <s>         warm-up before each measured window (default 5)
  --connections <n>    closed-loop connections (default 20)
  --s3-rounds <n>      S3 rounds over the three gateways, order rotating (default 3; --quick: 1)
  --s5-duration <s>    S5 open-loop duration (default 60)
  --s5-rates <list>    S5 mutations per second, one run per rate (default 10,100,500); --s5-rate <n> for one
  --no-pin             do not pin (default: generator on CPU 0, services on CPU 1 with taskset, if available)
  --only <list>        comma-separated subset of ${SCENARIOS.join(',')}
  --cpu-prof           run the services under node --cpu-prof; profiles land in bench/results/profiles/<timestamp>/
                       (profiling slows them down: do not compare those numbers)
  --port-base <n>      the services listen on <n> … <n>+${PORT_SPAN} (default ${DEFAULT_PORT_BASE}, or BENCH_PORT_BASE; at most ${MAX_PORT_BASE},
                       below Linux's ephemeral ports): another base lets a second run (e.g. the smoke test) run beside this one`;

function portBase(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isInteger(n) || n < 1024 || n > MAX_PORT_BASE)
    throw new Error(`${name} needs a whole number in [1024, ${MAX_PORT_BASE}], got ${raw ?? 'nothing'}`);
  return n;
}

function positive(name: string, raw: string | undefined, max: number): number {
  const n = Number(raw);
  if (raw === undefined || !Number.isFinite(n) || n <= 0 || n > max)
    throw new Error(`${name} needs a number in (0, ${max}], got ${raw ?? 'nothing'}`);
  return n;
}

/** The bench's options from its arguments; `env` gives BENCH_PORT_BASE (an argument wins). */
export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): BenchArgs {
  const a: BenchArgs = {
    localBackends: false,
    startKafka: false,
    quick: false,
    warmupS: 5,
    durationS: 15,
    connections: 20,
    s5DurationS: 60,
    s3Rounds: 3,
    s5Rates: [10, 100, 500],
    pin: true,
    only: [...SCENARIOS],
    cpuProf: false,
    portBase: env['BENCH_PORT_BASE'] ? portBase('BENCH_PORT_BASE', env['BENCH_PORT_BASE']) : DEFAULT_PORT_BASE,
    help: false,
  };
  const explicit = new Set<string>();
  const tokens: string[] = [];
  for (const t of argv) {
    const eq = t.startsWith('--') ? t.indexOf('=') : -1;
    if (eq > 0) tokens.push(t.slice(0, eq), t.slice(eq + 1));
    else tokens.push(t);
  }
  for (let i = 0; i < tokens.length; i++) {
    const flag = tokens[i]!;
    const value = () => tokens[++i];
    switch (flag) {
      case '--local-backends':
        a.localBackends = true;
        break;
      case '--start-kafka':
        a.startKafka = true;
        break;
      case '--quick':
        a.quick = true;
        break;
      case '--cpu-prof':
        a.cpuProf = true;
        break;
      case '--help':
      case '-h':
        a.help = true;
        break;
      case '--duration':
        a.durationS = positive(flag, value(), 3600);
        explicit.add('duration');
        break;
      case '--warmup':
        a.warmupS = positive(flag, value(), 600);
        explicit.add('warmup');
        break;
      case '--connections':
        a.connections = Math.round(positive(flag, value(), 1000));
        break;
      case '--s5-duration':
        a.s5DurationS = positive(flag, value(), 3600);
        explicit.add('s5-duration');
        break;
      case '--s5-rate':
        a.s5Rates = [positive(flag, value(), 5000)];
        break;
      case '--s5-rates': {
        const raw = value();
        a.s5Rates = (raw ?? '').split(',').map((r) => positive(flag, r.trim(), 5000));
        break;
      }
      case '--port-base':
        a.portBase = portBase(flag, value());
        break;
      case '--no-pin':
        a.pin = false;
        break;
      case '--s3-rounds':
        a.s3Rounds = Math.round(positive(flag, value(), 20));
        explicit.add('s3-rounds');
        break;
      case '--only': {
        const list = (value() ?? '')
          .split(',')
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean);
        const bad = list.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
        if (list.length === 0 || bad.length) throw new Error(`--only takes a list of ${SCENARIOS.join(',')}; got ${bad.join(',') || 'nothing'}`);
        a.only = list as ScenarioId[];
        break;
      }
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  if (a.quick) {
    if (!explicit.has('duration')) a.durationS = 3;
    if (!explicit.has('warmup')) a.warmupS = 1;
    if (!explicit.has('s5-duration')) a.s5DurationS = 15;
    if (!explicit.has('s3-rounds')) a.s3Rounds = 1;
  }
  return a;
}
