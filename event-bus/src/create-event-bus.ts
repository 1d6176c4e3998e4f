import type { Logger } from 'pino';
import type { EventRegistry } from './contracts/define-event';
import { InMemoryBus } from './in-memory/in-memory-bus';
import { KafkaBus } from './kafka/kafka-bus';
import type { EventBus } from './ports';

/** Kafka when brokers are configured, else the in-process bus (embedded default). */
export async function createEventBus(options: {
  brokers: string[];
  clientId: string;
  registry: EventRegistry;
  logger: Logger;
  partitions?: number;
  replicationFactor?: number;
  /** Topic and group prefix (KAFKA_NAMESPACE); unset or undefined: none. */
  namespace?: string | undefined;
}): Promise<EventBus> {
  if (options.brokers.length === 0) return new InMemoryBus(options.registry, options.logger);
  const bus = new KafkaBus(
    {
      brokers: options.brokers,
      clientId: options.clientId,
      ...(options.partitions ? { partitions: options.partitions } : {}),
      ...(options.replicationFactor ? { replicationFactor: options.replicationFactor } : {}),
      ...(options.namespace ? { namespace: options.namespace } : {}),
    },
    options.registry,
    options.logger,
  );
  await bus.ping();
  return bus;
}
