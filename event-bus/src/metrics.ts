import { Counter, Histogram, metricsRegistry, scrapedGauge } from '@crm/platform/observability';
import type { Subscription } from './ports';

/** The metric registered under `name` already (several services in one process), else a new one. */
function shared<M>(name: string, make: () => M): M {
  return (metricsRegistry.getSingleMetric(name) as M | undefined) ?? make();
}

const backlogRows = scrapedGauge('outbox_backlog_rows', 'Outbox rows committed but not yet published, by service', ['service']);
const relayLag = scrapedGauge('outbox_relay_lag_seconds', 'Age of the oldest unpublished outbox row (0 when the outbox is drained), by service', [
  'service',
]);

export const outboxMetrics = {
  /** Registers a relay's backlog for scraping; returns the function that unregisters it. */
  track(service: string, backlog: () => Promise<{ rows: number; oldestAgeSeconds: number }>): () => void {
    // one query serves both gauges of a scrape
    let cached: { at: number; value: Promise<{ rows: number; oldestAgeSeconds: number }> } | null = null;
    const read = () => {
      if (!cached || Date.now() - cached.at > 1000) cached = { at: Date.now(), value: backlog() };
      return cached.value;
    };
    const a = backlogRows.track(async () => [{ labels: { service }, value: (await read()).rows }]);
    const b = relayLag.track(async () => [{ labels: { service }, value: (await read()).oldestAgeSeconds }]);
    return () => {
      a();
      b();
    };
  },
  published: shared<Counter<'service'>>(
    'outbox_published_total',
    () => new Counter({ name: 'outbox_published_total', help: 'Outbox rows published to the bus, by service', labelNames: ['service'] }),
  ),
};

const consumerLag = scrapedGauge(
  'event_consumer_lag_messages',
  'Messages on a partition not yet handled by this process, by consumer group, topic and partition',
  ['group', 'topic', 'partition'],
);

export const consumerMetrics = {
  /** Registers a subscription's per-partition lag for scraping; returns the function that unregisters it. */
  track(group: string, subscription: Pick<Subscription, 'lag'>): () => void {
    return consumerLag.track(() => subscription.lag().map((p) => ({ labels: { group, topic: p.topic, partition: p.partition }, value: p.lag })));
  },
  dlq: shared<Counter<'group' | 'topic'>>(
    'event_dlq_messages_total',
    () =>
      new Counter({
        name: 'event_dlq_messages_total',
        help: 'Messages this process sent to a dead-letter topic, by consumer group and origin topic',
        labelNames: ['group', 'topic'],
      }),
  ),
  handled: shared<Histogram<'group' | 'topic' | 'outcome'>>(
    'event_handler_duration_seconds',
    () =>
      new Histogram({
        name: 'event_handler_duration_seconds',
        help: 'Event handling (projection, process manager) by consumer group, topic and outcome (ok | dlq)',
        labelNames: ['group', 'topic', 'outcome'],
        buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      }),
  ),
  projectionLag: shared<Histogram<'group'>>(
    'event_projection_lag_seconds',
    () =>
      new Histogram({
        name: 'event_projection_lag_seconds',
        help: 'Time from an event occurring to its handler finishing (end-to-end projection lag), by consumer group',
        labelNames: ['group'],
        buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      }),
  ),
};
