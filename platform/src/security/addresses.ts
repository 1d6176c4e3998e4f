import { lookup as lookupCallback, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * What an outbound call to a tenant-given URL may reach (the SSRF rules of reliability-security.md
 * §1.9): public unicast addresses, and loopback only where a policy admits it.
 */

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Everything that is not a public unicast address: private, loopback, link-local (cloud metadata), CGNAT, documentation, multicast, reserved. */
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
  // NAT64 and 6to4 addresses can carry any IPv4 address: refused whole. (Not ::ffff:0:0/96 here:
  // BlockList matches every IPv4 address against it; IPv4-mapped addresses are checked as IPv4.)
  ['64:ff9b::', 96],
  ['2002::', 16],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv6');
}

const family = (ip: string): 'ipv4' | 'ipv6' => (isIP(ip) === 6 ? 'ipv6' : 'ipv4');

/** 127.0.0.0/8 or ::1 (BlockList also matches the IPv4-mapped spelling of a loopback address). */
export const isLoopbackAddress = (ip: string): boolean => LOOPBACK.check(ip, family(ip));

/** Not a public unicast address (private, loopback, link-local, CGNAT, documentation, multicast, reserved). */
export const isNotPublicAddress = (ip: string): boolean => NOT_PUBLIC.check(ip, family(ip));

const MAPPED = new BlockList();
MAPPED.addSubnet('::ffff:0:0', 96, 'ipv6');

/** An IPv6 address spelling an IPv4 one (`::ffff:a.b.c.d`, `::ffff:xxxx:xxxx`, `0:0:0:0:0:ffff:…`). */
export const isIpv4Mapped = (ip: string): boolean => isIP(ip) === 6 && MAPPED.check(ip, 'ipv6');

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
/** The `lookup` option of `http.request` / `net.connect`. */
export type LookupFunction = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/**
 * A `lookup` for outbound calls to tenant-given hosts: resolves as usual, then refuses to connect
 * (error code EADDRNOTALLOWED) when any answer is not `allowed`, so a DNS answer that changed since
 * the URL was checked (rebinding) does not reach inside the network. IP literals never reach a
 * lookup: callers check them before connecting.
 */
export function addressCheckingLookup(
  allowed: (address: string, hostname: string) => boolean,
  resolve: typeof lookupCallback = lookupCallback,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, answers) => {
      if (err) return callback(err, '');
      const list = answers as unknown as LookupAddress[];
      const refused = list.find((a) => !allowed(a.address, hostname));
      if (refused) {
        const error = new Error(`refusing to connect to ${hostname}: ${refused.address} is not a public address`);
        return callback(Object.assign(error, { code: 'EADDRNOTALLOWED' }), '');
      }
      if (options.all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      return callback(null, first.address, first.family);
    });
  };
}
