import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { PROVISIONING_COMMAND_AGGREGATE } from '@crm/event-bus/contracts/subscriptions';
import { evolveProvisioning, type ProvisioningChange, type ProvisioningCommandState } from '../domain/provisioning/provisioning';
import { requestCommand, type RequestCommand } from '../domain/provisioning/request-command';
import { answerCommand, type AnswerCommand } from '../domain/provisioning/answer-command';
import { usageStore } from '../persistence/usage-store';
import { serviceRowFor } from '../persistence/service-ref';

const aggregate: AggregateDefinition<ProvisioningCommandState, ProvisioningChange> = {
  type: PROVISIONING_COMMAND_AGGREGATE,
  evolve: evolveProvisioning,
  // small aggregates kept whole in usage_aggregates (the table keys by aggregate type)
  store: usageStore<ProvisioningCommandState>(PROVISIONING_COMMAND_AGGREGATE),
  versionConflict: () => new AppError('CONFLICT', 'changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

/** Provisioning service commands: sent (checked against the service in the same transaction) and answered by the integration. */
export class ProvisioningCommands {
  private readonly handler: CommandHandler<ProvisioningCommandState, ProvisioningChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    private readonly onCommitted: () => void,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.handler = new CommandHandler(dataSource, registry, aggregate, onCommitted, clock);
  }

  async request(ctx: RequestContext, serviceId: string, input: Omit<RequestCommand, 'service'>): Promise<CommandResult<ProvisioningCommandState>> {
    const result = await this.dataSource.transaction(async (m) => {
      const service = await serviceRowFor(m, ctx.tenantId, serviceId);
      if (!service) throw AppError.notFound('service', serviceId);
      return this.handler.runIn(m, ctx, { create: true, id: newId() }, (s) => requestCommand(s, { ...input, service }), this.clock());
    });
    this.onCommitted();
    return result;
  }

  answer(ctx: RequestContext, cmd: AnswerCommand): Promise<CommandResult<ProvisioningCommandState>> {
    return this.handler.run(ctx, { create: false, ref: cmd.commandId }, (s) => answerCommand(s, cmd));
  }
}
