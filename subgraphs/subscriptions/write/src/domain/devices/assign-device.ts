import { AppError } from '@crm/platform/errors';
import type { SubscriptionStateName } from '@crm/event-bus/contracts/subscriptions';
import { live, type DeviceChange, type DeviceState } from './device';

/** POST /backoffice/v2/subscriptions/{id}/devices {device_id}: the subscription as the command handler read it. */
export interface AssignDevice {
  deviceId: string;
  subscription: { id: string; contactId: string; state: SubscriptionStateName };
}

/**
 * Assigns a physical device to a subscription of the same contact (pure). Assigning it again to
 * the same subscription changes nothing; moving it needs every service on it disabled first.
 */
export function assignDevice(state: DeviceState | null, cmd: AssignDevice): DeviceChange[] {
  const s = live(state);
  if (!s) throw AppError.notFound('device', cmd.deviceId);
  if (s.kind !== 'PHYSICAL') throw new AppError('CONFLICT', 'only physical devices join subscriptions', { reason: 'DEVICE_NOT_PHYSICAL' });
  if (s.contactId !== cmd.subscription.contactId)
    throw new AppError('CONFLICT', "the device belongs to another contact than the subscription's", { reason: 'DEVICE_CONTACT_MISMATCH' });
  if (cmd.subscription.state === 'CHURNED') throw new AppError('CONFLICT', 'the subscription has churned', { reason: 'SUBSCRIPTION_CHURNED' });
  if (s.subscriptionId === cmd.subscription.id) return [];
  if (s.services.some((x) => x.state === 'ENABLED'))
    throw new AppError('CONFLICT', 'disable the services enabled on the device before moving it', { reason: 'DEVICE_HAS_ENABLED_SERVICES' });
  return [{ type: 'device.subscription_assigned', data: { subscriptionId: cmd.subscription.id } }];
}
