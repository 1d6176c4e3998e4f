import { AppError } from '@crm/platform/errors';
import { sameJson } from '@crm/platform/json';
import { oneOf, optionalText, textOf } from './checks';
import {
  APP_COLOUR_TYPES,
  APP_FONTS,
  APP_LAYOUTS,
  APP_TYPES,
  EMBEDDED_LINK_LANGUAGES,
  INTEGRATION_PAYMENT_METHODS,
  INTEGRATION_TYPES,
  type AppSettingsDefinition,
} from '@crm/event-bus/contracts/settings';
import type { AppSettingsChange, AppSettingsState } from './app-settings';

interface ContactOption {
  isSupported: boolean;
  contactId?: string | null;
  contactName?: string | null;
}

/** The whole configuration of an application, as the Back-Office sends it; list items without an id get one from the caller first. */
export interface SetAppSettings {
  platformAppId: string;
  name: string;
  type: string;
  description?: string | null;
  brandName?: string | null;
  authentication?: {
    emailPassword?: boolean | null;
    emailOtp?: boolean | null;
    smsOtp?: boolean | null;
    facebook?: { isSupported: boolean; appId?: string | null } | null;
    google?: boolean | null;
    sso?: boolean | null;
    guestContact?: ContactOption | null;
    demoContact?: ContactOption | null;
  } | null;
  appearance?: {
    darkMode?: boolean | null;
    homepageLayout?: string | null;
    orderingLayout?: string | null;
    colours?: { type: string; value: string }[] | null;
    textFont?: string | null;
  } | null;
  showBestSelling?: boolean | null;
  showRecommendations?: boolean | null;
  integrations?:
    | { id: string; type: string; connector: string; organisationId?: string | null; mediaUrl?: string | null; paymentMethods?: string[] | null }[]
    | null;
  embeddedLinks?: { id: string; title: string; url: string; languageCode: string; sortOrder?: number | null }[] | null;
}

const PLATFORM_APP_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const COLOUR = /^#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?$/;

/** An absolute http(s) URL (links open in the app's embedded browser; anything else is refused). */
function urlOf(field: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw AppError.validation(field, 'must be an absolute URL', 'INVALID_URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw AppError.validation(field, 'must be an http or https URL', 'INVALID_URL');
  if (url.href.length > 2000) throw AppError.validation(field, 'must be at most 2000 characters', 'TOO_LONG');
  return url.href;
}

function idOf(field: string, value: string): string {
  const v = value.toLowerCase();
  if (!UUID.test(v)) throw AppError.validation(field, 'must be a UUID', 'INVALID_ID');
  return v;
}

function contactOption(field: string, o: ContactOption | null | undefined): AppSettingsDefinition['authentication']['guestContact'] {
  if (!o || !o.isSupported) return { isSupported: false, contactId: null, contactName: null };
  if (!o.contactId) throw AppError.validation(`${field}.contact.id`, 'is required when the option is supported', 'REQUIRED');
  return {
    isSupported: true,
    contactId: idOf(`${field}.contact.id`, o.contactId),
    contactName: optionalText(`${field}.contact.name`, o.contactName, 200),
  };
}

function unique<T>(field: string, items: T[], keyOf: (t: T) => string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = keyOf(item);
    if (seen.has(k)) throw AppError.validation(`${field}.${i}`, `repeats ${k}`, 'DUPLICATE');
    seen.add(k);
  });
}

/** Validates and normalises the whole configuration (pure). */
export function appSettingsOf(cmd: SetAppSettings): AppSettingsDefinition {
  const platformAppId = cmd.platformAppId.trim();
  if (!PLATFORM_APP_ID.test(platformAppId)) {
    throw AppError.validation('platform_app_id', 'must be 1 to 100 letters, digits or . _ : -', 'INVALID_CHARACTERS');
  }
  const auth = cmd.authentication ?? {};
  const facebook = auth.facebook?.isSupported
    ? { isSupported: true, appId: optionalText('authentication.facebook.app_id', auth.facebook.appId, 100) }
    : null;
  if (facebook && !facebook.appId) throw AppError.validation('authentication.facebook.app_id', 'is required when Facebook is supported', 'REQUIRED');
  const look = cmd.appearance ?? {};
  const colours = (look.colours ?? []).map((c, i) => {
    if (!COLOUR.test(c.value)) throw AppError.validation(`appearance.colours.${i}.value`, 'must be #RRGGBB or #RRGGBBAA', 'INVALID_FORMAT');
    return { type: oneOf(`appearance.colours.${i}.type`, c.type, APP_COLOUR_TYPES), value: c.value.toUpperCase() };
  });
  if (colours.length > 20) throw AppError.validation('appearance.colours', 'at most 20 colours', 'TOO_MANY');
  unique('appearance.colours', colours, (c) => c.type);
  const integrations = (cmd.integrations ?? []).map((it, i) => {
    const methods = (it.paymentMethods ?? []).map((m, j) => oneOf(`integrations.${i}.payment_methods.${j}`, m, INTEGRATION_PAYMENT_METHODS));
    unique(`integrations.${i}.payment_methods`, methods, (m) => m);
    return {
      id: idOf(`integrations.${i}.id`, it.id),
      type: oneOf(`integrations.${i}.type`, it.type, INTEGRATION_TYPES),
      connector: textOf(`integrations.${i}.connector`, it.connector, 100),
      organisationId: it.organisationId ? idOf(`integrations.${i}.organisation_id`, it.organisationId) : null,
      mediaUrl: it.mediaUrl ? urlOf(`integrations.${i}.media_url`, it.mediaUrl) : null,
      paymentMethods: methods,
    };
  });
  if (integrations.length > 50) throw AppError.validation('integrations', 'at most 50 integrations', 'TOO_MANY');
  unique('integrations', integrations, (it) => it.id);
  const embeddedLinks = (cmd.embeddedLinks ?? []).map((l, i) => {
    const sortOrder = l.sortOrder ?? i;
    if (!Number.isInteger(sortOrder) || sortOrder < 0 || sortOrder > 10_000) {
      throw AppError.validation(`embedded_links.${i}.sort_order`, 'must be an integer from 0 to 10000', 'OUT_OF_RANGE');
    }
    return {
      id: idOf(`embedded_links.${i}.id`, l.id),
      title: textOf(`embedded_links.${i}.title`, l.title, 200),
      url: urlOf(`embedded_links.${i}.url`, l.url),
      languageCode: oneOf(`embedded_links.${i}.language_code`, l.languageCode, EMBEDDED_LINK_LANGUAGES),
      sortOrder,
    };
  });
  if (embeddedLinks.length > 100) throw AppError.validation('embedded_links', 'at most 100 links', 'TOO_MANY');
  unique('embedded_links', embeddedLinks, (l) => l.id);
  return {
    platformAppId,
    name: textOf('name', cmd.name, 100),
    type: oneOf('type', cmd.type, APP_TYPES),
    description: optionalText('description', cmd.description, 1000),
    brandName: optionalText('brand_name', cmd.brandName, 100),
    authentication: {
      emailPassword: auth.emailPassword ?? true,
      emailOtp: auth.emailOtp ?? false,
      smsOtp: auth.smsOtp ?? false,
      facebook: facebook ?? { isSupported: false, appId: null },
      google: auth.google ?? false,
      sso: auth.sso ?? false,
      guestContact: contactOption('authentication.guest_contact', auth.guestContact),
      demoContact: contactOption('authentication.demo_contact', auth.demoContact),
    },
    appearance: {
      darkMode: look.darkMode ?? false,
      homepageLayout: oneOf('appearance.homepage_layout', look.homepageLayout ?? 'LAYOUT1', APP_LAYOUTS),
      orderingLayout: oneOf('appearance.ordering_layout', look.orderingLayout ?? 'LAYOUT1', APP_LAYOUTS),
      colours,
      textFont: look.textFont ? oneOf('appearance.text_font', look.textFont, APP_FONTS) : null,
    },
    showBestSelling: cmd.showBestSelling ?? false,
    showRecommendations: cmd.showRecommendations ?? false,
    integrations,
    embeddedLinks,
  };
}

const current = (s: AppSettingsState): AppSettingsDefinition => {
  const { id: _id, version: _v, removed: _r, createdAt: _c, updatedAt: _u, ...definition } = s;
  return definition;
};

/** Creates an application's configuration (pure); its platform_app_id is unique per tenant (the store refuses a taken one). */
export function createAppSettings(state: AppSettingsState | null, cmd: SetAppSettings): AppSettingsChange[] {
  if (state) throw new AppError('CONFLICT', 'the application settings exist already', { reason: 'APP_SETTINGS_EXISTS' });
  return [{ type: 'app_settings.set', data: appSettingsOf(cmd) }];
}

/** Replaces the whole configuration; the same configuration again changes nothing (pure). */
export function replaceAppSettings(state: AppSettingsState | null, id: string, cmd: SetAppSettings): AppSettingsChange[] {
  if (!state || state.removed) throw AppError.notFound('app settings', id);
  const data = appSettingsOf(cmd);
  return sameJson(data, current(state)) ? [] : [{ type: 'app_settings.set', data }];
}

/** Removes the configuration (pure). */
export function removeAppSettings(state: AppSettingsState | null, id: string): AppSettingsChange[] {
  if (!state || state.removed) throw AppError.notFound('app settings', id);
  return [{ type: 'app_settings.removed', data: { platformAppId: state.platformAppId } }];
}
