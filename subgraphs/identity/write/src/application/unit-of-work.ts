import type { DataSource, EntityManager } from 'typeorm';
import type { Actor, EventEnvelope, EventRegistry } from '@crm/event-bus';
import { appendToOutbox } from '@crm/event-bus/outbox';
import type { IdentityEvent } from '@crm/event-bus/contracts/identity';
import {
  type AggregateDefinition,
  type AggregateState,
  type Change,
  CommandHandler,
  type CommandResult,
  type Decide,
  envelopeOf,
  type RequestContext,
  type Target,
} from '@crm/event-bus/kit';

/** The request context every envelope is built from (the kit's one envelope builder). */
export interface CommandMeta extends RequestContext {
  tenantId: string;
  actor: Actor;
  correlationId: string;
}

type Draft = {
  [E in IdentityEvent as E['type']]: {
    type: E['type'];
    aggregateType: E['aggregateType'];
    aggregateId: string;
    aggregateVersion: number;
    data: E['data'];
  };
}[IdentityEvent['type']];

export interface Tx {
  m: EntityManager;
  now: Date;
  tenantId: string;
  /** Records an event; it is validated and appended to the outbox when the transaction commits. */
  emit(draft: Omit<Draft, 'aggregateType'> & { aggregateType: string }): void;
  /**
   * Runs an aggregate's command (the kit's CommandHandler: load, decide, evolve, save with its
   * events) inside this transaction; events recorded before it keep their place in the outbox.
   */
  command<S extends AggregateState, C extends Change>(
    aggregate: AggregateDefinition<S, C>,
    target: Target,
    decide: Decide<S, C>,
  ): Promise<CommandResult<S>>;
}

/**
 * One transaction per command: the command's table changes and its events (outbox) commit
 * together; the relay is woken after the commit.
 */
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: EventRegistry,
    private readonly onCommitted: () => void,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** A read outside any command (credential checks before a transaction is worth opening). */
  query(sql: string, params: unknown[]): Promise<unknown[]> {
    return this.dataSource.query(sql, params) as Promise<unknown[]>;
  }

  /** The kit's command handler for one aggregate, on its own transaction (commands that need nothing else). */
  handler<S extends AggregateState, C extends Change>(aggregate: AggregateDefinition<S, C>): CommandHandler<S, C> {
    return new CommandHandler(this.dataSource, this.registry, aggregate, this.onCommitted, this.clock);
  }

  async run<R>(meta: CommandMeta, fn: (tx: Tx) => Promise<R>): Promise<R> {
    const now = this.clock();
    let emitted = 0;
    const result = await this.dataSource.transaction(async (m) => {
      const drafts: (Omit<Draft, 'aggregateType'> & { aggregateType: string })[] = [];
      const flush = async () => {
        const events: EventEnvelope[] = drafts.splice(0).map((d) => envelopeOf(meta, d, now));
        await appendToOutbox(m, this.registry, events);
        emitted += events.length;
      };
      const value = await fn({
        m,
        now,
        tenantId: meta.tenantId,
        emit: (d) => drafts.push(d),
        command: async (aggregate, target, decide) => {
          await flush();
          const done = await this.handler(aggregate).runIn(m, meta, target, decide, now);
          emitted += done.events.length;
          return done;
        },
      });
      await flush();
      return value;
    });
    if (emitted > 0) this.onCommitted();
    return result;
  }
}
