import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '@crm/platform/errors';

/** Which provider URLs (OIDC issuers, Graph API base URLs) a tenant may configure. */
export interface ProviderUrlPolicy {
  /**
   * Loopback providers (http or https), for local development and the integration tests; the
   * service refuses this with NODE_ENV=production (env.ts).
   */
  allowLoopback: boolean;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Everything that is not a public unicast address (reliability-security.md §1.9). */
const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 127],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv6');
}

const family = (ip: string): 'ipv4' | 'ipv6' => (isIP(ip) === 6 ? 'ipv6' : 'ipv4');
const isLoopback = (ip: string) => LOOPBACK.check(ip, family(ip));
const isNotPublic = (ip: string) => NOT_PUBLIC.check(ip, family(ip));

const refused = (field: string, message: string, reason: string) => AppError.validation(field, message, reason);

/**
 * The SSRF guard for provider URLs, checked when a tenant configures a provider: https only (http
 * for a loopback provider when the policy allows loopback), no credentials, the default https
 * port (or 8443), and a host that neither is nor resolves to a private, loopback, link-local,
 * CGNAT, multicast or otherwise non-public address. IP spellings (decimal, octal, hex, IPv4-mapped
 * IPv6) are normalised by the WHATWG URL parser before the check. A host that does not resolve
 * now is accepted: calls to it fail at sign-in time. Not covered: a host whose DNS answer changes
 * after this check (DNS rebinding) — the outbound calls do not re-check addresses when connecting.
 */
export async function checkProviderUrl(
  field: string,
  value: string,
  policy: ProviderUrlPolicy,
  resolve: (host: string) => Promise<string[]> = resolveHost,
): Promise<void> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refused(field, 'must be an https URL', 'INVALID_URL');
  }
  if (url.username || url.password) throw refused(field, 'must not contain credentials', 'INVALID_URL');
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const literal = isIP(host) !== 0;
  const loopbackName = host === 'localhost' || host.endsWith('.localhost');
  const addresses = literal ? [host] : loopbackName ? ['127.0.0.1'] : await resolve(host);
  const loopback = addresses.length > 0 && addresses.every(isLoopback);
  if (loopback && policy.allowLoopback) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refused(field, 'must be an http(s) URL', 'INVALID_URL');
    return;
  }
  if (url.protocol !== 'https:') throw refused(field, 'must be an https URL', 'INSECURE_URL');
  if (url.port !== '' && url.port !== '8443') throw refused(field, 'must use the https port (443 or 8443)', 'FORBIDDEN_PORT');
  if (addresses.some(isNotPublic)) throw refused(field, 'must not point to a private, loopback or link-local address', 'FORBIDDEN_ADDRESS');
}

async function resolveHost(host: string): Promise<string[]> {
  try {
    return (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return [];
  }
}
