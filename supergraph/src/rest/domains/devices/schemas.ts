import { z } from 'zod';
import { epoch, pagingResponse } from '../../kit/response-schemas';

const ref = z.strictObject({ id: z.string() });
const LIFE_CYCLE_STATES = ['DRAFT', 'EFFECTIVE', 'NOT_EFFECTIVE', 'PAUSED', 'CANCELLED', 'REGRETTED'] as const;

const deviceFields = {
  id: z.string(),
  serial_number: z.string().optional(),
  electronic_id: z.string().optional(),
  mac_address: z.string().optional(),
  platform: z.enum(['MOBILE', 'BROWSER', 'OTHER']).optional(),
  registration_token: z.string().optional(),
  registration_date: epoch.optional(),
  product: ref.optional(),
  enabled_services: z
    .array(z.strictObject({ id: z.string(), life_cycle_state: z.enum(LIFE_CYCLE_STATES).optional(), product: ref.optional() }))
    .optional()
    .describe('The services ENABLED on a physical device (life_cycle_state omitted for a service that was swapped or removed).'),
  custom_fields: z
    .array(z.strictObject({ key: z.string(), value: z.string() }))
    .optional()
    .describe('Only with include_custom_fields=true.'),
};

/** One device (GET /self-service/v2/contacts/{id}/devices items). */
export const contactDeviceResponse = z.strictObject(deviceFields);
export const contactDevicePageResponse = z.strictObject({ paging: pagingResponse, content: z.array(contactDeviceResponse) });

/** One device in the Back-Office (GET /backoffice/v2/devices[/{id}]): the Self-Service fields, its contact, subscription and every service on it. */
export const deviceResponse = z.strictObject({
  ...deviceFields,
  custom_fields: z.array(z.strictObject({ key: z.string(), value: z.string() })),
  type: z.enum(['PHYSICAL', 'PUSH']),
  contact: ref,
  subscription: ref.optional(),
  services: z.array(z.strictObject({ id: z.string(), state: z.enum(['ENABLED', 'DISABLED']), life_cycle_state: z.string().optional() })),
  meter_readings: z.int().min(0).describe('How many meter readings were submitted'),
  updated_date: epoch,
});
export const devicePageResponse = z.strictObject({ paging: pagingResponse, content: z.array(deviceResponse) });

/** One device of a service (GET …/services/{id}/devices items; `eletronic_id` as the contract spells it). */
export const serviceDeviceResponse = z.strictObject({
  device: z.strictObject({ id: z.string(), serial_number: z.string().optional(), eletronic_id: z.string().optional(), product: ref.optional() }),
  state: z.enum(['ENABLED', 'DISABLED']),
});
export const serviceDevicePageResponse = z.strictObject({ paging: pagingResponse, content: z.array(serviceDeviceResponse) });

/** One meter reading (GET …/devices/{dev_id}/meter_readings items). */
export const meterReadingResponse = z.strictObject({
  id: z.string(),
  reading: z.number(),
  date: z.strictObject({ from: epoch.optional(), to: epoch.optional() }).optional(),
  submitted_by: z.strictObject({ id: z.string(), type: z.enum(['CONTACT', 'USER', 'API_KEY']) }),
});
export const meterReadingPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(meterReadingResponse) });

/** POST /backoffice/v2/services/{id}/devices: the devices changed. */
export const serviceDevicesResultResponse = z.strictObject({ devices: z.array(ref) });
