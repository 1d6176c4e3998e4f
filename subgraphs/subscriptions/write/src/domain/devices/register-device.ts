import { AppError } from '@crm/platform/errors';
import type { DeviceCustomField } from '@crm/event-bus/contracts/subscriptions';
import type { DeviceChange, DeviceIdentity, DeviceState } from './device';

/** POST /backoffice/v2/devices (PHYSICAL) or POST /self-service/v2/contacts/{id}/devices (PUSH, or PHYSICAL with a serial number). */
export type RegisterDevice = DeviceIdentity;

export const MAX_CUSTOM_FIELDS = 50;

export function checkCustomFields(fields: DeviceCustomField[]): void {
  if (fields.length > MAX_CUSTOM_FIELDS) throw AppError.validation('customFields', `at most ${MAX_CUSTOM_FIELDS}`, 'TOO_MANY');
  const keys = new Set<string>();
  fields.forEach((f, i) => {
    if (keys.has(f.key)) throw AppError.validation(`customFields[${i}].key`, 'is given twice', 'DUPLICATE');
    keys.add(f.key);
  });
}

/**
 * Registers a device (pure). A physical device needs its serial number and product; a push
 * registration its platform and registration token (and carries no serial number or product).
 */
export function registerDevice(state: DeviceState | null, cmd: RegisterDevice): DeviceChange[] {
  if (state) throw new AppError('CONFLICT', 'the device is already registered', { reason: 'DEVICE_ALREADY_REGISTERED' });
  if (cmd.kind === 'PHYSICAL') {
    if (!cmd.serialNumber) throw AppError.validation('serialNumber', 'is required for a physical device', 'REQUIRED');
    if (!cmd.productId) throw AppError.validation('productId', 'is required for a physical device', 'REQUIRED');
    if (cmd.registrationToken) throw AppError.validation('registrationToken', 'is for push registrations, not physical devices', 'INVALID_VALUE');
  } else {
    if (!cmd.registrationToken) throw AppError.validation('registrationToken', 'is required for a push registration', 'REQUIRED');
    if (!cmd.platform) throw AppError.validation('platform', 'is required for a push registration', 'REQUIRED');
    if (cmd.serialNumber || cmd.productId)
      throw AppError.validation(cmd.serialNumber ? 'serialNumber' : 'productId', 'is for physical devices, not push registrations', 'INVALID_VALUE');
  }
  checkCustomFields(cmd.customFields);
  return [{ type: 'device.registered', data: { ...cmd } }];
}
