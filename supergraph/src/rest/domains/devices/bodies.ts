import { z } from 'zod';

const text = (max: number) => z.string().min(1).max(max);
const customFields = z.array(z.strictObject({ key: text(64), value: z.string().max(1024) })).max(50);
const epochSeconds = z.int().min(0).max(253402300799).describe('Epoch seconds');

/** POST /backoffice/v2/devices: a physical device of a contact. */
export const registerDeviceBody = z.strictObject({
  serial_number: text(128),
  electronic_id: text(128).optional(),
  mac_address: text(64).optional(),
  contact_id: z.string().min(1).max(64).describe('The contact holding the device (a UUID).'),
  product_id: text(64).describe('The catalogue product of the device (an opaque id here).'),
  custom_fields: customFields.optional(),
});
export type RegisterDeviceBody = z.infer<typeof registerDeviceBody>;

/** POST /self-service/v2/contacts/{id}/devices: a push registration (registration_token, platform) or a physical device (serial_number, product_id). */
export const addContactDeviceBody = z.strictObject({
  application_id: text(64).nullable().optional(),
  custom_fields: customFields.nullable().optional(),
  electronic_id: text(128).nullable().optional(),
  mac_address: text(64).nullable().optional(),
  platform: z.enum(['MOBILE', 'BROWSER', 'OTHER']).nullable().optional(),
  product_id: text(64).nullable().optional(),
  registration_token: text(4096).nullable().optional(),
  serial_number: text(128).nullable().optional(),
});
export type AddContactDeviceBody = z.infer<typeof addContactDeviceBody>;

/** PUT /self-service/v2/devices/{id}. */
export const updateDeviceBody = z.strictObject({
  id: z.string().max(64).optional().describe('Ignored when it names the path device; another id is a 400.'),
  custom_fields: customFields.nullable().optional(),
});

/** POST …/devices/{dev_id}/meter_readings: `reading` is kept exactly as its shortest decimal form (at most 6 decimals). */
export const meterReadingBody = z.strictObject({
  reading: z.number().finite(),
  dates: z.strictObject({ from: epochSeconds.optional(), to: epochSeconds.optional() }).optional(),
});

/** POST /backoffice/v2/subscriptions/{id}/devices. */
export const assignDeviceBody = z.strictObject({ device_id: z.string().min(1).max(64) });

/** POST /backoffice/v2/services/{id}/devices (flow 20's list, wrapped in an object). */
export const serviceDevicesBody = z.strictObject({
  devices: z
    .array(z.strictObject({ device_id: z.string().min(1).max(64), action: z.enum(['ENABLE', 'DISABLE']) }))
    .min(1)
    .max(50),
});
