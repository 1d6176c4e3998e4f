import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a signed approval link carries: the tenant, the request, the decision it makes, and until when. */
export interface ApprovalLink {
  tenantId: string;
  requestId: string;
  action: 'ACCEPT' | 'REJECT';
  /** Epoch seconds. */
  expiresAt: number;
}

export type LinkCheck = { ok: true; link: ApprovalLink } | { ok: false; reason: 'FORGED' | 'EXPIRED' };

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');

/** The link token: the payload and its HMAC-SHA256 under `key`, both base64url (pure). */
export function signApprovalLink(link: ApprovalLink, key: Buffer): string {
  const payload = b64(JSON.stringify([link.tenantId, link.requestId, link.action, link.expiresAt]));
  return `${payload}.${b64(createHmac('sha256', key).update(payload).digest())}`;
}

/**
 * Verifies a token (pure): a token not signed with `key`, or altered, is FORGED; a valid one past
 * its expiry is EXPIRED. Single use is the request's: it decides once.
 */
export function verifyApprovalLink(token: string, key: Buffer, now: Date): LinkCheck {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || token.length > 1000) return { ok: false, reason: 'FORGED' };
  const expected = createHmac('sha256', key).update(payload).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'FORGED' };
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'FORGED' };
  }
  if (!Array.isArray(fields) || fields.length !== 4) return { ok: false, reason: 'FORGED' };
  const [tenantId, requestId, action, expiresAt] = fields as unknown[];
  if (typeof tenantId !== 'string' || typeof requestId !== 'string' || (action !== 'ACCEPT' && action !== 'REJECT') || typeof expiresAt !== 'number')
    return { ok: false, reason: 'FORGED' };
  if (now.getTime() >= expiresAt * 1000) return { ok: false, reason: 'EXPIRED' };
  return { ok: true, link: { tenantId, requestId, action, expiresAt } };
}
