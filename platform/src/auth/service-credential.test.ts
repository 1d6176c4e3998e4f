import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import jwt from 'jsonwebtoken';
import { AppError } from '../errors/app-error';
import { principalKey, signPrincipal } from './principal';
import { ServiceCredentialSigner, ServiceCredentialVerifier, signServiceCredential } from './service-credential';

const SECRET = 'a'.repeat(48);
const refused = (fn: () => unknown) =>
  assert.throws(fn, (err: unknown) => err instanceof AppError && err.code === 'UNAUTHENTICATED' && err.reason === 'INVALID_SERVICE_CREDENTIAL');

describe('service credentials (a service calling another domain through the gateway)', () => {
  it('round-trips into a service principal of the tenant, with exactly the permissions asked for', () => {
    const token = new ServiceCredentialSigner(SECRET, 'rewards-write').sign('t_1', ['ledger.write']);
    assert.deepEqual(new ServiceCredentialVerifier(SECRET).verify(token), {
      tenantId: 't_1',
      kind: 'service',
      subjectId: 'service:rewards-write',
      permissions: ['ledger.write'],
    });
  });

  it('reuses one token per tenant and permissions, and signs another for another tenant', () => {
    const signer = new ServiceCredentialSigner(SECRET, 'orders-write');
    assert.equal(signer.sign('t_1', ['ledger.write']), signer.sign('t_1', ['ledger.write']));
    assert.notEqual(signer.sign('t_1', ['ledger.write']), signer.sign('t_2', ['ledger.write']));
  });

  it('refuses another secret, a changed byte, an expired token and a forwarded principal in its place', () => {
    const verifier = new ServiceCredentialVerifier(SECRET);
    refused(() => verifier.verify(new ServiceCredentialSigner('b'.repeat(48), 'rewards-write').sign('t_1', ['ledger.write'])));
    const token = new ServiceCredentialSigner(SECRET, 'rewards-write').sign('t_1', ['ledger.read']);
    const [h, p, s] = token.split('.');
    const widened = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), prm: ['*'] })).toString('base64url');
    refused(() => verifier.verify(`${h}.${widened}.${s}`));
    refused(() => verifier.verify(signServiceCredential({ service: 'rewards-write', tenantId: 't_1', permissions: [] }, principalKey(SECRET), -10)));
    // the token the gateway forwards to subgraphs (other issuer and audience) is not a service credential
    refused(() => verifier.verify(signPrincipal({ tenantId: 't_1', kind: 'service', subjectId: 'x', permissions: ['*'] }, principalKey(SECRET))));
    refused(() => verifier.verify('not-a-token'));
  });

  it('refuses a credential claiming a wildcard or malformed permission even when correctly signed', () => {
    const verifier = new ServiceCredentialVerifier(SECRET);
    const forged = jwt.sign({ tid: 't_1', prm: ['*'] }, principalKey(SECRET), {
      algorithm: 'HS256',
      issuer: 'crm-service',
      audience: 'crm-gateway',
      subject: 'service:rewards-write',
      expiresIn: 60,
    });
    refused(() => verifier.verify(forged));
  });
});
