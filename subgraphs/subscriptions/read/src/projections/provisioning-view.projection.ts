import type { ProvisioningEvent } from '@crm/event-bus/contracts/subscriptions';

/** A service command and its answer, as the service shows it. */
export interface ProvisioningCommandView {
  id: string;
  version: number;
  serviceId: string;
  contactId: string;
  integrationId: string;
  code: string;
  state: string;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
}

type Projected = Pick<ProvisioningEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>;

/** Folds a provisioning event into the command's view (pure). */
export function projectProvisioning(view: ProvisioningCommandView | null, event: Projected): ProvisioningCommandView {
  const e = event as ProvisioningEvent;
  if (e.type === 'provisioning.command_requested')
    return {
      id: event.aggregateId,
      version: event.aggregateVersion,
      serviceId: e.data.serviceId,
      contactId: e.data.contactId,
      integrationId: e.data.integrationId,
      code: e.data.code,
      state: 'PENDING',
      reason: null,
      createdAt: event.occurredAt,
      updatedAt: event.occurredAt,
    };
  if (!view) throw new Error(`${e.type} before provisioning.command_requested for ${event.aggregateId}`);
  return { ...view, version: event.aggregateVersion, state: e.data.state, reason: e.data.reason, updatedAt: event.occurredAt };
}
