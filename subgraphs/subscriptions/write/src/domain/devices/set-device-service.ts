import { AppError } from '@crm/platform/errors';
import type { ServiceStateName } from '@crm/event-bus/contracts/subscriptions';
import { live, type DeviceChange, type DeviceState } from './device';

export const DEVICE_SERVICE_ACTIONS = ['ENABLE', 'DISABLE'] as const;
export type DeviceServiceAction = (typeof DEVICE_SERVICE_ACTIONS)[number];

/** POST /backoffice/v2/services/{id}/devices [{device_id, action}]: the service as the command handler read it. */
export interface SetDeviceService {
  deviceId: string;
  action: DeviceServiceAction;
  service: { id: string; subscriptionId: string; state: ServiceStateName };
}

/** Services that ended: nothing is enabled for them any more. */
const ENDED = new Set<ServiceStateName>(['CANCELLED', 'REGRETTED', 'SWAPPED', 'REMOVED']);

/**
 * Enables or disables one service on a device (pure): the device must be assigned to the
 * service's subscription; an ended service cannot be enabled; asking for the state it already
 * has changes nothing.
 */
export function setDeviceService(state: DeviceState | null, cmd: SetDeviceService): DeviceChange[] {
  const s = live(state);
  if (!s) throw AppError.notFound('device', cmd.deviceId);
  if (s.subscriptionId !== cmd.service.subscriptionId)
    throw new AppError('CONFLICT', "the device is not assigned to the service's subscription", { reason: 'DEVICE_NOT_IN_SUBSCRIPTION' });
  const current = s.services.find((x) => x.serviceId === cmd.service.id)?.state ?? 'DISABLED';
  const wanted = cmd.action === 'ENABLE' ? 'ENABLED' : 'DISABLED';
  if (wanted === 'ENABLED' && ENDED.has(cmd.service.state))
    throw new AppError('CONFLICT', `the service is ${cmd.service.state}`, { reason: 'SERVICE_TERMINATED' });
  if (current === wanted) return [];
  return [{ type: 'device.service_state_changed', data: { serviceId: cmd.service.id, state: wanted } }];
}
