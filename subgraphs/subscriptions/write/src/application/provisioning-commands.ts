import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { PROVISIONING_COMMAND_AGGREGATE, WIFI_AUTHORIZATION_AGGREGATE } from '@crm/event-bus/contracts/subscriptions';
import { evolveProvisioning, type ProvisioningChange, type ProvisioningCommandState } from '../domain/provisioning/provisioning';
import { requestCommand, type RequestCommand } from '../domain/provisioning/request-command';
import { answerCommand, type AnswerCommand } from '../domain/provisioning/answer-command';
import { usageStore } from '../persistence/usage-store';
import { serviceRowFor } from '../persistence/service-ref';
import { subscriptionContacts } from '../consumers/known-contacts.consumer';
import { authorizeWifi, evolveWifi, type AuthorizeWifi, type WifiAuthorizationState, type WifiChange } from '../domain/wifi/authorize-wifi';

const wifiAggregate: AggregateDefinition<WifiAuthorizationState, WifiChange> = {
  type: WIFI_AUTHORIZATION_AGGREGATE,
  evolve: evolveWifi,
  store: usageStore<WifiAuthorizationState>(WIFI_AUTHORIZATION_AGGREGATE),
  versionConflict: () => new AppError('CONFLICT', 'changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

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
  private readonly wifi: CommandHandler<WifiAuthorizationState, WifiChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    private readonly onCommitted: () => void,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.handler = new CommandHandler(dataSource, registry, aggregate, onCommitted, clock);
    this.wifi = new CommandHandler(dataSource, registry, wifiAggregate, onCommitted, clock);
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

  /**
   * Authorises a contact on a WiFi site: the contact must be one of the tenant's (404), with a
   * service in use (its subscriptions held FOR SHARE while the authorisation is written).
   */
  async authorizeWifi(ctx: RequestContext, input: Omit<AuthorizeWifi, 'servicesInUse'>): Promise<CommandResult<WifiAuthorizationState>> {
    if (!(await subscriptionContacts(this.dataSource).exists(ctx.tenantId, input.contactId)))
      throw new AppError('NOT_FOUND', `contact ${input.contactId} was not found`, { reason: 'CONTACT_NOT_FOUND' });
    const result = await this.dataSource.transaction(async (m) => {
      const rows = (await m.query(
        `SELECT x.id FROM subscriptions s, jsonb_to_recordset(s.data -> 'services') AS x(id uuid, state text)
          WHERE s.tenant_id = $1 AND s.contact_id = $2 AND x.state = 'EFFECTIVE' ORDER BY x.id FOR SHARE OF s`,
        [ctx.tenantId, input.contactId],
      )) as { id: string }[];
      return this.wifi.runIn(
        m,
        ctx,
        { create: true, id: newId() },
        (s) => authorizeWifi(s, { ...input, servicesInUse: rows.map((r) => r.id) }),
        this.clock(),
      );
    });
    this.onCommitted();
    return result;
  }
}
