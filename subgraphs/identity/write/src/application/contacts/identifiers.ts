import { AppError } from '@crm/platform/errors';
import { isCountryCode } from '@crm/platform/reference';

/** How a contact identity is keyed: EMAIL by lower-case address, PHONE by country and digits. */
export type ContactLogin =
  | { provider: 'EMAIL'; subject: string; email: string }
  | { provider: 'PHONE'; subject: string; countryCode: string; number: string };

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,63}$/;

export function emailLogin(field: string, value: unknown): ContactLogin {
  if (typeof value !== 'string' || value.length > 254 || !EMAIL.test(value.trim()))
    throw AppError.validation(field, 'is not a valid email address', 'INVALID_EMAIL');
  const email = value.trim().toLowerCase();
  return { provider: 'EMAIL', subject: email, email };
}

export function phoneLogin(field: string, countryCode: unknown, number: unknown): ContactLogin {
  const cc = typeof countryCode === 'string' ? countryCode.trim().toUpperCase() : '';
  if (!isCountryCode(cc)) throw AppError.validation(`${field}.countryCode`, 'must be an ISO 3166-1 alpha-3 country code', 'INVALID_COUNTRY');
  const digits = typeof number === 'string' ? number.replace(/[\s().-]/g, '').replace(/^\+/, '') : '';
  if (!/^[0-9]{4,15}$/.test(digits)) throw AppError.validation(`${field}.number`, 'must be 4 to 15 digits', 'INVALID_PHONE');
  return { provider: 'PHONE', subject: `${cc}:${digits}`, countryCode: cc, number: digits };
}

/** What the OTP response shows of the destination: enough to recognise it, not to learn it. */
export function obfuscate(login: ContactLogin): string {
  if (login.provider === 'EMAIL') {
    const [local, domain] = login.email.split('@') as [string, string];
    return `${local.slice(0, 1)}***@${domain}`;
  }
  return `${'*'.repeat(Math.max(0, login.number.length - 3))}${login.number.slice(-3)}`;
}

export function destinationOf(login: ContactLogin): { channel: 'EMAIL' | 'SMS'; to: string } {
  return login.provider === 'EMAIL' ? { channel: 'EMAIL', to: login.email } : { channel: 'SMS', to: `${login.countryCode}:${login.number}` };
}
