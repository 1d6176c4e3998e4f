import { AppError } from '@crm/platform/errors';
import { live, type DeviceChange, type DeviceState } from './device';

/** DELETE /self-service/v2/contacts/{id}/devices/{fcm_token}: a push registration ends. */
export interface RemoveDevice {
  deviceId: string;
}

export function removeDevice(state: DeviceState | null, cmd: RemoveDevice): DeviceChange[] {
  const s = live(state);
  if (!s) throw AppError.notFound('device', cmd.deviceId);
  if (s.kind !== 'PUSH') throw new AppError('CONFLICT', 'only push registrations are removed this way', { reason: 'DEVICE_NOT_PUSH' });
  return [{ type: 'device.removed', data: {} }];
}
