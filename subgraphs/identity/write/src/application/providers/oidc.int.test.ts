import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '@crm/platform/errors';
import { OidcClients } from './oidc';
import { verifyFacebookToken } from './facebook';
import { guardedLookup } from './provider-urls';

/** Provider calls connect through the guarded lookup: a host that resolves to loopback is refused unless allowed. */
describe('provider calls connect only to allowed addresses', () => {
  let server: http.Server;
  let port = 0;

  before(async () => {
    server = http.createServer((_req, res) => {
      const issuer = `http://localhost:${port}`;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses discovery of a host that resolves to loopback when loopback is not allowed', async () => {
    const clients = new OidcClients(guardedLookup({ allowLoopback: false }, new Set()));
    await assert.rejects(
      clients.discover(`http://localhost:${port}`, 'input.issuer'),
      (err: unknown) => err instanceof AppError && err.reason === 'ISSUER_NOT_DISCOVERABLE',
    );
  });

  // (before any allowed call: a kept-alive connection to the same host is reused without a new lookup)
  it('Facebook Graph calls go through the same check', async () => {
    const config = { appId: '1', appSecret: 's', graphBaseUrl: `http://localhost:${port}/v19.0` };
    const refused = verifyFacebookToken(config, 'token', new Date(), guardedLookup({ allowLoopback: false }, new Set()));
    await assert.rejects(refused, (err: unknown) => err instanceof AppError && err.code === 'UNAVAILABLE');
    // allowed, the call reaches the stand-in (whose answer is no debug_token document: the token is refused)
    const reached = verifyFacebookToken(config, 'token', new Date(), guardedLookup({ allowLoopback: true }, new Set()));
    await assert.rejects(reached, (err: unknown) => err instanceof AppError && err.code === 'UNAUTHENTICATED');
  });

  it('discovers it when loopback is allowed, or when the host is a trusted (operator-configured) one', async () => {
    const allowed = await new OidcClients(guardedLookup({ allowLoopback: true }, new Set())).discover(`http://localhost:${port}`, 'input.issuer');
    assert.equal(allowed.tokenEndpoint, `http://localhost:${port}/token`);
    const trusted = await new OidcClients(guardedLookup({ allowLoopback: false }, new Set(['localhost']))).discover(
      `http://localhost:${port}`,
      'input.issuer',
    );
    assert.equal(trusted.jwksUri, `http://localhost:${port}/jwks`);
  });
});
