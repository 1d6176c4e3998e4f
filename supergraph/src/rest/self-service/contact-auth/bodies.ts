import { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import { COUNTRY_CODES } from '@crm/platform/reference';
import { countryCode } from '../../domains/contacts/bodies';
import { invalid } from '../../kit/errors';
import { queryParams } from '../../kit/request';

/**
 * Request bodies of the Self-Service authentication routes (NOTES §1.2–§1.4, §2.1; the v2
 * OpenAPI "Contact"/"Authentication" operations), and their translation to the identity
 * subgraph's inputs.
 *
 * Structure (types, unknown fields, lengths) is checked by the zod schemas, which also feed the
 * facade's OpenAPI document; the rules that span fields (which provider, which phone spelling,
 * exactly one credential) are checked by the `…Input` functions below, which name the REST field
 * in every 400. Only what the platform supports is accepted:
 *
 * - Register and identities: providers EMAIL and PHONE. FACEBOOK, APPLE, GOOGLE, MAC_ADDRESS and
 *   OIDC_OAUTH are refused (400 naming `provider`), and so are the fields only they use (`token`,
 *   `sub`, `application_id`): those are accepted only as null.
 * - Authenticate: EMAIL and PHONE, and the external providers of NOTES §7 flow 6: OIDC_OAUTH and
 *   GOOGLE with `code` + `state` (+ optional `iss`), FACEBOOK with `token` (+ optional
 *   `application_id`). Each provider accepts only its own fields (any other non-null one → 400
 *   naming it); APPLE and MAC_ADDRESS are refused, and `mac_address` is accepted only as null.
 * - Phones in both documented spellings: v2 `phone{number, country_code}` and the older flat
 *   `phone_number` + `country_code` (not both at once).
 * - OTP credentials: exactly one, named PHONE or EMAIL. A PHONE value is either `CYP:99123456`
 *   (country, colon, number: how the platform itself writes a phone identity) or the number alone
 *   with the country in the credential's own `country_code` field (the facade's addition; the
 *   spec's credential has no place for the country). If both are given they must agree.
 * - Phone numbers: spaces, dashes, dots, parentheses and one leading `+` are ignored; what is left
 *   must be 4 to 15 digits (the identity service's rule). Country codes: ISO 3166-1 alpha-3.
 */

export const MAX_EMAIL_LENGTH = 254;
export const MAX_PASSWORD_LENGTH = 1024;
export const MAX_NAME_LENGTH = 100;
/** Longer than any reset / verification token the identity service issues. */
export const MAX_LINK_TOKEN_LENGTH = 200;

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,63}$/;
const PHONE_NUMBER = /^[0-9]{4,15}$/;
const GUID = /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32})$/;

const upper = (s: string) => s.trim().toUpperCase();

function upperEnum<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z
    .string()
    .max(50, { error: message })
    .transform(upper)
    .pipe(z.enum(values, { error: message }));
}

const text = (max: number) => z.string().max(max, { error: `must be at most ${max} characters` });
const nonEmpty = (max: number) => text(max).min(1, { error: 'must not be empty' });
const nullableBool = z.boolean().nullable().optional();

/** A documented field of a provider or feature the platform does not support: only null is accepted. */
const unsupported = (what: string) =>
  z
    .null({ error: `is not supported (${what}); send null or leave it out` })
    .optional()
    .describe(`Not supported (${what}): only null is accepted.`);

const SOCIAL = 'social, OIDC and MAC_ADDRESS sign-in are not supported';

export const PROVIDERS = ['EMAIL', 'PHONE'] as const;
export type ContactProvider = (typeof PROVIDERS)[number];
const provider = upperEnum(PROVIDERS, `must be EMAIL or PHONE (${SOCIAL})`);

/** The providers that sign in through `authenticateContactExternal` (NOTES §7 flow 6). */
export const EXTERNAL_PROVIDERS = ['OIDC_OAUTH', 'GOOGLE', 'FACEBOOK'] as const;
export type ExternalProvider = (typeof EXTERNAL_PROVIDERS)[number];
export const AUTHENTICATE_PROVIDERS = [...PROVIDERS, ...EXTERNAL_PROVIDERS] as const;
export type AuthenticateProvider = (typeof AUTHENTICATE_PROVIDERS)[number];
const NO_APPLE_MAC = 'APPLE and MAC_ADDRESS sign-in are not supported';
const authenticateProvider = upperEnum(AUTHENTICATE_PROVIDERS, `must be EMAIL, PHONE, OIDC_OAUTH, GOOGLE or FACEBOOK (${NO_APPLE_MAC})`);

export function isExternalProvider(value: unknown): value is ExternalProvider {
  return typeof value === 'string' && (EXTERNAL_PROVIDERS as readonly string[]).includes(value);
}

/** Longest accepted authorization code / provider access token / state / issuer / application id. */
export const MAX_OIDC_CODE_LENGTH = 2048;
export const MAX_PROVIDER_TOKEN_LENGTH = 4096;
export const MAX_OIDC_STATE_LENGTH = 128;
export const MAX_ISSUER_LENGTH = 500;
export const MAX_APPLICATION_ID_LENGTH = 100;
/** `GET /contacts/oidc/{type}`: the provider type as the identity service configures it. */
export const OIDC_TYPE = /^[a-z0-9][a-z0-9_-]{0,39}$/;
export const MAX_REDIRECT_URL_LENGTH = 2000;

const personName = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(MAX_NAME_LENGTH, { error: `must be at most ${MAX_NAME_LENGTH} characters` });

/** `{number, country_code}`, both required (the spec's phone object). */
export const phoneBody = z.strictObject({
  number: nonEmpty(50).describe('The number; spaces, dashes, dots, parentheses and a leading + are ignored; 4 to 15 digits remain.'),
  country_code: countryCode,
});

/** Login credentials: register's `identification`, and the body of POST /contacts/{id}/identities. */
const identityFields = {
  provider: provider.optional().describe('EMAIL or PHONE, any case; when omitted it follows from whether an email or a phone is given.'),
  email: text(MAX_EMAIL_LENGTH).nullable().optional(),
  password: text(MAX_PASSWORD_LENGTH).nullable().optional().describe('EMAIL only. Without one, a one-time code is sent to confirm the identity.'),
  phone: phoneBody.nullable().optional(),
  phone_number: text(50).nullable().optional().describe('Older flat spelling of phone.number (with country_code); not together with phone.'),
  country_code: countryCode.nullable().optional().describe('Older flat spelling of phone.country_code (with phone_number).'),
  application_id: unsupported(SOCIAL),
  token: unsupported(SOCIAL),
  sub: unsupported(SOCIAL),
};

export const identificationBody = z.strictObject(identityFields);
export type IdentificationBody = z.infer<typeof identificationBody>;

/** POST /self-service/v2/contacts/register (registerContactSS). */
export const registerBody = z.strictObject({
  first_name: personName,
  last_name: personName,
  identification: identificationBody,
  email_opt_out: nullableBool,
  sms_opt_out: nullableBool,
  language_code: text(10).nullable().optional().describe('2- or 3-letter language code.'),
  'accept_terms_&_conditions': nullableBool.describe('Accepted and not stored.'),
  referral_code: unsupported('referral programmes'),
  pass_code: unsupported('passes'),
  pass_pin: unsupported('passes'),
  country_of_agreement: unsupported('set it afterwards with PUT /contacts/{id}'),
  custom_fields: unsupported('set them afterwards with PUT /contacts/{id}'),
});
export type RegisterBody = z.infer<typeof registerBody>;

/** POST /self-service/v2/contacts/authenticate. */
export const authenticateContactBody = z.strictObject({
  provider: authenticateProvider
    .optional()
    .describe(
      'EMAIL, PHONE, OIDC_OAUTH, GOOGLE or FACEBOOK, any case (APPLE and MAC_ADDRESS are not supported). Required for OIDC_OAUTH, GOOGLE and FACEBOOK; when omitted it follows from whether a username or a phone is given.',
    ),
  username: text(MAX_EMAIL_LENGTH).nullable().optional().describe('EMAIL: the email address.'),
  password: text(MAX_PASSWORD_LENGTH)
    .nullable()
    .optional()
    .describe('EMAIL: signs in at once. Without it (and always for PHONE) a one-time code is sent.'),
  phone: phoneBody.nullable().optional(),
  phone_number: text(50).nullable().optional().describe('Older flat spelling of phone.number (with country_code); not together with phone.'),
  country_code: countryCode.nullable().optional().describe('Older flat spelling of phone.country_code (with phone_number).'),
  login_as_guest: z.boolean().nullable().optional().describe('Only false or null: guest sign-in is not supported.'),
  token: nonEmpty(MAX_PROVIDER_TOKEN_LENGTH).nullable().optional().describe('FACEBOOK only (required): the user access token.'),
  application_id: nonEmpty(MAX_APPLICATION_ID_LENGTH)
    .nullable()
    .optional()
    .describe("FACEBOOK only (optional): the Facebook application id; must be the business's."),
  code: nonEmpty(MAX_OIDC_CODE_LENGTH)
    .nullable()
    .optional()
    .describe('OIDC_OAUTH / GOOGLE only (required): the authorization code the provider redirected back with.'),
  state: nonEmpty(MAX_OIDC_STATE_LENGTH)
    .nullable()
    .optional()
    .describe('OIDC_OAUTH / GOOGLE only (required): the state the provider redirected back with.'),
  iss: nonEmpty(MAX_ISSUER_LENGTH)
    .nullable()
    .optional()
    .describe('OIDC_OAUTH / GOOGLE only (optional): the iss the provider redirected back with, if any (RFC 9207).'),
  mac_address: unsupported(NO_APPLE_MAC),
});
export type AuthenticateContactBody = z.infer<typeof authenticateContactBody>;

export const OTP_METHODS = ['SMS', 'EMAIL'] as const;
export const OTP_CREDENTIALS = ['PHONE', 'EMAIL'] as const;

/** One item of `credentials` of POST /contacts/otp. */
export const otpCredentialBody = z.strictObject({
  name: upperEnum(OTP_CREDENTIALS, 'must be PHONE or EMAIL (other credentials are not supported)'),
  value: nonEmpty(MAX_EMAIL_LENGTH).describe('EMAIL: the address. PHONE: `CYP:99123456`, or the number alone with country_code.'),
  country_code: countryCode.nullable().optional().describe('PHONE: the country of a value given without the `CYP:` prefix.'),
  gift_pass: unsupported('gift passes'),
});

/** POST /self-service/v2/contacts/otp. */
export const otpBody = z.strictObject({
  method: upperEnum(OTP_METHODS, 'must be SMS or EMAIL').optional().describe('SMS for a PHONE credential, EMAIL for an EMAIL one; may be omitted.'),
  credentials: z
    .array(otpCredentialBody)
    .min(1, { error: 'must hold one PHONE or EMAIL credential' })
    .max(10, { error: 'must hold one PHONE or EMAIL credential' }),
});
export type OtpBody = z.infer<typeof otpBody>;

/** POST /self-service/v2/contacts/validate_otp. */
export const validateOtpBody = z.strictObject({
  auth_otp: z.string().trim().regex(GUID, { error: 'must be the auth_otp of an OTP request (a GUID)' }),
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/, { error: 'must be the 6-digit code' }),
});

/** POST /self-service/v2/contacts/forgot_password. */
export const contactForgotPasswordBody = z.strictObject({
  username: z
    .string()
    .trim()
    .max(MAX_EMAIL_LENGTH, { error: `must be at most ${MAX_EMAIL_LENGTH} characters` })
    .regex(EMAIL, { error: 'must be an email address' })
    .describe('The email address of the contact.'),
});

/** POST /self-service/v2/contacts/change_password: the back-office users' reset body too (domains/identity). */
export { resetPasswordBody } from '../../domains/identity/session';

/** POST /self-service/v2/contacts/{id}/change_password: a signed-in contact sets a new password. */
export const changePasswordBody = z.strictObject({
  password: nonEmpty(MAX_PASSWORD_LENGTH),
  current_password: text(MAX_PASSWORD_LENGTH)
    .nullable()
    .optional()
    .describe(
      'The current password: needed when the contact has one, unless it signed in within the last few minutes (the re-authentication window).',
    ),
});

/** POST /self-service/v2/contacts/request_email_verification. */
export const emailVerificationBody = z.strictObject({
  email_address: text(MAX_EMAIL_LENGTH).optional(),
  email: text(MAX_EMAIL_LENGTH).optional().describe('Alternative spelling of email_address (send one of them).'),
});

/** POST /self-service/v2/contacts/{id}/sign_out: the optional body of the spec, accepted and ignored. */
export const signOutBody = z.strictObject({
  redirect_url: text(2000).nullable().optional().describe('Accepted and ignored.'),
  rredirectUrl: text(2000).nullable().optional().describe('The spec’s misspelling of redirect_url; accepted and ignored.'),
});

// ---- translation ------------------------------------------------------------------------------

export interface PhoneIn {
  countryCode: string;
  number: string;
}

const at = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name);

export function isEmail(value: string): boolean {
  return value.length <= MAX_EMAIL_LENGTH && EMAIL.test(value);
}

function email(field: string, value: string | null | undefined): string {
  const v = (value ?? '').trim();
  if (v === '') throw invalid(field, 'is required', 'REQUIRED');
  if (!isEmail(v)) throw invalid(field, 'must be an email address', 'INVALID_EMAIL');
  return v;
}

/** Spaces, dashes, dots, parentheses and one leading + dropped; 4 to 15 digits must remain. */
export function phoneDigits(field: string, value: string): string {
  const digits = value
    .trim()
    .replace(/[\s().-]/g, '')
    .replace(/^\+/, '');
  if (!PHONE_NUMBER.test(digits)) throw invalid(field, 'must be a phone number of 4 to 15 digits', 'INVALID_PHONE');
  return digits;
}

const COUNTRIES = new Set<string>(COUNTRY_CODES);

/**
 * A PHONE credential value: `CYP:99123456` (any case), or digits with the country given
 * separately in `countryField`. Both given and different → 400.
 */
export function phoneOfValue(valueField: string, value: string, countryField: string, country: string | null | undefined): PhoneIn {
  const prefixed = /^\s*([A-Za-z]{3})\s*:(.*)$/.exec(value);
  if (prefixed) {
    const cc = prefixed[1]!.toUpperCase();
    if (!COUNTRIES.has(cc)) throw invalid(valueField, `${cc} is not an ISO 3166-1 alpha-3 country code`, 'INVALID_COUNTRY');
    if (country && country !== cc) throw invalid(countryField, `must agree with the country of ${valueField} (${cc})`, 'INVALID_COUNTRY');
    return { countryCode: cc, number: phoneDigits(valueField, prefixed[2]!) };
  }
  if (!country)
    throw invalid(countryField, 'is required for a phone number without a country prefix (or send the value as CYP:99123456)', 'REQUIRED');
  return { countryCode: country, number: phoneDigits(valueField, value) };
}

type PhoneSpellings = { phone?: z.infer<typeof phoneBody> | null; phone_number?: string | null; country_code?: string | null };

/** The phone of a body in either spelling (`phone{}` or flat `phone_number`/`country_code`); null when none. */
function phoneOf(prefix: string, body: PhoneSpellings): PhoneIn | null {
  const flat = body.phone_number !== undefined && body.phone_number !== null;
  if (body.phone) {
    if (flat || body.country_code)
      throw invalid(at(prefix, 'phone_number'), 'send either phone{number, country_code} or phone_number with country_code, not both', 'AMBIGUOUS');
    return { countryCode: body.phone.country_code, number: phoneDigits(at(prefix, 'phone.number'), body.phone.number) };
  }
  if (flat) return phoneOfValue(at(prefix, 'phone_number'), body.phone_number!, at(prefix, 'country_code'), body.country_code);
  if (body.country_code) throw invalid(at(prefix, 'phone_number'), 'is required with country_code', 'REQUIRED');
  return null;
}

function providerOf(prefix: string, given: ContactProvider | undefined, hasEmail: boolean, hasPhone: boolean, emailName: string): ContactProvider {
  if (given) return given;
  if (hasPhone && hasEmail) throw invalid(at(prefix, 'provider'), `is required when both ${emailName} and a phone are given`, 'REQUIRED');
  if (hasPhone) return 'PHONE';
  if (hasEmail) return 'EMAIL';
  throw invalid(at(prefix, emailName), `is required (or a phone, with provider PHONE)`, 'REQUIRED');
}

export interface IdentityIn {
  provider: ContactProvider;
  email?: string;
  password?: string;
  phone?: PhoneIn;
}

/** register's `identification` and the identities body → the identity subgraph's provider/email/password/phone. */
export function identityIn(body: IdentificationBody, prefix: string): IdentityIn {
  const phone = phoneOf(prefix, body);
  const hasEmail = body.email !== undefined && body.email !== null;
  const kind = providerOf(prefix, body.provider, hasEmail, phone !== null, 'email');
  const password = body.password ?? undefined;
  if (password === '') throw invalid(at(prefix, 'password'), 'must not be empty', 'INVALID_VALUE');
  if (kind === 'EMAIL') {
    if (phone) throw invalid(at(prefix, 'phone'), 'goes with provider PHONE', 'INVALID_VALUE');
    return { provider: 'EMAIL', email: email(at(prefix, 'email'), body.email), ...(password !== undefined ? { password } : {}) };
  }
  if (hasEmail) throw invalid(at(prefix, 'email'), 'goes with provider EMAIL', 'INVALID_VALUE');
  if (password !== undefined) throw invalid(at(prefix, 'password'), 'a password goes with an EMAIL identity', 'INVALID_VALUE');
  if (!phone) throw invalid(at(prefix, 'phone'), 'is required with provider PHONE', 'REQUIRED');
  return { provider: 'PHONE', phone };
}

/** The RegisterContactInput of `registerContact`. */
export function registerIn(body: RegisterBody): Record<string, unknown> {
  const identity = identityIn(body.identification, 'identification');
  return {
    firstName: body.first_name,
    lastName: body.last_name,
    ...identity,
    ...(body.sms_opt_out !== undefined && body.sms_opt_out !== null ? { smsOptOut: body.sms_opt_out } : {}),
    ...(body.email_opt_out !== undefined && body.email_opt_out !== null ? { emailOptOut: body.email_opt_out } : {}),
    ...(body.language_code ? { languageCode: body.language_code } : {}),
  };
}

/**
 * The AuthenticateContactInput of `authenticateContact`: EMAIL + password signs in; EMAIL
 * without a password and PHONE send a one-time code. Without a password the username must be an
 * email address (400); with one, any username goes to the identity service, which answers a bad
 * one with the same 401 as a wrong password.
 */
export function authenticateIn(body: AuthenticateContactBody): Record<string, unknown> {
  if (body.login_as_guest === true) throw invalid('login_as_guest', 'guest sign-in is not supported', 'UNSUPPORTED');
  if (isExternalProvider(body.provider)) return externalAuthenticateIn(body.provider, body);
  const externalField = EXTERNAL_FIELDS.find((f) => given(body[f]));
  if (externalField) {
    const owner = externalField === 'token' || externalField === 'application_id' ? 'FACEBOOK' : 'OIDC_OAUTH or GOOGLE';
    if (!body.provider) throw invalid('provider', `is required with ${externalField} (${owner})`, 'REQUIRED');
    throw invalid(externalField, `goes with provider ${owner}`, 'INVALID_VALUE');
  }
  const phone = phoneOf('', body);
  const hasUsername = body.username !== undefined && body.username !== null;
  const kind = providerOf('', body.provider, hasUsername, phone !== null, 'username');
  const password = body.password ?? undefined;
  if (kind === 'PHONE') {
    if (hasUsername) throw invalid('username', 'goes with provider EMAIL', 'INVALID_VALUE');
    if (password !== undefined) throw invalid('password', 'a password goes with provider EMAIL; PHONE sign-in uses a one-time code', 'INVALID_VALUE');
    if (!phone) throw invalid('phone', 'is required with provider PHONE', 'REQUIRED');
    return { provider: 'PHONE', phone };
  }
  if (phone) throw invalid('phone', 'goes with provider PHONE', 'INVALID_VALUE');
  const username = (body.username ?? '').trim();
  if (username === '') throw invalid('username', 'is required', 'REQUIRED');
  if (password === undefined || password === '') return { provider: 'EMAIL', username: email('username', username) };
  return { provider: 'EMAIL', username, password };
}

const given = (v: unknown) => v !== undefined && v !== null;

/** The fields of the external providers, in the order they are reported. */
const EXTERNAL_FIELDS = ['code', 'state', 'iss', 'token', 'application_id'] as const;
/** The fields of EMAIL / PHONE sign-in, which no external provider takes. */
const PASSWORD_FIELDS = ['username', 'password', 'phone', 'phone_number', 'country_code'] as const;

/**
 * The AuthenticateContactExternalInput of `authenticateContactExternal`: OIDC_OAUTH / GOOGLE take
 * `code` + `state` (+ `iss`), FACEBOOK takes `token` (+ `application_id`); any other non-null
 * field is a 400 naming it.
 */
function externalAuthenticateIn(kind: ExternalProvider, body: AuthenticateContactBody): Record<string, unknown> {
  const own: readonly string[] = kind === 'FACEBOOK' ? ['token', 'application_id'] : ['code', 'state', 'iss'];
  for (const f of [...PASSWORD_FIELDS, ...EXTERNAL_FIELDS]) {
    if (!own.includes(f) && given(body[f])) throw invalid(f, `does not go with provider ${kind}`, 'INVALID_VALUE');
  }
  if (kind === 'FACEBOOK') {
    if (!given(body.token)) throw invalid('token', 'is required with provider FACEBOOK', 'REQUIRED');
    return { provider: kind, token: body.token, ...(given(body.application_id) ? { applicationId: body.application_id } : {}) };
  }
  if (!given(body.code)) throw invalid('code', `is required with provider ${kind}`, 'REQUIRED');
  if (!given(body.state)) throw invalid('state', `is required with provider ${kind}`, 'REQUIRED');
  return { provider: kind, code: body.code, state: body.state, ...(given(body.iss) ? { iss: body.iss } : {}) };
}

/** `GET /contacts/oidc/{type}?redirect_url=` → the variables of `oidcAuthorizationUrl`. */
export function oidcStartIn(rawType: string, search: URLSearchParams): { type: string; redirectUrl: string } {
  const redirectUrl = (queryParams(search, ['redirect_url']).get('redirect_url') ?? '').trim();
  const type = rawType.trim().toLowerCase();
  if (!OIDC_TYPE.test(type))
    throw invalid('type', 'must be the type of an OIDC provider configured for the business (e.g. google)', 'UNKNOWN_PROVIDER');
  if (redirectUrl === '') throw invalid('redirect_url', 'is required', 'REQUIRED');
  if (redirectUrl.length > MAX_REDIRECT_URL_LENGTH)
    throw invalid('redirect_url', `must be at most ${MAX_REDIRECT_URL_LENGTH} characters`, 'INVALID_REDIRECT_URL');
  return { type, redirectUrl };
}

/** The OtpCredentialInput of `requestContactOtp`: exactly one PHONE or EMAIL credential, matching `method`. */
export function otpCredentialIn(body: OtpBody): { name: 'EMAIL' | 'PHONE'; value: string; countryCode?: string } {
  if (body.credentials.length !== 1) throw invalid('credentials', 'must hold exactly one credential, named PHONE or EMAIL', 'INVALID_VALUE');
  const credential = body.credentials[0]!;
  if (body.method && body.method !== (credential.name === 'PHONE' ? 'SMS' : 'EMAIL')) {
    throw invalid('method', `must be ${credential.name === 'PHONE' ? 'SMS for a PHONE' : 'EMAIL for an EMAIL'} credential`, 'INVALID_VALUE');
  }
  if (credential.name === 'EMAIL') {
    if (credential.country_code) throw invalid('credentials.0.country_code', 'goes with a PHONE credential', 'INVALID_VALUE');
    return { name: 'EMAIL', value: email('credentials.0.value', credential.value) };
  }
  const phone = phoneOfValue('credentials.0.value', credential.value, 'credentials.0.country_code', credential.country_code);
  return { name: 'PHONE', value: phone.number, countryCode: phone.countryCode };
}

/** `auth_otp` as the identity service keys it (lower-case dashed GUID). */
export function canonicalGuid(value: string): string {
  const h = value.replace(/-/g, '').toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** request_email_verification: `email_address` or `email`, exactly one, an email address. */
export function verificationEmailOf(body: z.infer<typeof emailVerificationBody>): string {
  if (body.email_address !== undefined && body.email !== undefined) throw invalid('email', 'send email_address or email, not both', 'AMBIGUOUS');
  return body.email !== undefined ? email('email', body.email) : email('email_address', body.email_address);
}

/** The parameters of `GET /self-service/v2/contacts` (the existence check). */
export const EXISTS_QUERY = ['email_address', 'email', 'phone', 'country_code'] as const;

/** `?email_address=` (or `email=`) or `?phone=` (`CYP:99123456`, or digits with `country_code=`) → contactIdentityExists variables. */
export function existenceQuery(search: URLSearchParams): Record<string, string | null> {
  const q = queryParams(search, EXISTS_QUERY);
  const byEmail = q.get('email_address') ?? q.get('email');
  const emailName = q.has('email_address') ? 'email_address' : 'email';
  const phone = q.get('phone');
  if (q.has('email_address') && q.has('email')) throw invalid('email', 'send email_address or email, not both', 'AMBIGUOUS');
  if (byEmail !== undefined && phone !== undefined) throw invalid('phone', `send ${emailName} or phone, not both`, 'AMBIGUOUS');
  if (byEmail !== undefined) {
    if (q.has('country_code')) throw invalid('country_code', 'goes with phone', 'INVALID_VALUE');
    return { email: email(emailName, byEmail), phoneCountryCode: null, phoneNumber: null };
  }
  if (phone === undefined) throw invalid('email_address', 'give email_address or phone', 'REQUIRED');
  const rawCountry = q.get('country_code');
  const country = rawCountry === undefined ? undefined : rawCountry.trim().toUpperCase();
  if (country !== undefined && !COUNTRIES.has(country))
    throw invalid('country_code', 'must be an ISO 3166-1 alpha-3 country code', 'INVALID_COUNTRY');
  const parsed = phoneOfValue('phone', phone, 'country_code', country);
  return { email: null, phoneCountryCode: parsed.countryCode, phoneNumber: parsed.number };
}

/**
 * The claims of a JWT, read WITHOUT verifying it (only to route or label a response after the
 * gateway or the identity service produced or verified the token). Null when it is not a JWT.
 */
export function unverifiedClaims(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1] || parts[1].length > 4096) return null;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    return claims !== null && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** An AppError for a path id that must be a contact GUID. */
export function requireContactGuid(raw: string): void {
  if (!GUID.test(raw))
    throw new AppError('VALIDATION', 'id: must be a contact GUID (dashed or 32 hex digits)', { field: 'id', reason: 'INVALID_ID' });
}
