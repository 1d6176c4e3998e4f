import type { lookup as lookupCallback } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AppError } from '@crm/platform/errors';
import { addressCheckingLookup, isIpv4Mapped, isLoopbackAddress, isNotPublicAddress, type LookupFunction } from '@crm/platform/security';

export type { LookupFunction } from '@crm/platform/security';

/** Which webhook URLs a tenant may register and the sender may connect to. */
export interface WebhookUrlPolicy {
  /**
   * WEBHOOKS_ALLOW_LOOPBACK: admits 127.0.0.0/8 and ::1 (and `localhost`), nothing else, for local
   * development and tests; the service refuses it with NODE_ENV=production (env.ts).
   */
  allowLoopback: boolean;
}

/** Ports of services that never take webhooks (SSH, mail, DNS, databases, caches, brokers), refused in every mode. */
export const REFUSED_PORTS: ReadonlySet<number> = new Set([
  21, 22, 23, 25, 53, 110, 111, 135, 139, 143, 445, 465, 587, 993, 995, 1433, 1521, 2049, 2375, 2376, 2379, 2380, 3306, 5432, 5672, 5984, 6379, 6443,
  9042, 9092, 9200, 9300, 10250, 11211, 27017,
]);

/** Whether `policy` lets a connection reach `ip`: public addresses, and loopback only when allowed. */
export function addressAllowed(ip: string, policy: WebhookUrlPolicy): boolean {
  // an IPv4-mapped IPv6 address is refused in every mode (loopback mode admits 127.0.0.0/8 and ::1 as written)
  if (isIpv4Mapped(ip)) return false;
  return isLoopbackAddress(ip) ? policy.allowLoopback : !isNotPublicAddress(ip);
}

const forbidden = (message: string) => AppError.validation('url', message, 'WEBHOOK_URL_FORBIDDEN');

/** The host of a parsed URL without IPv6 brackets (the WHATWG parser has already turned decimal, octal and hex IPv4 spellings into dotted form). */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

const isLoopbackName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/**
 * The checks that need no DNS, at registration and again before each connection: http(s) only,
 * no credentials, no refused port, and an IP-literal host must be allowed by the policy.
 */
export function checkUrlShape(value: string, policy: WebhookUrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw AppError.validation('url', 'must be an absolute http(s) URL', 'WEBHOOK_URL_INVALID');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw AppError.validation('url', 'must be an http(s) URL', 'WEBHOOK_URL_INVALID');
  if (url.username || url.password) throw AppError.validation('url', 'must not contain credentials', 'WEBHOOK_URL_INVALID');
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  if (REFUSED_PORTS.has(port)) throw forbidden(`must not use port ${port}`);
  const host = hostOf(url);
  if (isIP(host) !== 0 && !addressAllowed(host, policy)) throw forbidden('must not point to a private, loopback, link-local or metadata address');
  if (isLoopbackName(host) && !policy.allowLoopback) throw forbidden('must not point to a loopback address');
  return url;
}

/**
 * The SSRF guard at registration: `checkUrlShape`, then every address the host resolves to must be
 * allowed (a name with one private answer among public ones is refused). A name that does not
 * resolve now is accepted: the connect-time guard (`guardedLookup`) checks the answer it gets
 * then, which also stops a DNS answer that changes after registration (rebinding).
 */
export async function checkWebhookUrl(
  value: string,
  policy: WebhookUrlPolicy,
  resolve: (host: string) => Promise<string[]> = resolveHost,
): Promise<void> {
  const url = checkUrlShape(value, policy);
  const host = hostOf(url);
  if (isIP(host) !== 0 || isLoopbackName(host)) return;
  const addresses = await resolve(host);
  if (addresses.some((a) => !addressAllowed(a, policy))) throw forbidden('must not resolve to a private, loopback, link-local or metadata address');
}

async function resolveHost(host: string): Promise<string[]> {
  try {
    return (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return [];
  }
}

/** The `lookup` of every outbound webhook connection: the registration rule again, on the addresses it connects to. */
export function guardedLookup(policy: WebhookUrlPolicy, resolve?: typeof lookupCallback): LookupFunction {
  return addressCheckingLookup((address) => addressAllowed(address, policy), resolve);
}
