import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from '../errors/app-error';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const MIN_SECRET_BYTES = 32;
const HKDF_SALT = Buffer.from('crm-secretbox', 'utf8');
const SEGMENT = /^[A-Za-z0-9_-]*$/;

type Secret = string | Uint8Array;

function deriveKey(secret: Secret, context: string): Buffer {
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
    throw new Error(`SecretBox secrets must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  return Buffer.from(hkdfSync('sha256', secret, HKDF_SALT, `crm-secretbox:${context}`, KEY_BYTES));
}

function decode(segment: string | undefined): Buffer | undefined {
  if (segment === undefined || !SEGMENT.test(segment)) return undefined;
  const bytes = Buffer.from(segment, 'base64url');
  // Reject non-canonical encodings so one sealed value has exactly one textual form.
  return bytes.toString('base64url') === segment ? bytes : undefined;
}

const openFailed = () => new AppError('INTERNAL', 'A sealed value could not be opened', { reason: 'SEALED_VALUE_INVALID' });

/**
 * Authenticated encryption for secrets at rest (provider tokens, webhook secrets): AES-256-GCM
 * with a key derived by HKDF-SHA256 from a configured secret and a context string, so one
 * configured secret yields independent keys per use (`'webhook-secrets'`, `'oauth-tokens'`, …).
 * Output: `v1.<iv>.<ciphertext>.<tag>` (base64url). Optional associated data (e.g. the row id)
 * binds a sealed value to where it is stored: moving it elsewhere makes `open` fail.
 *
 * Rotation: pass the old secrets as `previousSecrets`; `open` tries the current key first,
 * `seal` always uses the current one.
 */
export class SecretBox {
  private readonly keys: Buffer[];

  constructor(secret: Secret, context: string, previousSecrets: readonly Secret[] = []) {
    if (!context) throw new Error('SecretBox needs a context string');
    this.keys = [secret, ...previousSecrets].map((s) => deriveKey(s, context));
  }

  seal(plaintext: string | Uint8Array, associatedData = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys[0]!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(this.aad(associatedData));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return [VERSION, iv, ciphertext, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  /** Opens a sealed UTF-8 value; throws AppError INTERNAL (reason SEALED_VALUE_INVALID) when it was altered. */
  open(sealed: string, associatedData = ''): string {
    return this.openBytes(sealed, associatedData).toString('utf8');
  }

  /** Opens a sealed value as bytes; same failure rules as `open`. */
  openBytes(sealed: string, associatedData = ''): Buffer {
    const parts = typeof sealed === 'string' ? sealed.split('.') : [];
    if (parts.length !== 4 || parts[0] !== VERSION) throw openFailed();
    const iv = decode(parts[1]);
    const ciphertext = decode(parts[2]);
    const tag = decode(parts[3]);
    if (!iv || iv.length !== IV_BYTES || !ciphertext || !tag || tag.length !== TAG_BYTES) throw openFailed();
    for (const key of this.keys) {
      try {
        // authTagLength pins the tag size: GCM would otherwise accept a truncated tag.
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(this.aad(associatedData));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
      } catch {
        // wrong key or altered data: try the next key, then fail
      }
    }
    throw openFailed();
  }

  private aad(associatedData: string): Buffer {
    return Buffer.from(`${VERSION}\u0000${associatedData}`, 'utf8');
  }
}
