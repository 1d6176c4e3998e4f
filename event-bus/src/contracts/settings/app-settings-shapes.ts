import { z } from 'zod';

/** What a self-service application is (CRM.COM `type`). */
export const APP_TYPES = ['NATIVE', 'NATIVE_MERCHANT', 'WEB', 'CAPTIVE', 'CONSUMER_APP'] as const;
/** Integration families an application offers (CRM.COM `type` of `GET /applications/{id}/integrations`). */
export const INTEGRATION_TYPES = [
  'ADDRESS_REGISTRY',
  'ANALYTICS',
  'COMMUNICATIONS',
  'MARKETING',
  'PAYMENT_GATEWAYS',
  'POINTS_OF_SALE',
  'PROVISIONING_PROVIDERS',
  'WIFI_PLATFORM',
  'CUSTOMER_EVENTS',
] as const;
/** How a payment gateway integration takes payments (the contract's enum). */
export const INTEGRATION_PAYMENT_METHODS = ['CARD', 'ACCOUNT_DEBIT', 'WALLET', 'A2A'] as const;
export const APP_LAYOUTS = ['LAYOUT1', 'LAYOUT2', 'LAYOUT3', 'LAYOUT4', 'LAYOUT5'] as const;
export const APP_COLOUR_TYPES = [
  'LANDING_BACKGROUND',
  'LANDING_CARD',
  'LANDING_TEXT',
  'SCREEN_CARD',
  'SCREEN_BUTTON',
  'SCREEN_WALLET',
  'LEGACY_BACKGROUND',
  'LEGACY_BUTTON',
  'LEGACY_CARD',
  'PRIMARY_COLOUR',
  'SECONDARY_COLOUR',
] as const;
export const APP_FONTS = ['San Francisco', 'Roboto', 'Helvetica', 'Open Sans', 'Poppins', 'Georgia', 'Gilroy'] as const;
/** Languages an embedded link is written in (the contract's enum). */
export const EMBEDDED_LINK_LANGUAGES = ['EN', 'GR'] as const;

const text = (max: number) => z.string().min(1).max(max);
const contactRef = z.object({ isSupported: z.boolean(), contactId: z.uuid().nullable(), contactName: z.string().max(200).nullable() });

/** The public configuration of one self-service application, as every app_settings event carries it (whole). */
export const appSettingsDefinition = z.object({
  platformAppId: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/),
  name: text(100),
  type: z.enum(APP_TYPES),
  description: z.string().max(1000).nullable(),
  brandName: z.string().max(100).nullable(),
  authentication: z.object({
    emailPassword: z.boolean(),
    emailOtp: z.boolean(),
    smsOtp: z.boolean(),
    facebook: z.object({ isSupported: z.boolean(), appId: z.string().max(100).nullable() }),
    google: z.boolean(),
    sso: z.boolean(),
    guestContact: contactRef,
    demoContact: contactRef,
  }),
  appearance: z.object({
    darkMode: z.boolean(),
    homepageLayout: z.enum(APP_LAYOUTS),
    orderingLayout: z.enum(APP_LAYOUTS),
    colours: z.array(z.object({ type: z.enum(APP_COLOUR_TYPES), value: z.string().regex(/^#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?$/) })).max(20),
    textFont: z.enum(APP_FONTS).nullable(),
  }),
  showBestSelling: z.boolean(),
  showRecommendations: z.boolean(),
  integrations: z
    .array(
      z.object({
        id: z.uuid(),
        type: z.enum(INTEGRATION_TYPES),
        connector: text(100),
        organisationId: z.uuid().nullable(),
        mediaUrl: z.string().max(2000).nullable(),
        paymentMethods: z.array(z.enum(INTEGRATION_PAYMENT_METHODS)).max(4),
      }),
    )
    .max(50),
  embeddedLinks: z
    .array(
      z.object({
        id: z.uuid(),
        title: text(200),
        url: z.string().max(2000),
        languageCode: z.enum(EMBEDDED_LINK_LANGUAGES),
        sortOrder: z.number().int().min(0).max(10_000),
      }),
    )
    .max(100),
});
export type AppSettingsDefinition = z.infer<typeof appSettingsDefinition>;
