import { z } from 'zod';
import { envelopeSchema, type EventEnvelope } from '../envelope';

/** A typed, validated contract for one version of one event type. */
export interface EventContract<T extends string = string, S extends z.ZodType = z.ZodType> {
  type: T;
  schemaVersion: number;
  aggregateType: string;
  topic: string;
  description: string;
  data: S;
}

export function defineEvent<T extends string, S extends z.ZodType>(contract: EventContract<T, S>): EventContract<T, S> {
  return contract;
}

export type EventOf<C> = C extends EventContract<infer T, infer S> ? EventEnvelope<z.infer<S>> & { type: T } : never;

export class EventRegistry {
  private readonly byKey = new Map<string, EventContract>();

  constructor(contracts: readonly EventContract[]) {
    for (const c of contracts) {
      const key = `${c.type}@${c.schemaVersion}`;
      if (this.byKey.has(key)) throw new Error(`duplicate event contract ${key}`);
      this.byKey.set(key, c);
    }
  }

  all(): EventContract[] {
    return [...this.byKey.values()];
  }

  get(type: string, schemaVersion: number): EventContract | undefined {
    return this.byKey.get(`${type}@${schemaVersion}`);
  }

  /** Validates envelope and data; throws InvalidEventError (a poison message) on mismatch. */
  validate(raw: unknown): EventEnvelope {
    const env = envelopeSchema.safeParse(raw);
    if (!env.success) throw new InvalidEventError(`invalid envelope: ${z.prettifyError(env.error)}`);
    const contract = this.get(env.data.type, env.data.schemaVersion);
    if (!contract) throw new InvalidEventError(`unknown event ${env.data.type}@${env.data.schemaVersion}`);
    const data = contract.data.safeParse(env.data.data);
    if (!data.success) throw new InvalidEventError(`invalid data for ${env.data.type}@${env.data.schemaVersion}: ${z.prettifyError(data.error)}`);
    return { ...env.data, data: data.data } as EventEnvelope;
  }
}

/** A message that can never be processed as it is: goes to the DLQ without retries. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}
