import { createHmac, randomInt } from 'node:crypto';
import { constantTimeEqual } from './constant-time';

/** One-time passcodes sent by e-mail/SMS: six digits, stored only as a keyed hash. */
export const OTP_LENGTH = 6;
const OTP_PATTERN = /^[0-9]{6}$/;

/** A uniformly random 6-digit code, leading zeros kept (`randomInt` has no modulo bias). */
export function generateOtp(): string {
  return randomInt(0, 10 ** OTP_LENGTH)
    .toString()
    .padStart(OTP_LENGTH, '0');
}

/**
 * Hex HMAC-SHA256 of the code under a server secret, bound to a per-challenge salt (e.g. the
 * challenge id), so equal codes of different challenges hash differently and a leaked table of
 * hashes cannot be brute-forced over the 10^6 codes without the secret.
 */
export function hashOtp(code: string, secretKey: string | Uint8Array, salt: string): string {
  // salt NUL code: unambiguous because codes are digits only.
  return createHmac('sha256', secretKey).update(`${salt}\u0000${code}`, 'utf8').digest('hex');
}

/** Constant-time check of a submitted code; anything not exactly six digits never matches. */
export function otpMatches(code: unknown, secretKey: string | Uint8Array, salt: string, storedHash: string): boolean {
  const wellFormed = typeof code === 'string' && OTP_PATTERN.test(code);
  // Compute the hash either way so malformed input costs the same.
  const candidate = hashOtp(wellFormed ? code : '', secretKey, salt);
  return constantTimeEqual(candidate, storedHash.toLowerCase()) && wellFormed;
}
