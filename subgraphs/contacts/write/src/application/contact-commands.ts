import { randomInt } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { claimIdempotencyKey, completeIdempotencyKey, hashRequest } from '@crm/platform/db';
import type { Actor, EventEnvelope, EventRegistry } from '@crm/event-bus';
import { appendToOutbox } from '@crm/event-bus/outbox';
import { canonicalId, newId } from '@crm/platform/ids';
import { CONTACT_AGGREGATE } from '@crm/event-bus/contracts/contacts';
import { type ContactChange, type ContactState, evolve } from '../domain/contact';
import { ContactStore } from '../persistence/contact-store';

export interface CommandMeta {
  principal: Principal;
  correlationId: string;
  idempotencyKey?: string | null;
  /** Who the events name as actor; derived from the principal when absent (process managers say `system`). */
  actor?: Actor;
  /** The event this command reacts to (process managers); null for API calls. */
  causationId?: string | null;
}

export interface CommandResult {
  state: ContactState;
  events: EventEnvelope[];
}

type Decide = (state: ContactState | null, now: Date) => ContactChange[];

/** What a command acts on: a new contact (with a given id or a generated one) or an existing one. */
type Target = { create: true; id: string | null } | { create: false; idOrCode: string };

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

  /**
   * Creates a contact. With `aggregateId` (a process manager creating a contact another domain
   * named) the command is idempotent: if the tenant already has a contact with that id, whatever
   * its status, nothing happens and its current state is returned (redelivered events).
   */
  create(meta: CommandMeta, decide: Decide, request: unknown, aggregateId?: string): Promise<CommandResult> {
    if (aggregateId === undefined) return this.run(meta, { create: true, id: null }, decide, request);
    const id = canonicalId(aggregateId);
    if (!id) return Promise.reject(AppError.validation('id', 'must be a UUID', 'INVALID_ID'));
    return this.run(meta, { create: true, id }, decide, request);
  }

  change(meta: CommandMeta, idOrCode: string, decide: Decide): Promise<CommandResult> {
    return this.run(meta, { create: false, idOrCode }, decide, null);
  }

  private async run(meta: CommandMeta, target: Target, decide: Decide, request: unknown): Promise<CommandResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.dataSource.transaction((m) => this.once(m, meta, target, decide, request));
        if (result.events.length > 0) this.onCommitted();
        return result;
      } catch (err) {
        if (!(isRetryable(err, target) && attempt < MAX_CONFLICT_RETRIES)) throw err;
      }
    }
  }

  private async once(m: EntityManager, meta: CommandMeta, target: Target, decide: Decide, request: unknown): Promise<CommandResult> {
    const tenantId = meta.principal.tenantId;
    const store = new ContactStore(m, tenantId);
    if (target.create && target.id) {
      const existing = await store.findById(target.id);
      if (existing) return { state: existing, events: [] };
    }
    if (target.create && meta.idempotencyKey) {
      const claimed = await claimIdempotencyKey<{ id: string }>(m, tenantId, 'contacts.create', meta.idempotencyKey, hashRequest(request));
      if (claimed) {
        const state = await store.load(claimed.replay.id);
        if (!state) throw AppError.notFound('contact', claimed.replay.id);
        return { state, events: [] };
      }
    }
    const current = target.create ? null : await store.load(target.idOrCode);
    const now = this.clock();
    const changes = decide(current, now);
    if (changes.length === 0) {
      if (!current) throw new Error('a create command produced no event');
      return { state: current, events: [] };
    }
    const aggregateId = current?.id ?? (target.create ? target.id : null) ?? newId();
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
        causationId: meta.causationId ?? null,
        actor: meta.actor ?? { kind: meta.principal.kind, id: meta.principal.subjectId },
        data: change.data,
      };
    });
    const next = state as unknown as ContactState;
    if (current) await store.update(next, current.version);
    else await store.insert(next);
    await appendToOutbox(m, this.registry, events);
    if (target.create && meta.idempotencyKey) await completeIdempotencyKey(m, tenantId, 'contacts.create', meta.idempotencyKey, { id: aggregateId });
    return { state: next, events };
  }
}

/**
 * A version conflict is retried on fresh state; so is a clash on a given id, which is a concurrent
 * create of the same contact (the retry finds it and is a no-op) unless the id belongs to another
 * tenant (then it keeps failing and the conflict surfaces).
 */
function isRetryable(err: unknown, target: Target): boolean {
  if (!(err instanceof AppError)) return false;
  return err.reason === 'VERSION_CONFLICT' || (err.reason === 'CONTACT_ID_TAKEN' && target.create && target.id !== null);
}
