import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceCredentialVerifier } from '../auth/service-credential';
import { runWithRequestContext } from '../logging';
import { GatewayCallError, HttpGatewayClient } from './gateway-client';

const SECRET = 'c'.repeat(48);

/** A stand-in gateway: answers what `reply` says and records what it was sent. */
describe('HttpGatewayClient', () => {
  let server: Server;
  let url: string;
  let seen: { headers: IncomingHttpHeaders; body: any }[] = [];
  let reply: (body: any) => { status: number; body: unknown; delayMs?: number } = () => ({ status: 200, body: { data: { ok: true } } });

  before(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const body = JSON.parse(raw);
        seen.push({ headers: req.headers, body });
        const r = reply(body);
        setTimeout(() => {
          res.writeHead(r.status, { 'content-type': 'application/json' });
          res.end(typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
        }, r.delayMs ?? 0);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const client = (timeoutMs = 2_000) => new HttpGatewayClient({ url, secret: SECRET, service: 'rewards-write', timeoutMs });
  const failsWith = async (p: Promise<unknown>, expected: Partial<GatewayCallError>) => {
    const err = await p.then(
      () => assert.fail('expected a GatewayCallError'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof GatewayCallError, String(err));
    for (const [k, v] of Object.entries(expected)) assert.equal((err as any)[k], v, `${k}: ${(err as Error).message}`);
  };

  it('sends the operation with a service credential for the tenant and permissions, and the caller correlation id', async () => {
    seen = [];
    reply = () => ({ status: 200, body: { data: { ledgerCredit: { transaction: { id: 'tx1' } } } } });
    const data = await runWithRequestContext({ requestId: 'r1', correlationId: 'corr-42' }, () =>
      client().execute<{ ledgerCredit: { transaction: { id: string } } }>({
        tenantId: 't_9',
        permissions: ['ledger.write'],
        query: 'mutation { ledgerCredit }',
        variables: { key: 'purchase:1:award' },
      }),
    );
    assert.equal(data.ledgerCredit.transaction.id, 'tx1');
    const [call] = seen;
    assert.deepEqual(call!.body, { query: 'mutation { ledgerCredit }', variables: { key: 'purchase:1:award' } });
    assert.equal(call!.headers['x-correlation-id'], 'corr-42');
    const principal = new ServiceCredentialVerifier(SECRET).verify(String(call!.headers['x-crm-service']));
    assert.deepEqual(principal, { tenantId: 't_9', kind: 'service', subjectId: 'service:rewards-write', permissions: ['ledger.write'] });
  });

  it('turns a GraphQL error into its category, reason and field; a refusal is not retriable', async () => {
    reply = () => ({
      status: 200,
      body: {
        data: null,
        errors: [{ message: 'amount: must be positive', extensions: { code: 'VALIDATION', reason: 'INVALID_AMOUNT', field: 'amount' } }],
      },
    });
    await failsWith(client().execute({ tenantId: 't', permissions: [], query: '{ x }' }), {
      code: 'VALIDATION',
      reason: 'INVALID_AMOUNT',
      field: 'amount',
      retriable: false,
      message: 'amount: must be positive',
    });
  });

  it('marks unavailability, internal errors and 5xx answers retriable', async () => {
    reply = () => ({ status: 200, body: { errors: [{ message: 'down', extensions: { code: 'UNAVAILABLE' } }] } });
    await failsWith(client().execute({ tenantId: 't', permissions: [], query: '{ x }' }), { code: 'UNAVAILABLE', retriable: true });
    reply = () => ({ status: 502, body: 'Bad Gateway' });
    await failsWith(client().execute({ tenantId: 't', permissions: [], query: '{ x }' }), { code: 'UNAVAILABLE', retriable: true });
  });

  it('gives up on a slow answer after the timeout, as a retriable UNAVAILABLE', async () => {
    reply = () => ({ status: 200, body: { data: {} }, delayMs: 1_000 });
    await failsWith(client(100).execute({ tenantId: 't', permissions: [], query: '{ x }' }), { code: 'UNAVAILABLE', retriable: true });
  });

  it('reports an unreachable gateway and one not listening yet as retriable', async () => {
    const closed = new HttpGatewayClient({ url: 'http://127.0.0.1:1/graphql', secret: SECRET, service: 'orders-write' });
    await failsWith(closed.execute({ tenantId: 't', permissions: [], query: '{ x }' }), { code: 'UNAVAILABLE', retriable: true });
    const notYet = new HttpGatewayClient({ url: () => null, secret: SECRET, service: 'orders-write' });
    await failsWith(notYet.execute({ tenantId: 't', permissions: [], query: '{ x }' }), { code: 'UNAVAILABLE', retriable: true });
  });
});
