import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { AUTOMATION_AGGREGATE } from '@crm/event-bus/contracts/integrations';
import { evolve, type AutomationChange, type AutomationSettings, type AutomationState } from '../domain/automation';
import { normaliseAutomation, type AutomationInput } from '../domain/automation-rules';
import { createAutomation } from '../domain/create-automation';
import { deleteAutomation } from '../domain/delete-automation';
import { setAutomationEnabled } from '../domain/set-automation-enabled';
import { updateAutomation } from '../domain/update-automation';
import { automationStore } from '../persistence/automation-store';
import { webhookStore } from '../persistence/webhook-store';

export const automationAggregate: AggregateDefinition<AutomationState, AutomationChange> = {
  type: AUTOMATION_AGGREGATE,
  evolve,
  store: automationStore,
  versionConflict: () => new AppError('CONFLICT', 'the automation was changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

/**
 * Automation commands on the kit's command handler. Settings are normalised (known trigger event,
 * checked conditions and actions) and the webhook endpoints WEBHOOK actions name must be the
 * tenant's, before the decider.
 */
export class AutomationCommands {
  private readonly handler: CommandHandler<AutomationState, AutomationChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    onCommitted: () => void,
    private readonly eventTypes: ReadonlySet<string>,
  ) {
    this.handler = new CommandHandler(dataSource, registry, automationAggregate, onCommitted);
  }

  get queryable() {
    return this.dataSource.manager;
  }

  async create(ctx: RequestContext, input: AutomationInput, idempotencyKey: string | null = null): Promise<CommandResult<AutomationState>> {
    const settings = await this.settings(ctx.tenantId, input);
    const idempotency = idempotencyKey ? { scope: 'integrations.automation.create', key: idempotencyKey, request: settings } : null;
    return this.handler.run(ctx, { create: true, id: null }, (state) => createAutomation(state, { settings }), idempotency);
  }

  async update(ctx: RequestContext, id: string, input: AutomationInput): Promise<CommandResult<AutomationState>> {
    const settings = await this.settings(ctx.tenantId, input);
    return this.handler.run(ctx, { create: false, ref: id }, (state) => updateAutomation(state, { id, settings }));
  }

  delete(ctx: RequestContext, id: string): Promise<CommandResult<AutomationState>> {
    return this.handler.run(ctx, { create: false, ref: id }, (state) => deleteAutomation(state, { id }));
  }

  setEnabled(ctx: RequestContext, id: string, enabled: boolean): Promise<CommandResult<AutomationState>> {
    return this.handler.run(ctx, { create: false, ref: id }, (state) => setAutomationEnabled(state, { id, enabled }));
  }

  /** Normalised settings (throws the validation error naming the field). */
  async settings(tenantId: string, input: AutomationInput): Promise<AutomationSettings> {
    const settings = normaliseAutomation(input, { eventTypes: this.eventTypes });
    for (const [i, action] of settings.actions.entries()) {
      if (action.type !== 'WEBHOOK') continue;
      const endpoint = await webhookStore.findById(this.dataSource.manager, tenantId, action.webhookId);
      if (!endpoint || endpoint.deleted)
        throw AppError.validation(`actions.${i}.webhookId`, 'names no webhook endpoint of the tenant', 'INVALID_VALUE');
    }
    return settings;
  }
}
