import { AppError } from '@crm/platform/errors';
import { ADAPTER_KINDS } from '@crm/event-bus/contracts/integrations';
import type { AdapterKind } from './adapter';

interface Spec {
  credentials: string[];
  required: string[];
  optional: string[];
  defaultBaseUrl: string;
}

/** What each provider needs: credentials (sealed), required and optional settings, and where it is reached by default. */
export const ADAPTER_SPECS: Record<AdapterKind, Spec> = {
  SENDGRID: { credentials: ['api_key'], required: ['from_email'], optional: ['base_url', 'from_name'], defaultBaseUrl: 'https://api.sendgrid.com' },
  MIXPANEL: { credentials: ['token'], required: [], optional: ['base_url'], defaultBaseUrl: 'https://api.mixpanel.com' },
  GA4: { credentials: ['api_secret'], required: ['measurement_id'], optional: ['base_url'], defaultBaseUrl: 'https://www.google-analytics.com' },
  TWILIO: { credentials: ['account_sid', 'auth_token'], required: ['from_number'], optional: ['base_url'], defaultBaseUrl: 'https://api.twilio.com' },
};

export function adapterKindOf(raw: string): AdapterKind {
  if (!(ADAPTER_KINDS as readonly string[]).includes(raw))
    throw AppError.validation('kind', `must be one of ${ADAPTER_KINDS.join(', ')}`, 'INVALID_VALUE');
  return raw as AdapterKind;
}

function strings(field: string, raw: unknown, allowed: string[], required: string[]): Record<string, string> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw AppError.validation(field, 'must be an object of strings', 'INVALID_VALUE');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (!allowed.includes(k)) throw AppError.validation(`${field}.${k.slice(0, 50)}`, 'is not a field of this adapter', 'INVALID_VALUE');
    if (typeof v !== 'string' || v.trim().length === 0 || v.length > 500)
      throw AppError.validation(`${field}.${k}`, 'must be 1 to 500 characters', 'INVALID_VALUE');
    out[k] = v.trim();
  }
  for (const k of required) if (!(k in out)) throw AppError.validation(`${field}.${k}`, 'is required', 'REQUIRED');
  return out;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[1-9][0-9]{6,14}$/;

/** The settings and credentials as stored (pure): only the provider's fields, the required ones present, each checked. */
export function normaliseAdapter(
  kind: AdapterKind,
  input: { credentials: unknown; settings: unknown },
): { settings: Record<string, string>; credentials: Record<string, string> } {
  const spec = ADAPTER_SPECS[kind];
  const credentials = strings('credentials', input.credentials, spec.credentials, spec.credentials);
  const settings = strings('settings', input.settings ?? {}, [...spec.required, ...spec.optional], spec.required);
  if (settings['from_email'] !== undefined && !EMAIL.test(settings['from_email']))
    throw AppError.validation('settings.from_email', 'must be an email address', 'INVALID_VALUE');
  if (settings['from_number'] !== undefined && !PHONE.test(settings['from_number']))
    throw AppError.validation('settings.from_number', 'must be an E.164 number (+357…)', 'INVALID_VALUE');
  if (settings['base_url'] !== undefined) {
    let url: URL;
    try {
      url = new URL(settings['base_url']);
    } catch {
      throw AppError.validation('settings.base_url', 'must be an absolute http(s) URL', 'INVALID_VALUE');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw AppError.validation('settings.base_url', 'must be an absolute http(s) URL', 'INVALID_VALUE');
    settings['base_url'] = url.toString().replace(/\/$/, '');
  }
  return { settings, credentials };
}

/** `{{path}}` placeholders filled from the event data (dot paths; missing → empty) (pure). */
export function renderTemplate(template: string, data: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g, (_m, path: string) => {
    let v: unknown = data;
    for (const step of path.split('.'))
      v = v && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, step) ? (v as Record<string, unknown>)[step] : undefined;
    return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}
