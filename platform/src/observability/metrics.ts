import { collectDefaultMetrics, Counter, Gauge, Histogram, register, type Metric } from 'prom-client';

/**
 * Prometheus metrics of this process (prom-client's default registry: one per process, so when
 * `npm start` runs every service in one process each /metrics shows them all, told apart by the
 * `service` label). No label ever holds tenant data or ids: routes are templates, GraphQL
 * operations are named by their root field, Kafka by topic/partition/group.
 */
export const metricsRegistry = register;
export { Counter, Gauge, Histogram };

let defaultsCollected = false;
/** Node process metrics (CPU, memory, event-loop lag, GC, handles), once per process. */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ register });
}

/** The metric already registered under `name` (several services in one process share it), else a new one. */
function shared<M extends Metric>(name: string, make: () => M): M {
  return (register.getSingleMetric(name) as M | undefined) ?? make();
}

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequestDuration = (): Histogram<'service' | 'method' | 'route' | 'status'> =>
  shared(
    'http_server_request_duration_seconds',
    () =>
      new Histogram({
        name: 'http_server_request_duration_seconds',
        help: 'HTTP requests served (count = rate, by status = errors), by service, method, route template and status',
        labelNames: ['service', 'method', 'route', 'status'],
        buckets: DURATION_BUCKETS,
      }),
  );

export const graphqlOperationDuration = (): Histogram<'service' | 'operation_type' | 'root_field' | 'outcome'> =>
  shared(
    'graphql_operation_duration_seconds',
    () =>
      new Histogram({
        name: 'graphql_operation_duration_seconds',
        help: 'GraphQL operations executed, by service, operation type, first root field and outcome (ok | error | invalid)',
        labelNames: ['service', 'operation_type', 'root_field', 'outcome'],
        buckets: DURATION_BUCKETS,
      }),
  );

export const graphqlErrors = (): Counter<'service' | 'code'> =>
  shared(
    'graphql_errors_total',
    () => new Counter({ name: 'graphql_errors_total', help: 'GraphQL errors returned, by service and error code', labelNames: ['service', 'code'] }),
  );

export const cacheRequests = (): Counter<'cache' | 'result'> =>
  shared(
    'cache_requests_total',
    () =>
      new Counter({
        name: 'cache_requests_total',
        help: 'Cache lookups by cache kind (redis | memory) and result (hit | miss); hit ratio = hit / (hit + miss)',
        labelNames: ['cache', 'result'],
      }),
  );

/** Something whose current values are read at scrape time (a pool, a relay, a subscription). */
type GaugeSource<L extends string> = () =>
  | Promise<{ labels: Record<L, string | number>; value: number }[]>
  | { labels: Record<L, string | number>; value: number }[];

/**
 * A gauge read at scrape time from the registered sources; `track` returns the function that
 * unregisters one (call it when the pool/relay/subscription stops).
 */
export function scrapedGauge<L extends string>(name: string, help: string, labelNames: L[]): { track(source: GaugeSource<L>): () => void } {
  const existing = register.getSingleMetric(name) as (Gauge<L> & { sources?: Set<GaugeSource<L>> }) | undefined;
  if (existing?.sources) return { track: (s) => (existing.sources!.add(s), () => existing.sources!.delete(s)) };
  const sources = new Set<GaugeSource<L>>();
  const gauge = new Gauge<L>({
    name,
    help,
    labelNames,
    async collect() {
      this.reset();
      for (const source of sources) {
        try {
          for (const { labels, value } of await source()) this.set(labels as Partial<Record<L, string | number>>, value);
        } catch {
          // a source that cannot answer (database down) is left out of this scrape
        }
      }
    },
  }) as Gauge<L> & { sources?: Set<GaugeSource<L>> };
  gauge.sources = sources;
  return { track: (s) => (sources.add(s), () => sources.delete(s)) };
}

export const dbPoolConnections = () =>
  scrapedGauge('db_pool_connections', 'Database pool connections by service and state (total | idle | waiting)', ['service', 'state']);

/** Serves the registry in the Prometheus text format. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: register.contentType, body: await register.metrics() };
}
