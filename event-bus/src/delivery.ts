import type { Logger } from 'pino';
import type { EventRegistry } from './contracts/define-event';
import { InvalidEventError } from './contracts/define-event';
import { dlqOf, type EventEnvelope } from './envelope';
import type { BatchHandler, BusMessage, DeliveryInfo, EventHandler } from './ports';
import { endSpan, extractTraceContext, SpanKind, withSpan } from '@crm/platform/observability';
import { consumerMetrics } from './metrics';

export interface DeliveryPolicy {
  maxAttempts: number;
  retryBackoffMs: number;
}

/** Header of the DLQ entry: the consumer group whose handler gave up on the message. */
export const DLQ_GROUP_HEADER = 'dlq-consumer-group';
/** Header of a message re-driven from the DLQ: only this consumer group handles it, others skip it. */
export const REPLAY_GROUP_HEADER = 'dlq-replay-group';

export const DEFAULT_POLICY: DeliveryPolicy = { maxAttempts: 5, retryBackoffMs: 100 };

export function backoffMs(policy: DeliveryPolicy, attempt: number): number {
  return Math.min(5000, policy.retryBackoffMs * 2 ** (attempt - 1));
}

/**
 * Shared by both adapters: validate the envelope against its contract, run the handler with
 * bounded retries, and hand back the DLQ message when the event is poison (invalid contract,
 * or still failing after `maxAttempts`). The caller commits the offset either way, so the
 * partition keeps moving.
 *
 * The handler runs inside the trace of the command that wrote the event (the `traceparent`
 * header the outbox relay set), in a consumer span: its log lines carry that trace id.
 */
export function deliver(
  raw: { value: string; key: string; headers?: Record<string, string> },
  where: Omit<DeliveryInfo, 'attempt'>,
  handler: EventHandler,
  registry: EventRegistry,
  policy: DeliveryPolicy,
  logger: Logger,
  shouldContinue: () => boolean = () => true,
): Promise<{ ok: true } | { ok: false; dlq: BusMessage } | { ok: 'stopped' }> {
  return withSpan(
    `${where.topic} process`,
    {
      kind: SpanKind.CONSUMER,
      parent: extractTraceContext(raw.headers),
      attributes: { 'messaging.destination.name': where.topic, 'messaging.consumer.group.name': where.groupId ?? '' },
    },
    async (span) => {
      const started = process.hrtime.bigint();
      const group = where.groupId ?? '';
      try {
        const result = await deliverInSpan(raw, where, handler, registry, policy, logger, shouldContinue);
        if (result.ok !== 'stopped') {
          consumerMetrics.handled.observe(
            { group, topic: where.topic, outcome: result.ok ? 'ok' : 'dlq' },
            Number(process.hrtime.bigint() - started) / 1e9,
          );
        }
        if (result.ok === false) consumerMetrics.dlq.inc({ group, topic: where.topic });
        endSpan(span, result.ok === false ? new Error('sent to DLQ') : undefined);
        return result;
      } catch (err) {
        endSpan(span, err);
        throw err;
      }
    },
  );
}

async function deliverInSpan(
  raw: { value: string; key: string; headers?: Record<string, string> },
  where: Omit<DeliveryInfo, 'attempt'>,
  handler: EventHandler,
  registry: EventRegistry,
  policy: DeliveryPolicy,
  logger: Logger,
  shouldContinue: () => boolean = () => true,
): Promise<{ ok: true } | { ok: false; dlq: BusMessage } | { ok: 'stopped' }> {
  const replayFor = raw.headers?.[REPLAY_GROUP_HEADER];
  // a DLQ replay aimed at another consumer group: nothing to do here
  if (replayFor && where.groupId && replayFor !== where.groupId) return { ok: true };
  let event;
  try {
    event = registry.validate(JSON.parse(raw.value));
  } catch (err) {
    const reason = err instanceof InvalidEventError ? err.message : `unparseable message: ${(err as Error).message}`;
    logger.error({ ...where, reason }, 'poison message: invalid event, sending to DLQ');
    return { ok: false, dlq: dlqMessage(raw, where, reason, 1) };
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await handler(event, { ...where, attempt });
      const lagSeconds = (Date.now() - Date.parse(event.occurredAt)) / 1000;
      if (lagSeconds >= 0) consumerMetrics.projectionLag.observe({ group: where.groupId ?? '' }, lagSeconds);
      if (logger.isLevelEnabled('debug')) logger.debug({ ...where, eventId: event.id, type: event.type, attempt }, 'event handled');
      return { ok: true };
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      if (attempt >= policy.maxAttempts) {
        logger.error({ ...where, eventId: event.id, type: event.type, attempt, err: message }, 'handler failed after max attempts, sending to DLQ');
        return { ok: false, dlq: dlqMessage(raw, where, message, attempt) };
      }
      logger.warn({ ...where, eventId: event.id, type: event.type, attempt, err: message }, 'handler failed, retrying');
      await new Promise((r) => setTimeout(r, backoffMs(policy, attempt)));
      if (!shouldContinue()) return { ok: 'stopped' };
    }
  }
}

export const DEFAULT_MAX_BATCH = 500;

/**
 * Tries a run of messages through the batch handler, once. `false` (nothing was handled) when a
 * message is a DLQ replay or not a valid event, or the handler failed: the caller then delivers
 * them one by one with `deliver`, which retries and dead-letters. The run is handled in one
 * consumer span continuing the trace of its first message; each message counts in the consumer
 * metrics (handled, projection lag) as if delivered alone.
 */
export function deliverBatch(
  raws: { value: string; key: string; headers?: Record<string, string> }[],
  where: { topic: string; groupId?: string | undefined },
  handler: BatchHandler,
  registry: EventRegistry,
  logger: Logger,
): Promise<boolean> {
  const events: EventEnvelope[] = [];
  for (const raw of raws) {
    if (raw.headers?.[REPLAY_GROUP_HEADER]) return Promise.resolve(false);
    try {
      events.push(registry.validate(JSON.parse(raw.value)));
    } catch {
      return Promise.resolve(false);
    }
  }
  const group = where.groupId ?? '';
  return withSpan(
    `${where.topic} process`,
    {
      kind: SpanKind.CONSUMER,
      parent: extractTraceContext(raws[0]?.headers),
      attributes: {
        'messaging.destination.name': where.topic,
        'messaging.consumer.group.name': group,
        'messaging.batch.message_count': events.length,
      },
    },
    async (span) => {
      const started = process.hrtime.bigint();
      try {
        await handler(events);
      } catch (err) {
        logger.warn(
          { topic: where.topic, events: events.length, err: (err as Error).message },
          'batch handler failed; delivering the messages one by one',
        );
        endSpan(span, err);
        return false;
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9 / events.length;
      const now = Date.now();
      for (const event of events) {
        consumerMetrics.handled.observe({ group, topic: where.topic, outcome: 'ok' }, seconds);
        const lagSeconds = (now - Date.parse(event.occurredAt)) / 1000;
        if (lagSeconds >= 0) consumerMetrics.projectionLag.observe({ group }, lagSeconds);
      }
      endSpan(span);
      return true;
    },
  );
}

function dlqMessage(
  raw: { value: string; key: string; headers?: Record<string, string> },
  where: Omit<DeliveryInfo, 'attempt'>,
  error: string,
  attempts: number,
): BusMessage {
  const { [REPLAY_GROUP_HEADER]: _replayed, ...headers } = raw.headers ?? {};
  return {
    topic: dlqOf(where.topic),
    key: raw.key,
    value: raw.value,
    headers: {
      ...headers,
      ...(where.groupId ? { [DLQ_GROUP_HEADER]: where.groupId } : {}),
      'dlq-origin-topic': where.topic,
      'dlq-origin-partition': String(where.partition),
      'dlq-origin-offset': where.offset,
      'dlq-error': error.slice(0, 1000),
      'dlq-attempts': String(attempts),
      'dlq-at': new Date().toISOString(),
    },
  };
}
