import { AppError } from '@crm/platform/errors';
import { decimalString, type METER_READING_SUBMITTERS } from '@crm/event-bus/contracts/subscriptions';
import { live, type DeviceChange, type DeviceState } from './device';

/** POST /self-service/v2/contacts/{id}/devices/{dev_id}/meter_readings. */
export interface RecordMeterReading {
  deviceId: string;
  readingId: string;
  /** The reading as an exact decimal string. */
  reading: string;
  from: Date | null;
  to: Date | null;
  submittedBy: { type: (typeof METER_READING_SUBMITTERS)[number]; id: string };
  now: Date;
}

/** Records a meter reading of a physical device (pure): an exact decimal, a period not in the future and not reversed. */
export function recordMeterReading(state: DeviceState | null, cmd: RecordMeterReading): DeviceChange[] {
  const s = live(state);
  if (!s) throw AppError.notFound('device', cmd.deviceId);
  if (s.kind !== 'PHYSICAL') throw new AppError('CONFLICT', 'only physical devices have meter readings', { reason: 'DEVICE_NOT_PHYSICAL' });
  if (!decimalString.safeParse(cmd.reading).success)
    throw AppError.validation('reading', 'must be a decimal number with at most 18 integer digits and 6 decimals', 'INVALID_VALUE');
  if (cmd.from && cmd.to && cmd.from.getTime() > cmd.to.getTime())
    throw AppError.validation('dates.from', 'must not be after dates.to', 'INVALID_DATE');
  const end = cmd.to ?? cmd.from;
  if (end && end.getTime() > cmd.now.getTime())
    throw AppError.validation(cmd.to ? 'dates.to' : 'dates.from', 'must not be in the future', 'INVALID_DATE');
  return [
    {
      type: 'device.meter_reading_recorded',
      data: {
        readingId: cmd.readingId,
        reading: cmd.reading,
        from: cmd.from?.toISOString() ?? null,
        to: cmd.to?.toISOString() ?? null,
        submittedBy: cmd.submittedBy,
      },
    },
  ];
}
