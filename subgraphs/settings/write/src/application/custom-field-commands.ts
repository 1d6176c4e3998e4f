import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { CUSTOM_FIELD_AGGREGATE } from '@crm/event-bus/contracts/settings';
import { evolveCustomField, type CustomFieldChange, type CustomFieldState } from '../domain/custom-field';
import {
  changeCustomField,
  defineCustomField,
  removeCustomField,
  type ChangeCustomField,
  type DefineCustomField,
} from '../domain/define-custom-field';
import { customFieldStore } from '../persistence/custom-field-store';

export const customFieldAggregate: AggregateDefinition<CustomFieldState, CustomFieldChange> = {
  type: CUSTOM_FIELD_AGGREGATE,
  evolve: evolveCustomField,
  store: customFieldStore,
  versionConflict: () => new AppError('CONFLICT', 'the custom field was changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

/** Custom field definition commands on the kit's command handler. */
export class CustomFieldCommands {
  private readonly handler: CommandHandler<CustomFieldState, CustomFieldChange>;

  constructor(dataSource: DataSource, registry: EventRegistry, onCommitted: () => void) {
    this.handler = new CommandHandler(dataSource, registry, customFieldAggregate, onCommitted);
  }

  define(ctx: RequestContext, command: DefineCustomField, idempotencyKey: string | null): Promise<CommandResult<CustomFieldState>> {
    const idempotency = idempotencyKey ? { scope: 'settings.custom_fields.define', key: idempotencyKey, request: command } : null;
    return this.handler.run(ctx, { create: true, id: null }, (state) => defineCustomField(state, command), idempotency);
  }

  change(ctx: RequestContext, id: string, command: ChangeCustomField): Promise<CommandResult<CustomFieldState>> {
    return this.handler.run(ctx, { create: false, ref: id }, (state) => changeCustomField(state, id, command));
  }

  remove(ctx: RequestContext, id: string): Promise<CommandResult<CustomFieldState>> {
    return this.handler.run(ctx, { create: false, ref: id }, (state) => removeCustomField(state, id));
  }
}
