import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { REFERENCE_ENTRY_AGGREGATE } from '@crm/event-bus/contracts/settings';
import { evolveReferenceEntry, type ReferenceEntryChange, type ReferenceEntryState } from '../domain/reference-entry';
import {
  changeReferenceEntry,
  defineReferenceEntry,
  removeReferenceEntry,
  type DefineReferenceEntry,
  type ReferenceEntryFields,
} from '../domain/define-reference-entry';
import { referenceEntryStore } from '../persistence/reference-entry-store';

export const referenceEntryAggregate: AggregateDefinition<ReferenceEntryState, ReferenceEntryChange> = {
  type: REFERENCE_ENTRY_AGGREGATE,
  evolve: evolveReferenceEntry,
  store: referenceEntryStore,
  versionConflict: () => new AppError('CONFLICT', 'the entry was changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

/** Reference list commands (tags, languages, name-day rules, industries, sub-industries, business activities). */
export class ReferenceEntryCommands {
  private readonly handler: CommandHandler<ReferenceEntryState, ReferenceEntryChange>;

  constructor(dataSource: DataSource, registry: EventRegistry, onCommitted: () => void) {
    this.handler = new CommandHandler(dataSource, registry, referenceEntryAggregate, onCommitted);
  }

  define(ctx: RequestContext, command: DefineReferenceEntry, idempotencyKey: string | null): Promise<CommandResult<ReferenceEntryState>> {
    const idempotency = idempotencyKey ? { scope: 'settings.reference_entries.define', key: idempotencyKey, request: command } : null;
    return this.handler.run(ctx, { create: true, id: null }, (state) => defineReferenceEntry(state, command), idempotency);
  }

  /** Changes an entry of the kind named (another kind's entry is not found: each list is its own resource). */
  change(ctx: RequestContext, kind: string, id: string, command: ReferenceEntryFields): Promise<CommandResult<ReferenceEntryState>> {
    return this.handler.run(ctx, { create: false, ref: id }, (state) => changeReferenceEntry(state?.kind === kind ? state : null, id, command));
  }

  remove(ctx: RequestContext, kind: string, id: string): Promise<CommandResult<ReferenceEntryState>> {
    return this.handler.run(ctx, { create: false, ref: id }, (state) => removeReferenceEntry(state?.kind === kind ? state : null, id));
  }
}
