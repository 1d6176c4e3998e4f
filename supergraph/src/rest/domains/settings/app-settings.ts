import { z } from 'zod';
import {
  APP_COLOUR_TYPES,
  APP_FONTS,
  APP_LAYOUTS,
  APP_TYPES,
  EMBEDDED_LINK_LANGUAGES,
  INTEGRATION_PAYMENT_METHODS,
  INTEGRATION_TYPES,
} from '@crm/event-bus/contracts/settings';
import { op } from '../../kit/operation';

/**
 * Application configurations (settings domain), shared by the Self-Service reads
 * (`GET /applications?platform_app_id=`, its integrations and translations) and the Back-Office CRUD.
 */
const APP_FIELDS = `id platformAppId name type description brandName
  authentication { emailPassword emailOtp smsOtp facebook { isSupported appId } google sso
    guestContact { isSupported contactId contactName } demoContact { isSupported contactId contactName } }
  appearance { darkMode homepageLayout orderingLayout colours { type value } textFont }
  showBestSelling showRecommendations
  integrations { id type connector organisationId mediaUrl paymentMethods }
  embeddedLinks { id title url languageCode sortOrder }
  createdAt updatedAt`;

export const APP_BY_PLATFORM_APP_ID = op(
  'query',
  'RestAppSettingsByPlatformAppId',
  `query RestAppSettingsByPlatformAppId($platformAppId: String!) { appSettingsByPlatformAppId(platformAppId: $platformAppId) { ${APP_FIELDS} } }`,
);
export const APP_BY_ID = op('query', 'RestAppSettings', `query RestAppSettings($id: ID!) { appSettings(id: $id) { ${APP_FIELDS} } }`);
export const APP_LIST = op('query', 'RestAppSettingsList', `query RestAppSettingsList { appSettingsList { ${APP_FIELDS} } }`);

interface GqlContactOption {
  isSupported: boolean;
  contactId: string | null;
  contactName: string | null;
}
export interface GqlAppSettings {
  id: string;
  platformAppId: string;
  name: string;
  type: string;
  description: string | null;
  brandName: string | null;
  authentication: {
    emailPassword: boolean;
    emailOtp: boolean;
    smsOtp: boolean;
    facebook: { isSupported: boolean; appId: string | null };
    google: boolean;
    sso: boolean;
    guestContact: GqlContactOption;
    demoContact: GqlContactOption;
  };
  appearance: {
    darkMode: boolean;
    homepageLayout: string;
    orderingLayout: string;
    colours: { type: string; value: string }[];
    textFont: string | null;
  };
  showBestSelling: boolean;
  showRecommendations: boolean;
  integrations: { id: string; type: string; connector: string; organisationId: string | null; mediaUrl: string | null; paymentMethods: string[] }[];
  embeddedLinks: { id: string; title: string; url: string; languageCode: string; sortOrder: number }[];
  createdAt: string;
  updatedAt: string;
}

const contactOption = z.strictObject({
  is_supported: z.boolean(),
  contact: z.strictObject({ id: z.string(), name: z.string().optional() }).optional().describe('The contact the app signs in as.'),
});
const appearance = z.strictObject({
  dark_mode: z.boolean(),
  homepage_layout: z.enum(APP_LAYOUTS),
  ordering_layout: z.enum(APP_LAYOUTS),
  colours: z.array(z.strictObject({ type: z.enum(APP_COLOUR_TYPES), value: z.string() })),
  fonts: z.array(z.strictObject({ type: z.enum(['TEXT']), font: z.enum(APP_FONTS) })),
});
const authentication = z.strictObject({
  email_password: z.boolean(),
  email_otp: z.boolean(),
  sms_otp: z.boolean(),
  facebook: z.strictObject({ is_supported: z.boolean(), app_id: z.string().nullable() }),
  google: z.strictObject({ is_supported: z.boolean() }),
  sso: z.strictObject({ is_supported: z.boolean() }),
  guest_contact: contactOption,
  demo_contact: contactOption,
});

/** `GET /self-service/v2/applications?platform_app_id=`: the app's public configuration (flow 6, step 1). */
export const applicationResponse = z.strictObject({
  id: z.string(),
  name: z.string(),
  type: z.enum(APP_TYPES),
  description: z.string().optional(),
  brand_name: z.string().optional(),
  authentication,
  appearance,
  show_best_selling: z.boolean(),
  show_recommendations: z.boolean(),
});

export const integrationItem = z.strictObject({
  id: z.string(),
  type: z.enum(INTEGRATION_TYPES),
  connector: z.string(),
  organisation: z.strictObject({ id: z.string() }).optional(),
  media_url: z.string().optional(),
  payment_gateways: z
    .strictObject({ payment_methods: z.array(z.enum(INTEGRATION_PAYMENT_METHODS)) })
    .optional()
    .describe('PAYMENT_GATEWAYS only.'),
});
export const embeddedLinkItem = z.strictObject({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  language_code: z.enum(EMBEDDED_LINK_LANGUAGES),
  sort_order: z.int(),
});

const optionOut = (o: GqlContactOption) => ({
  is_supported: o.isSupported,
  ...(o.isSupported && o.contactId ? { contact: { id: o.contactId, ...(o.contactName ? { name: o.contactName } : {}) } } : {}),
});

export function applicationOut(a: GqlAppSettings): z.infer<typeof applicationResponse> {
  const auth = a.authentication;
  return {
    id: a.id,
    name: a.name,
    type: a.type as z.infer<typeof applicationResponse>['type'],
    ...(a.description ? { description: a.description } : {}),
    ...(a.brandName ? { brand_name: a.brandName } : {}),
    authentication: {
      email_password: auth.emailPassword,
      email_otp: auth.emailOtp,
      sms_otp: auth.smsOtp,
      facebook: { is_supported: auth.facebook.isSupported, app_id: auth.facebook.appId },
      google: { is_supported: auth.google },
      sso: { is_supported: auth.sso },
      guest_contact: optionOut(auth.guestContact),
      demo_contact: optionOut(auth.demoContact),
    },
    appearance: {
      dark_mode: a.appearance.darkMode,
      homepage_layout: a.appearance.homepageLayout as (typeof APP_LAYOUTS)[number],
      ordering_layout: a.appearance.orderingLayout as (typeof APP_LAYOUTS)[number],
      colours: a.appearance.colours.map((c) => ({ type: c.type as (typeof APP_COLOUR_TYPES)[number], value: c.value })),
      fonts: a.appearance.textFont ? [{ type: 'TEXT' as const, font: a.appearance.textFont as (typeof APP_FONTS)[number] }] : [],
    },
    show_best_selling: a.showBestSelling,
    show_recommendations: a.showRecommendations,
  };
}

export const integrationOut = (i: GqlAppSettings['integrations'][number]): z.infer<typeof integrationItem> => ({
  id: i.id,
  type: i.type as (typeof INTEGRATION_TYPES)[number],
  connector: i.connector,
  ...(i.organisationId ? { organisation: { id: i.organisationId } } : {}),
  ...(i.mediaUrl ? { media_url: i.mediaUrl } : {}),
  ...(i.type === 'PAYMENT_GATEWAYS'
    ? { payment_gateways: { payment_methods: i.paymentMethods as (typeof INTEGRATION_PAYMENT_METHODS)[number][] } }
    : {}),
});

export const embeddedLinkOut = (l: GqlAppSettings['embeddedLinks'][number]): z.infer<typeof embeddedLinkItem> => ({
  id: l.id,
  title: l.title,
  url: l.url,
  language_code: l.languageCode as (typeof EMBEDDED_LINK_LANGUAGES)[number],
  sort_order: l.sortOrder,
});
