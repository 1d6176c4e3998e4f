import type { ProvisioningCommandRequestedV1, ProvisioningEvent } from '@crm/event-bus/contracts/subscriptions';

/** A service command sent to a provisioning integration, and its answer. */
export interface ProvisioningCommandState extends Readonly<ProvisioningCommandRequestedV1['data']> {
  id: string;
  version: number;
  state: 'PENDING' | 'COMPLETED' | 'REJECTED' | 'IGNORED';
  reason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type ProvisioningChange = ProvisioningEvent extends infer E ? (E extends ProvisioningEvent ? Pick<E, 'type' | 'data'> : never) : never;

export function evolveProvisioning(
  state: ProvisioningCommandState | null,
  e: ProvisioningChange,
  meta: { version: number; at: Date },
): ProvisioningCommandState {
  if (e.type === 'provisioning.command_requested')
    return { ...e.data, id: state?.id ?? '', version: meta.version, state: 'PENDING', reason: null, createdAt: meta.at, updatedAt: meta.at };
  if (!state) throw new Error(`${e.type} before provisioning.command_requested`);
  return { ...state, version: meta.version, state: e.data.state, reason: e.data.reason, updatedAt: meta.at };
}
