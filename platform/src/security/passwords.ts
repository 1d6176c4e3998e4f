import { randomBytes } from 'node:crypto';
import { type Algorithm, hash, parseOptions, verify, type Version } from '@node-rs/argon2';
import { AppError } from '../errors/app-error';

/**
 * Password storage (reliability-security.md §1.6): argon2id at the OWASP Password Storage Cheat
 * Sheet minimum m = 19 MiB, t = 2, p = 1. Passwords are NFKC-normalised before hashing (NIST
 * SP 800-63B) so the same password typed on different keyboards verifies.
 */
export const PASSWORD_HASH_POLICY = {
  memoryCostKiB: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
/** Longer input is never a real password; verification refuses it without hashing it. */
const VERIFY_MAX_LENGTH = 1024;

// Values of the @node-rs/argon2 const enums, spelled out so the code survives isolatedModules.
const ARGON2ID = 2 as Algorithm;
const VERSION_0X13 = 1 as Version;

const hashOptions = {
  algorithm: ARGON2ID,
  version: VERSION_0X13,
  memoryCost: PASSWORD_HASH_POLICY.memoryCostKiB,
  timeCost: PASSWORD_HASH_POLICY.timeCost,
  parallelism: PASSWORD_HASH_POLICY.parallelism,
  outputLen: PASSWORD_HASH_POLICY.outputLen,
};

const normalize = (password: string) => password.normalize('NFKC');

/** Hashes a password into a PHC string `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`. */
export async function hashPassword(password: string): Promise<string> {
  return hash(normalize(password), hashOptions);
}

export interface PasswordVerification {
  ok: boolean;
  /** True when the password matched but the stored hash is weaker than policy: store a new hash. */
  needsRehash: boolean;
}

/** True when a stored hash was made with parameters below the current policy (or is not argon2id). */
export function passwordHashNeedsRehash(storedHash: string): boolean {
  try {
    const p = parseOptions(storedHash);
    return (
      p.algorithm !== ARGON2ID ||
      p.version !== VERSION_0X13 ||
      p.memoryCost < PASSWORD_HASH_POLICY.memoryCostKiB ||
      p.timeCost < PASSWORD_HASH_POLICY.timeCost ||
      p.outputLen < PASSWORD_HASH_POLICY.outputLen ||
      p.saltLen < 16
    );
  } catch {
    return true;
  }
}

/**
 * Verifies a password against its stored hash. Never throws for bad input: an unparsable stored
 * hash or an absurdly long password is a mismatch, and still costs one argon2 verification.
 */
export async function verifyPassword(storedHash: string, password: string): Promise<PasswordVerification> {
  if (password.length > VERIFY_MAX_LENGTH) {
    await verifyAgainstDummy(password.slice(0, PASSWORD_MAX_LENGTH));
    return { ok: false, needsRehash: false };
  }
  let ok: boolean;
  try {
    ok = await verify(storedHash, normalize(password));
  } catch {
    await verifyAgainstDummy(password);
    return { ok: false, needsRehash: false };
  }
  return { ok, needsRehash: ok && passwordHashNeedsRehash(storedHash) };
}

let dummyHash: Promise<string> | undefined;

/**
 * Runs one argon2 verification at policy cost against a random hash and always answers false.
 * Call it when the account does not exist, so "unknown user" and "wrong password" take the same
 * time and the login endpoint does not reveal which accounts exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hash(randomBytes(32), hashOptions);
  try {
    await verify(await dummyHash, normalize(password.slice(0, VERIFY_MAX_LENGTH)));
  } catch {
    // a mismatch is the only expected outcome; the point is the time spent
  }
  return false;
}

// Most common passwords of at least PASSWORD_MIN_LENGTH characters (shorter ones fail the length
// rule anyway), from the frequency tops of public breach-corpus analyses; compared case-insensitively.
const COMMON_PASSWORDS = new Set([
  '1234567890',
  '0123456789',
  '0987654321',
  '9876543210',
  '12345678910',
  '123456789a',
  '1234567891',
  '12345678900',
  '123123123123',
  '1q2w3e4r5t',
  '1q2w3e4r5t6y',
  'q1w2e3r4t5',
  'q1w2e3r4t5y6',
  '1qaz2wsx3edc',
  'zaq12wsxcde3',
  'qwertyuiop',
  'qwertyuiop123',
  'qwerty1234',
  'qwerty12345',
  'qwerty123456',
  'asdfghjkl1',
  'asdfghjkl123',
  'zxcvbnm123',
  'abcdefghij',
  'abcd123456',
  'abc1234567',
  'abcdef1234',
  'a123456789',
  'password12',
  'password123',
  'password1234',
  'password12345',
  'password123!',
  'passw0rd123',
  'p@ssw0rd123',
  'p@ssword123',
  'iloveyou12',
  'iloveyou123',
  'welcome123',
  'welcome1234',
  'letmein123',
  'changeme123',
  'administrator',
  'admin12345',
  'admin123456',
  'football123',
  'baseball123',
  'sunshine123',
  'princess123',
  'monkey12345',
  'dragon12345',
  'superman123',
  'computer123',
  'trustno1234',
  'starwars123',
  'michael123',
  'qazwsxedcrfv',
  'q2w3e4r5t6',
  '11223344556677',
  '1122334455',
  '123qweasdzxc',
  'qweasdzxc123',
]);

/**
 * Checks a new password against policy: 10–128 characters (code points), not a single repeated
 * character, not one of the most common passwords, no control characters. Throws AppError
 * VALIDATION naming `field`; the message never contains the password.
 */
export function checkPasswordPolicy(password: string, field: string): void {
  const chars = [...password];
  if (chars.length < PASSWORD_MIN_LENGTH) {
    throw AppError.validation(field, `must be at least ${PASSWORD_MIN_LENGTH} characters long`, 'PASSWORD_TOO_SHORT');
  }
  if (chars.length > PASSWORD_MAX_LENGTH) {
    throw AppError.validation(field, `must be at most ${PASSWORD_MAX_LENGTH} characters long`, 'PASSWORD_TOO_LONG');
  }
  if (/\p{Cc}/u.test(password)) {
    throw AppError.validation(field, 'must not contain control characters', 'PASSWORD_INVALID_CHARACTERS');
  }
  if (chars.every((c) => c === chars[0])) {
    throw AppError.validation(field, 'must not repeat a single character', 'PASSWORD_TOO_SIMPLE');
  }
  if (COMMON_PASSWORDS.has(normalize(password).toLowerCase())) {
    throw AppError.validation(field, 'is too common, choose another', 'PASSWORD_TOO_COMMON');
  }
}
