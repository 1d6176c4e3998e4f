import { randomInt } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { claimIdempotencyKey, completeIdempotencyKey, hashRequest } from '@crm/platform/db';
import type { EventEnvelope, EventRegistry } from '@crm/event-bus';
import { appendToOutbox } from '@crm/event-bus/outbox';
import { newId } from '@crm/platform/ids';
import { CONTACT_AGGREGATE } from '@crm/event-bus/contracts/contacts';
import { type ContactChange, type ContactState, evolve } from '../domain/contact';
import { ContactStore } from '../persistence/contact-store';

export interface CommandMeta {
  principal: Principal;
  correlationId: string;
  idempotencyKey?: string | null;
}

export interface CommandResult {
  state: ContactState;
  events: EventEnvelope[];
}

type Decide = (state: ContactState | null, now: Date) => ContactChange[];

const MAX_CONFLICT_RETRIES = 3;
const REFERRAL_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export { newId } from '@crm/platform/ids';

/** 12-digit numeric contact code, like the CRM.COM examples. */
export function generateCode(): string {
  return `${randomInt(1, 10)}${String(randomInt(0, 100_000_000_000)).padStart(11, '0')}`;
}

export function generateReferralCode(): string {
  return Array.from({ length: 8 }, () => REFERRAL_ALPHABET[randomInt(0, REFERRAL_ALPHABET.length)]).join('');
}

/**
 * Runs a command: load the aggregate (tenant-scoped), decide, and in ONE transaction save the new
 * state (optimistic version check) and append the events to the outbox. Version conflicts are
 * retried on fresh state; after commit the relay is kicked.
 */
export class ContactCommands {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: EventRegistry,
    private readonly onCommitted: () => void,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  create(meta: CommandMeta, decide: Decide, request: unknown): Promise<CommandResult> {
    return this.run(meta, null, decide, request);
  }

  change(meta: CommandMeta, idOrCode: string, decide: Decide): Promise<CommandResult> {
    return this.run(meta, idOrCode, decide, null);
  }

  private async run(meta: CommandMeta, idOrCode: string | null, decide: Decide, request: unknown): Promise<CommandResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.dataSource.transaction((m) => this.once(m, meta, idOrCode, decide, request));
        if (result.events.length > 0) this.onCommitted();
        return result;
      } catch (err) {
        const retry = err instanceof AppError && err.reason === 'VERSION_CONFLICT' && attempt < MAX_CONFLICT_RETRIES;
        if (!retry) throw err;
      }
    }
  }

  private async once(
    m: EntityManager,
    meta: CommandMeta,
    idOrCode: string | null,
    decide: Decide,
    request: unknown,
  ): Promise<CommandResult> {
    const tenantId = meta.principal.tenantId;
    const store = new ContactStore(m, tenantId);
    if (idOrCode === null && meta.idempotencyKey) {
      const claimed = await claimIdempotencyKey<{ id: string }>(m, tenantId, 'contacts.create', meta.idempotencyKey, hashRequest(request));
      if (claimed) {
        const state = await store.load(claimed.replay.id);
        if (!state) throw AppError.notFound('contact', claimed.replay.id);
        return { state, events: [] };
      }
    }
    const current = idOrCode === null ? null : await store.load(idOrCode);
    const now = this.clock();
    const changes = decide(current, now);
    if (changes.length === 0) {
      if (!current) throw new Error('a create command produced no event');
      return { state: current, events: [] };
    }
    const aggregateId = current?.id ?? newId();
    let state = current;
    const events: EventEnvelope[] = changes.map((change, i) => {
      const version = (current?.version ?? 0) + i + 1;
      state = { ...evolve(state, change, { version, at: now }), id: aggregateId };
      return {
        id: newId(),
        type: change.type,
        schemaVersion: 1,
        tenantId,
        aggregateType: CONTACT_AGGREGATE,
        aggregateId,
        aggregateVersion: version,
        occurredAt: now.toISOString(),
        correlationId: meta.correlationId,
        causationId: null,
        actor: { kind: meta.principal.kind, id: meta.principal.subjectId },
        data: change.data,
      };
    });
    const next = state as unknown as ContactState;
    if (current) await store.update(next, current.version);
    else await store.insert(next);
    await appendToOutbox(m, this.registry, events);
    if (idOrCode === null && meta.idempotencyKey) await completeIdempotencyKey(m, tenantId, 'contacts.create', meta.idempotencyKey, { id: aggregateId });
    return { state: next, events };
  }
}
