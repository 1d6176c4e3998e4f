import { z } from 'zod';

/** Value shapes shared by the device events (NOTES §4.9: a push registration or a physical device). */
export const DEVICE_KINDS = ['PHYSICAL', 'PUSH'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
export const DEVICE_PLATFORMS = ['MOBILE', 'BROWSER', 'OTHER'] as const;
export const DEVICE_SERVICE_STATES = ['ENABLED', 'DISABLED'] as const;
export type DeviceServiceState = (typeof DEVICE_SERVICE_STATES)[number];
export const METER_READING_SUBMITTERS = ['CONTACT', 'USER', 'API_KEY'] as const;

const text = (max: number) => z.string().min(1).max(max);

export const customFieldsSchema = z.array(z.object({ key: text(64), value: z.string().max(1024) })).max(50);
export type DeviceCustomField = z.infer<typeof customFieldsSchema>[number];

/** A decimal number as a canonical string (no floats anywhere): optional minus, digits, at most 6 decimals. */
export const decimalString = z.string().regex(/^-?(0|[1-9][0-9]{0,17})(\.[0-9]{1,6})?$/);

export { text as deviceText };
