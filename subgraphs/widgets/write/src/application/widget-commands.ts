import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { WIDGET_AGGREGATE } from '@crm/event-bus/contracts/widgets';
import { evolve, type WidgetChange, type WidgetState } from '../domain/widget';
import { type CreateWidget, createWidget } from '../domain/create-widget';
import { widgetStore } from '../persistence/widget-store';

/** The widget aggregate, as the platform's command handler runs it. */
export const widgetAggregate: AggregateDefinition<WidgetState, WidgetChange> = {
  type: WIDGET_AGGREGATE,
  evolve,
  store: widgetStore,
  versionConflict: () => new AppError('CONFLICT', 'the widget was changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

/** Widget commands on the kit's command handler (load → decide → save state + outbox in one statement). */
export class WidgetCommands {
  private readonly handler: CommandHandler<WidgetState, WidgetChange>;

  constructor(dataSource: DataSource, registry: EventRegistry, onCommitted: () => void) {
    this.handler = new CommandHandler(dataSource, registry, widgetAggregate, onCommitted);
  }

  /** Same idempotency key and request → the first result, no second widget. */
  create(ctx: RequestContext, command: CreateWidget, idempotencyKey: string | null): Promise<CommandResult<WidgetState>> {
    const idempotency = idempotencyKey ? { scope: 'widgets.create', key: idempotencyKey, request: command } : null;
    return this.handler.run(ctx, { create: true, id: null }, (state) => createWidget(state, command), idempotency);
  }
}
