import type { lookup as lookupCallback } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AppError, type ReasonOf } from '@crm/platform/errors';
import { addressCheckingLookup, isLoopbackAddress, isNotPublicAddress, type LookupFunction } from '@crm/platform/security';

/** Which provider URLs (OIDC issuers, Graph API base URLs) a tenant may configure. */
export interface ProviderUrlPolicy {
  /**
   * Loopback providers (http or https), for local development and the integration tests; the
   * service refuses this with NODE_ENV=production (env.ts).
   */
  allowLoopback: boolean;
}

const isLoopback = isLoopbackAddress;
const isNotPublic = isNotPublicAddress;

const refused = (field: string, message: string, reason: ReasonOf<'VALIDATION'>) => AppError.validation(field, message, reason);

/**
 * The SSRF guard for provider URLs, checked when a tenant configures a provider: https only (http
 * for a loopback provider when the policy allows loopback), no credentials, the default https
 * port (or 8443), and a host that neither is nor resolves to a private, loopback, link-local,
 * CGNAT, multicast or otherwise non-public address. IP spellings (decimal, octal, hex, IPv4-mapped
 * IPv6) are normalised by the WHATWG URL parser before the check. A host that does not resolve
 * now is accepted: calls to it fail at sign-in time. A host whose DNS answer changes later (DNS
 * rebinding) is caught for OIDC calls by `guardedLookup` when they connect.
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

export type { LookupFunction } from '@crm/platform/security';

/**
 * The `lookup` of outbound OIDC calls (discovery, keys, code exchange): resolves as usual, then
 * refuses to connect when an answer is not a public address (loopback passes when the policy
 * allows it) — the same rule as `checkProviderUrl`, again at connect time, so a DNS answer that
 * changed after the provider was configured does not reach inside the network. Hosts in `trusted`
 * (the operator's IDENTITY_PROVIDERS issuers) are not checked. IP literals never reach a lookup;
 * they are checked when configured.
 */
export function guardedLookup(policy: ProviderUrlPolicy, trusted: ReadonlySet<string>, resolve?: typeof lookupCallback): LookupFunction {
  return addressCheckingLookup(
    (address, hostname) => trusted.has(hostname.toLowerCase()) || (isLoopback(address) ? policy.allowLoopback : !isNotPublic(address)),
    resolve,
  );
}

/** The hosts of the operator-configured (environment) issuers, which `guardedLookup` trusts. */
export function trustedHosts(issuers: readonly string[]): Set<string> {
  const hosts = new Set<string>();
  for (const issuer of issuers) {
    try {
      hosts.add(new URL(issuer).hostname.toLowerCase());
    } catch {
      // the env schema only admits URLs
    }
  }
  return hosts;
}
