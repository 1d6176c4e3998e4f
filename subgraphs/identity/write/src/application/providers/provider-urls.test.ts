import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@crm/platform/errors';
import { parseConfig } from '../../env';
import type { LookupAddress } from 'node:dns';
import { checkProviderUrl, guardedLookup } from './provider-urls';

const production = { allowLoopback: false };
const development = { allowLoopback: true };
/** DNS stand-in: names resolve to what the test says, anything else does not resolve. */
const dns = (answers: Record<string, string[]>) => (host: string) => Promise.resolve(answers[host] ?? []);

async function reason(url: string, policy = production, resolve = dns({})): Promise<string | null> {
  try {
    await checkProviderUrl('input.issuer', url, policy, resolve);
    return null;
  } catch (err) {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, 'VALIDATION');
    assert.equal(err.field, 'input.issuer');
    return err.reason ?? 'NO_REASON';
  }
}

describe('provider URL guard (SSRF)', () => {
  it('accepts an https URL on a public host', async () => {
    assert.equal(await reason('https://accounts.google.com', production, dns({ 'accounts.google.com': ['142.250.180.13'] })), null);
    assert.equal(await reason('https://idp.example.com:8443/realms/a', production, dns({ 'idp.example.com': ['93.184.216.34'] })), null);
  });

  it('refuses http in production, even for loopback', async () => {
    assert.equal(await reason('http://accounts.google.com', production, dns({ 'accounts.google.com': ['142.250.180.13'] })), 'INSECURE_URL');
    assert.equal(await reason('http://127.0.0.1:8080'), 'INSECURE_URL');
    assert.equal(await reason('ftp://idp.example.com'), 'INSECURE_URL');
  });

  it('refuses private, loopback, link-local and metadata addresses, however they are spelled', async () => {
    for (const url of [
      'https://127.0.0.1',
      'https://localhost',
      'https://10.1.2.3',
      'https://172.16.0.1',
      'https://192.168.1.1',
      'https://169.254.169.254',
      'https://100.64.0.1',
      'https://0.0.0.0',
      'https://[::1]',
      'https://[fd00::1]',
      'https://[fe80::1]',
      'https://[::ffff:127.0.0.1]',
      'https://0x7f.1',
      'https://2130706433',
      'https://0177.0.0.1',
    ]) {
      assert.equal(await reason(url), 'FORBIDDEN_ADDRESS', url);
    }
    // a public-looking name that resolves inside the network
    assert.equal(
      await reason('https://idp.internal.example', production, dns({ 'idp.internal.example': ['93.184.216.34', '10.0.0.7'] })),
      'FORBIDDEN_ADDRESS',
    );
  });

  it('refuses credentials in the URL, other ports and non-URLs', async () => {
    assert.equal(await reason('https://user:pw@idp.example.com'), 'INVALID_URL');
    assert.equal(await reason('https://idp.example.com:6379'), 'FORBIDDEN_PORT');
    assert.equal(await reason('not a url'), 'INVALID_URL');
  });

  it('allows loopback providers over http only when the environment allows loopback', async () => {
    assert.equal(await reason('http://127.0.0.1:5555', development), null);
    assert.equal(await reason('http://localhost:5555/idp', development), null);
    assert.equal(await reason('http://[::1]:5555', development), null);
    // still nothing private that is not loopback, nor plain http to the outside
    assert.equal(await reason('http://10.0.0.1', development), 'INSECURE_URL');
    assert.equal(await reason('https://10.0.0.1', development), 'FORBIDDEN_ADDRESS');
    assert.equal(await reason('http://idp.example.com', development, dns({ 'idp.example.com': ['93.184.216.34'] })), 'INSECURE_URL');
  });

  it('the service refuses to allow loopback providers with NODE_ENV=production', () => {
    const base = { INTERNAL_AUTH_SECRET: 'x'.repeat(32), IDENTITY_SECRET: 'y'.repeat(32), LOG_LEVEL: 'silent' };
    assert.equal(
      parseConfig({ ...base, NODE_ENV: 'development', IDENTITY_PROVIDERS_ALLOW_LOOPBACK: 'true' }).IDENTITY_PROVIDERS_ALLOW_LOOPBACK,
      true,
    );
    assert.equal(parseConfig({ ...base, NODE_ENV: 'production' }).IDENTITY_PROVIDERS_ALLOW_LOOPBACK, false);
    assert.throws(
      () => parseConfig({ ...base, NODE_ENV: 'production', IDENTITY_PROVIDERS_ALLOW_LOOPBACK: 'true' }),
      /IDENTITY_PROVIDERS_ALLOW_LOOPBACK/,
    );
  });

  it('checks the addresses again when a call connects (a DNS answer that changed since)', async () => {
    const answers: Record<string, LookupAddress[]> = {
      'idp.example.com': [{ address: '93.184.216.34', family: 4 }],
      'rebound.example.com': [
        { address: '93.184.216.34', family: 4 },
        { address: '169.254.169.254', family: 4 },
      ],
      'dev.example.com': [{ address: '127.0.0.1', family: 4 }],
      'corp-idp.internal': [{ address: '10.0.0.9', family: 4 }],
    };
    const resolve = ((host: string, _options: unknown, callback: (err: Error | null, a: LookupAddress[]) => void) =>
      callback(null, answers[host] ?? [])) as unknown as Parameters<typeof guardedLookup>[2];
    const connect = (lookup: ReturnType<typeof guardedLookup>, host: string, all: boolean) =>
      new Promise<string>((ok) =>
        lookup(host, { all }, (err, address) =>
          ok(err ? `refused ${(err as { code?: string }).code}` : Array.isArray(address) ? address.map((a) => a.address).join(',') : address),
        ),
      );
    const strict = guardedLookup(production, new Set(['corp-idp.internal']), resolve);
    assert.equal(await connect(strict, 'idp.example.com', false), '93.184.216.34');
    assert.equal(await connect(strict, 'idp.example.com', true), '93.184.216.34');
    assert.equal(await connect(strict, 'rebound.example.com', true), 'refused EADDRNOTALLOWED');
    assert.equal(await connect(strict, 'dev.example.com', false), 'refused EADDRNOTALLOWED');
    assert.equal(await connect(strict, 'corp-idp.internal', false), '10.0.0.9', 'an operator-configured issuer host is trusted');
    assert.equal(await connect(guardedLookup(development, new Set(), resolve), 'dev.example.com', false), '127.0.0.1');
  });
});
