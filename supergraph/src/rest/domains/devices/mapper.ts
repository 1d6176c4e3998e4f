import { epochSeconds } from '../../kit/format';
import type { GqlDevice, GqlMeterReading } from './operations';

const LIFE_CYCLE_STATES = new Set(['DRAFT', 'EFFECTIVE', 'NOT_EFFECTIVE', 'PAUSED', 'CANCELLED', 'REGRETTED']);

/** Drops undefined members (absent values are omitted, never null). */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
const orOmit = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

function baseOf(d: GqlDevice, includeCustomFields: boolean): Record<string, unknown> {
  const enabled = d.services.filter((s) => s.state === 'ENABLED');
  return compact({
    id: d.id,
    serial_number: orOmit(d.serialNumber),
    electronic_id: orOmit(d.electronicId),
    mac_address: orOmit(d.macAddress),
    platform: orOmit(d.platform),
    registration_token: orOmit(d.registrationToken),
    registration_date: epochSeconds(d.createdAt),
    product: d.productId ? { id: d.productId } : undefined,
    enabled_services:
      d.kind === 'PHYSICAL'
        ? enabled.map((s) =>
            compact({
              id: s.serviceId,
              life_cycle_state: s.serviceState && LIFE_CYCLE_STATES.has(s.serviceState) ? s.serviceState : undefined,
              product: s.productId ? { id: s.productId } : undefined,
            }),
          )
        : undefined,
    custom_fields: includeCustomFields ? d.customFields : undefined,
  });
}

/** A device as the Self-Service Contact Devices tag shows it. */
export const toContactDevice = (d: GqlDevice, includeCustomFields: boolean): Record<string, unknown> => baseOf(d, includeCustomFields);

/** A device in the Back-Office: the Self-Service fields plus its contact, subscription and services. */
export function toDevice(d: GqlDevice): Record<string, unknown> {
  return compact({
    ...baseOf(d, true),
    type: d.kind,
    contact: { id: d.contactId },
    subscription: d.subscriptionId ? { id: d.subscriptionId } : undefined,
    services: d.services.map((s) => compact({ id: s.serviceId, state: s.state, life_cycle_state: orOmit(s.serviceState) })),
    meter_readings: d.meterReadingCount,
    updated_date: epochSeconds(d.updatedAt),
  });
}

/** A device of one service, with the service's state on it. */
export function toServiceDevice(d: GqlDevice, serviceId: string): Record<string, unknown> {
  return {
    device: compact({
      id: d.id,
      serial_number: orOmit(d.serialNumber),
      eletronic_id: orOmit(d.electronicId),
      product: d.productId ? { id: d.productId } : undefined,
    }),
    state: d.services.find((s) => s.serviceId === serviceId)?.state ?? 'DISABLED',
  };
}

/** A meter reading: the stored decimal string as a JSON number (at most 6 decimals, so the number prints back to it). */
export function toMeterReading(r: GqlMeterReading): Record<string, unknown> {
  const date = compact({ from: r.from ? epochSeconds(r.from) : undefined, to: r.to ? epochSeconds(r.to) : undefined });
  return compact({
    id: r.id,
    reading: Number(r.reading),
    date: Object.keys(date).length > 0 ? date : undefined,
    submitted_by: { id: r.submittedById, type: r.submittedByType },
  });
}

/** A JSON number as the exact decimal string it was written as (its shortest round-trip form); null when it has an exponent. */
export function decimalOfNumber(n: number): string | null {
  const s = String(n);
  return /^-?[0-9]+(\.[0-9]+)?$/.test(s) ? s : null;
}
