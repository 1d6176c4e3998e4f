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

/** The payload: the request id's 32 hex digits, A(ccept) or R(eject), the expiry in base 36 (short enough for a path segment). */
const PAYLOAD = /^([0-9a-f]{32})([AR])([0-9a-z]{1,10})$/;
const MAC_BYTES = 16;

const mac = (key: Buffer, tenantId: string, payload: string): Buffer =>
  createHmac('sha256', key).update(`${tenantId}|${payload}`).digest().subarray(0, MAC_BYTES);

const dashed = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/** The link token (pure): the payload and a 128-bit HMAC-SHA256 of the tenant and payload under `key`; the tenant is bound, not carried. */
export function signApprovalLink(link: ApprovalLink, key: Buffer): string {
  const payload = `${link.requestId.replace(/-/g, '').toLowerCase()}${link.action[0]}${link.expiresAt.toString(36)}`;
  return `${payload}.${mac(key, link.tenantId, payload).toString('base64url')}`;
}

/**
 * Verifies a token for a tenant (pure): a token not signed with `key` for that tenant, or altered,
 * is FORGED; a valid one past its expiry is EXPIRED. Single use is the request's: it decides once.
 */
export function verifyApprovalLink(token: string, tenantId: string, key: Buffer, now: Date): LinkCheck {
  const [payload, signature, extra] = token.split('.');
  const parts = payload ? PAYLOAD.exec(payload) : null;
  if (!parts || !signature || extra !== undefined) return { ok: false, reason: 'FORGED' };
  const expected = mac(key, tenantId, payload!);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'FORGED' };
  const expiresAt = parseInt(parts[3]!, 36);
  if (now.getTime() >= expiresAt * 1000) return { ok: false, reason: 'EXPIRED' };
  return { ok: true, link: { tenantId, requestId: dashed(parts[1]!), action: parts[2] === 'A' ? 'ACCEPT' : 'REJECT', expiresAt } };
}
