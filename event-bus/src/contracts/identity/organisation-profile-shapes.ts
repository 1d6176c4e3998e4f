import { z } from 'zod';
import { COUNTRY_CODES } from '@crm/platform/reference';

/** Days of an opening-hours entry. */
export const WEEK_DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
/** What an opening-hours entry is for (CRM.COM `operation`). */
export const OPERATIONS = ['DELIVERY', 'PICK_UP', 'ANY'] as const;
export const CONTACT_INFO_TYPES = ['EMAIL', 'PHONE'] as const;

const text = (max: number) => z.string().min(1).max(max);
const time = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/);

/**
 * The business-network profile of an organisation (the business, a merchant or a venue): what
 * self-service apps show of it and search it by. Every organisation_profile event carries it whole.
 */
export const organisationProfile = z.object({
  description: z.string().max(2000).nullable(),
  industry: text(100).nullable(),
  industrySectors: z.array(text(100)).max(20),
  businessActivities: z.array(text(100)).max(20),
  tags: z.array(text(100)).max(50),
  /** The code a contact taps (NFC / QR) at the venue. */
  tapCode: z.string().max(100).nullable(),
  addresses: z
    .array(
      z.object({
        id: z.uuid(),
        name: z.string().max(100).nullable(),
        addressLine1: text(200),
        addressLine2: z.string().max(200).nullable(),
        townCity: text(100),
        postalCode: text(20),
        stateProvinceCounty: z.string().max(100).nullable(),
        countryCode: z.enum(COUNTRY_CODES),
        lat: z.number().min(-90).max(90).nullable(),
        lon: z.number().min(-180).max(180).nullable(),
        googlePlaceId: z.string().max(300).nullable(),
        isPrimary: z.boolean(),
      }),
    )
    .max(20),
  contactInfo: z
    .array(
      z.object({ id: z.uuid(), type: z.enum(CONTACT_INFO_TYPES), name: text(100), value: text(200), countryCode: z.enum(COUNTRY_CODES).nullable() }),
    )
    .max(20),
  openingHours: z.array(z.object({ dayOfWeek: z.enum(WEEK_DAYS), open: time, close: time, operation: z.enum(OPERATIONS) })).max(50),
});
export type OrganisationProfile = z.infer<typeof organisationProfile>;
