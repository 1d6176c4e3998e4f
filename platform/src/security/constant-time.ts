import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two strings without leaking, through timing, where they first differ or how long the
 * expected value is: both sides are hashed to a fixed length before `timingSafeEqual`.
 */
export function constantTimeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  // The digest comparison alone could (astronomically rarely) collide; the length check is public
  // information once the digests already matched.
  return timingSafeEqual(da, db) && Buffer.byteLength(a) === Buffer.byteLength(b);
}
