import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { lookup as lookupCallback } from 'node:dns';
import { addressCheckingLookup, isIpv4Mapped, isLoopbackAddress, isNotPublicAddress } from './addresses';

describe('outbound address rules', () => {
  it('public unicast addresses pass, IPv4 ones included (no IPv6 range may swallow IPv4)', () => {
    for (const ip of ['93.184.216.34', '8.8.8.8', '1.1.1.1', '2606:4700::1111', '2a00:1450:4001::200e'])
      assert.equal(isNotPublicAddress(ip), false, ip);
  });

  it('private, loopback, link-local/metadata, CGNAT, documentation, multicast, NAT64 and 6to4 addresses do not', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '203.0.113.5',
      '224.0.0.1',
      '::1',
      '::',
      'fd00:ec2::254',
      'fe80::1',
      '64:ff9b::7f00:1',
      '2002:7f00:1::',
      'ff02::1',
    ])
      assert.equal(isNotPublicAddress(ip), true, ip);
    assert.equal(isLoopbackAddress('127.9.9.9'), true);
    assert.equal(isLoopbackAddress('10.0.0.1'), false);
  });

  it('recognises IPv4-mapped IPv6 in every spelling, and nothing else', () => {
    for (const ip of ['::ffff:127.0.0.1', '::ffff:7f00:1', '0:0:0:0:0:ffff:a00:1']) assert.equal(isIpv4Mapped(ip), true, ip);
    for (const ip of ['::1', '127.0.0.1', '2606:4700::1111']) assert.equal(isIpv4Mapped(ip), false, ip);
  });

  it('the connect-time lookup refuses a host with any refused answer, and passes the others through', async () => {
    const answers: Record<string, { address: string; family: number }[]> = {
      'ok.test': [{ address: '93.184.216.34', family: 4 }],
      'mixed.test': [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.1', family: 4 },
      ],
    };
    const resolve = ((host: string, _o: unknown, cb: (e: Error | null, a: unknown) => void) =>
      cb(null, answers[host] ?? [])) as unknown as typeof lookupCallback;
    const lookup = addressCheckingLookup((a) => !isNotPublicAddress(a), resolve);
    const run = (host: string) =>
      new Promise<string>((done) =>
        lookup(host, {}, (err, address) => done(err ? `refused ${(err as NodeJS.ErrnoException).code}` : String(address))),
      );
    assert.equal(await run('ok.test'), '93.184.216.34');
    assert.equal(await run('mixed.test'), 'refused EADDRNOTALLOWED');
    assert.equal(await run('none.test'), 'refused ENOTFOUND');
  });
});
