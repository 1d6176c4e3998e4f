import { AppError } from '@crm/platform/errors';
import type { DeviceCustomField } from '@crm/event-bus/contracts/subscriptions';
import { live, type DeviceChange, type DeviceState } from './device';
import { checkCustomFields } from './register-device';

/** PUT /self-service/v2/devices/{id}: replaces the custom fields. */
export interface UpdateDevice {
  deviceId: string;
  customFields: DeviceCustomField[];
}

export function updateDevice(state: DeviceState | null, cmd: UpdateDevice): DeviceChange[] {
  const s = live(state);
  if (!s) throw AppError.notFound('device', cmd.deviceId);
  checkCustomFields(cmd.customFields);
  if (JSON.stringify(s.customFields) === JSON.stringify(cmd.customFields)) return [];
  return [{ type: 'device.updated', data: { customFields: cmd.customFields } }];
}
