import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Principal } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import type { Actor, EventEnvelope, EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type RequestContext, type Target } from '@crm/event-bus/kit';
import { canonicalId } from '@crm/platform/ids';
import { CONTACT_AGGREGATE } from '@crm/event-bus/contracts/contacts';
import { type ContactChange, type ContactState, evolve } from '../domain/contact';
import { contactStore, contactVersionConflict } from '../persistence/contact-store';
import { contactCustomFieldRules } from '../persistence/custom-field-rules';
import { checkCustomFields } from '../domain/custom-field-rules';

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

const REFERRAL_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export { newId } from '@crm/platform/ids';

/** 12-digit numeric contact code, like the CRM.COM examples. */
export function generateCode(): string {
  return `${randomInt(1, 10)}${String(randomInt(0, 100_000_000_000)).padStart(11, '0')}`;
}

export function generateReferralCode(): string {
  return Array.from({ length: 8 }, () => REFERRAL_ALPHABET[randomInt(0, REFERRAL_ALPHABET.length)]).join('');
}

/** The contact aggregate, as the platform's command handler runs it. */
export const contactAggregate: AggregateDefinition<ContactState, ContactChange> = {
  type: CONTACT_AGGREGATE,
  evolve,
  store: contactStore,
  versionConflict: contactVersionConflict,
  // a clash on a given id is a concurrent create of the same contact (the retry finds it and is a
  // no-op) unless the id belongs to another tenant (then it keeps failing and the conflict surfaces)
  retryable: (err, target) => err instanceof AppError && err.reason === 'CONTACT_ID_TAKEN' && target.create && target.id !== null,
};

export const contextOf = (meta: CommandMeta): RequestContext => ({
  tenantId: meta.principal.tenantId,
  correlationId: meta.correlationId,
  causationId: meta.causationId ?? null,
  actor: meta.actor ?? { kind: meta.principal.kind, id: meta.principal.subjectId },
});

/**
 * Contact commands on the platform's command handler (`@crm/event-bus/kit`): load the aggregate
 * (tenant-scoped), decide, save the new state (optimistic version) with its events in the outbox
 * atomically; version conflicts are retried on fresh state; after a write the relay is kicked.
 */
export class ContactCommands {
  private readonly handler: CommandHandler<ContactState, ContactChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    onCommitted: () => void,
    clock: () => Date = () => new Date(),
  ) {
    this.handler = new CommandHandler(dataSource, registry, contactAggregate, onCommitted, clock);
  }

  /**
   * Checks custom fields against the tenant's CONTACTS definitions (projected from settings
   * events): unknown keys and wrong types are 400s naming the key; `complete` (a create, or an
   * update replacing the list) also requires every mandatory key. API writes only: registrations
   * from identity events are not refused for fields the contact could not have given.
   */
  async checkCustomFields(
    tenantId: string,
    values: readonly { key: string; value: string | null }[] | null | undefined,
    complete: boolean,
  ): Promise<void> {
    if (values == null && !complete) return;
    checkCustomFields(await contactCustomFieldRules(this.dataSource, tenantId), values ?? [], complete);
  }

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
    return this.run(meta, { create: false, ref: idOrCode }, decide, null);
  }

  private run(meta: CommandMeta, target: Target, decide: Decide, request: unknown): Promise<CommandResult> {
    const idempotency = target.create && meta.idempotencyKey ? { scope: 'contacts.create', key: meta.idempotencyKey, request } : null;
    return this.handler.run(contextOf(meta), target, decide, idempotency);
  }
}
