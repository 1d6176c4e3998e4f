import type { Logger } from 'pino';
import type { EventRegistry } from './contracts/define-event';
import { InvalidEventError } from './contracts/define-event';
import { dlqOf } from './envelope';
import type { BatchHandler, BusMessage, DeliveryInfo, EventHandler } from './ports';

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
 */
export async function deliver(
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
 * them one by one with `deliver`, which retries and dead-letters.
 */
export async function deliverBatch(
  raws: { value: string; key: string; headers?: Record<string, string> }[],
  handler: BatchHandler,
  registry: EventRegistry,
  logger: Logger,
): Promise<boolean> {
  const events = [];
  for (const raw of raws) {
    if (raw.headers?.[REPLAY_GROUP_HEADER]) return false;
    try {
      events.push(registry.validate(JSON.parse(raw.value)));
    } catch {
      return false;
    }
  }
  try {
    await handler(events);
    return true;
  } catch (err) {
    logger.warn({ events: events.length, err: (err as Error).message }, 'batch handler failed; delivering the messages one by one');
    return false;
  }
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
