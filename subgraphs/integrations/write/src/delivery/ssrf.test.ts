import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, isIP, type AddressInfo, type Server } from 'node:net';
import type { lookup as lookupCallback, LookupAddress } from 'node:dns';
import { isAppError } from '@crm/platform/errors';
import { httpSender } from './sender';
import { checkWebhookUrl, guardedLookup, type WebhookUrlPolicy } from './url-guard';

/**
 * W4: the SSRF corpus against the registration guard and the sender's connect-time guard, with a
 * canary listening on loopback that must see no connection at all.
 */
const PUBLIC = '93.184.216.34';

describe('webhook SSRF guard (W4 corpus, loopback canary)', () => {
  let canary: Server;
  let port = 0;
  let connections = 0;

  before(async () => {
    canary = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
    port = (canary.address() as AddressInfo).port;
  });
  after(() => canary.close());

  /** The stub DNS: names of the corpus; `rebind.test` answers public first, then loopback. */
  const lookups = new Map<string, number>();
  function answers(host: string): string[] {
    const n = (lookups.get(host) ?? 0) + 1;
    lookups.set(host, n);
    const table: Record<string, string[]> = {
      'loopback.test': ['127.0.0.1'],
      'loopback6.test': ['::1'],
      'mapped.test': ['::ffff:127.0.0.1'],
      'metadata.test': ['169.254.169.254'],
      'private.test': ['10.0.0.7'],
      'cgnat.test': ['100.64.1.1'],
      'ula.test': ['fd12:3456::1'],
      'mixed.test': [PUBLIC, '127.0.0.1'],
      'rebind.test': n === 1 ? [PUBLIC] : ['127.0.0.1'],
      'rebind2.test': n === 1 ? [PUBLIC] : ['169.254.169.254'],
    };
    return table[host] ?? [];
  }
  const resolve = async (host: string) => answers(host);
  const stubLookup = ((host: string, _options: unknown, callback: (err: Error | null, list: LookupAddress[]) => void) => {
    const list = answers(host);
    if (list.length === 0) return callback(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }), []);
    callback(
      null,
      list.map((address) => ({ address, family: isIP(address) })),
    );
  }) as unknown as typeof lookupCallback;

  const corpus = (p: number): string[] => [
    `http://127.0.0.1:${p}/`,
    `http://127.0.0.2:${p}/`,
    `http://127.1:${p}/`,
    `http://localhost:${p}/`,
    `http://sub.localhost:${p}/`,
    `http://0.0.0.0:${p}/`,
    `http://0:${p}/`,
    `http://[::1]:${p}/`,
    `http://[::]:${p}/`,
    `http://[::ffff:127.0.0.1]:${p}/`,
    `http://[::ffff:7f00:1]:${p}/`,
    `http://[64:ff9b::7f00:1]:${p}/`,
    `http://[2002:7f00:1::]:${p}/`,
    `http://2130706433:${p}/`,
    `http://0177.0.0.1:${p}/`,
    `http://0x7f000001:${p}/`,
    `http://0x7f.0.0.1:${p}/`,
    `http://017700000001:${p}/`,
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/latest/meta-data/',
    'http://100.100.100.200/latest/meta-data/',
    'http://10.0.0.1/',
    'http://10.255.255.254/',
    'http://172.16.0.1/',
    'http://172.31.255.254/',
    'http://192.168.0.1/',
    'http://192.168.255.254/',
    'http://100.64.0.1/',
    'http://[fc00::1]/',
    'http://[fe80::1]/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    `http://loopback.test:${p}/`,
    `http://loopback6.test:${p}/`,
    `http://mapped.test:${p}/`,
    'http://metadata.test/',
    'http://private.test/',
    'http://cgnat.test/',
    'http://ula.test/',
    `http://mixed.test:${p}/`,
    `http://rebind.test:${p}/`,
    'http://rebind2.test/',
    'file:///etc/passwd',
    `gopher://127.0.0.1:${p}/_SSRF`,
    'ftp://example.com/',
    `dict://127.0.0.1:${p}/`,
    'http://user:pass@example.com/',
    `http://example.com@127.0.0.1:${p}/`,
    `http://${PUBLIC}:22/`,
    `http://${PUBLIC}:5432/`,
    `http://${PUBLIC}:6379/`,
  ];

  it('refuses 100 % of the corpus at registration or at connect time; the canary records 0 connections', async () => {
    const policy: WebhookUrlPolicy = { allowLoopback: false };
    const send = httpSender({ policy, lookup: guardedLookup(policy, stubLookup), timeoutMs: 2000, userAgent: 'test' });
    const targets = corpus(port);
    assert.ok(targets.length >= 40, `corpus of ${targets.length}`);
    let atRegistration = 0;
    let atConnect = 0;
    const passed: string[] = [];
    for (const url of targets) {
      try {
        await checkWebhookUrl(url, policy, resolve);
      } catch (err) {
        assert.ok(isAppError(err) && err.code === 'VALIDATION' && err.field === 'url', `${url}: ${String(err)}`);
        atRegistration++;
        continue;
      }
      const result = await send(url, {}, '{}');
      if (result.status === null && /refus|not allowed|EADDRNOTALLOWED/i.test(result.error ?? '')) atConnect++;
      else passed.push(`${url} → ${JSON.stringify(result)}`);
    }
    assert.deepEqual(passed, []);
    assert.equal(atRegistration + atConnect, targets.length);
    assert.ok(atConnect >= 2, 'the rebinding names pass registration and are refused when connecting');
    assert.equal(connections, 0, 'the loopback canary saw a connection');
  });

  it('a literal IP is checked again before connecting (an endpoint stored before a policy change)', async () => {
    const send = httpSender({
      policy: { allowLoopback: false },
      lookup: guardedLookup({ allowLoopback: false }, stubLookup),
      timeoutMs: 2000,
      userAgent: 't',
    });
    const result = await send(`http://127.0.0.1:${port}/`, {}, '{}');
    assert.equal(result.status, null);
    assert.match(result.error ?? '', /refused/);
    assert.equal(connections, 0);
  });

  it('public addresses pass (the guard is not a blanket refusal)', async () => {
    const policy: WebhookUrlPolicy = { allowLoopback: false };
    for (const url of [
      `http://${PUBLIC}/`,
      'https://8.8.8.8/hooks',
      'https://[2606:4700::1111]/',
      'https://hooks.example.com:8443/x',
      'https://rebind.public/',
    ]) {
      await checkWebhookUrl(url, policy, async () => [PUBLIC]);
    }
  });

  it('with WEBHOOKS_ALLOW_LOOPBACK only 127.0.0.0/8 and ::1 are admitted: private and metadata addresses still are not', async () => {
    const policy: WebhookUrlPolicy = { allowLoopback: true };
    await checkWebhookUrl(`http://127.0.0.1:${port}/`, policy, resolve);
    await checkWebhookUrl(`http://[::1]:${port}/`, policy, resolve);
    await checkWebhookUrl(`http://loopback.test:${port}/`, policy, resolve);
    for (const url of [
      'http://10.0.0.1/',
      'http://169.254.169.254/',
      'http://[fd00:ec2::254]/',
      'http://metadata.test/',
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://127.0.0.1:6379/`,
    ]) {
      await assert.rejects(checkWebhookUrl(url, policy, resolve), (err) => isAppError(err) && err.field === 'url', url);
    }
  });

  it('a redirect is an answer, never followed: a receiver redirecting to the canary leaves it untouched', async () => {
    const policy: WebhookUrlPolicy = { allowLoopback: true };
    const redirector: HttpServer = createHttpServer((req, res) => {
      req.resume();
      res.writeHead(302, { location: `http://127.0.0.1:${port}/internal` }).end();
    });
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
    try {
      const send = httpSender({ policy, lookup: guardedLookup(policy, stubLookup), timeoutMs: 2000, userAgent: 't' });
      const result = await send(`http://127.0.0.1:${(redirector.address() as AddressInfo).port}/hook`, {}, '{}');
      assert.equal(result.status, 302);
      assert.equal(connections, 0);
    } finally {
      redirector.close();
    }
  });
});
