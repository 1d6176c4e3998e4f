import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayCallError } from '@crm/platform/clients';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

const CREDIT = `mutation($input: LedgerCreditInput!, $key: String!) {
  ledgerCredit(input: $input, idempotencyKey: $key) { transaction { id } errors { code reason field message } }
}`;
type Credit = { ledgerCredit: { transaction: { id: string } | null; errors: { code: string; reason: string; field: string | null }[] } };

/**
 * A service calling another domain through the gateway (DESIGN.md §10) with a service credential:
 * it acts for the tenant it names with the permissions it asks for, nothing more; an idempotency
 * key makes its retry harmless; a forged or mixed credential is refused before any subgraph runs.
 */
describe('service-to-service calls through the gateway', () => {
  let p: TestPlatform;
  let walletId: string;

  before(async () => {
    p = await startTestPlatform('service-calls');
    const created = await p.http('POST', '/backoffice/v2/contacts', { type: 'PERSON', last_name: 'Caller' });
    assert.equal(created.status, 201, created.text);
    const contactId = (created.body as { id: string }).id;
    for (let i = 0; i < 300 && !walletId; i++) {
      const read = await p.http('GET', `/self-service/v2/contacts/${contactId}`, undefined, { 'x-dev-principal': `contact:${contactId}` });
      walletId = (read.body as { wallet?: { id: string } } | undefined)?.wallet?.id ?? '';
      if (!walletId) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(walletId, 'the ledger opened a wallet for the contact');
  });
  after(async () => {
    await p?.stop();
  });

  const credit = (tenantId: string, permissions: ('ledger.write' | 'ledger.read')[], key: string) =>
    p.gatewayClient('rewards-write').execute<Credit>({
      tenantId,
      permissions,
      query: CREDIT,
      variables: { input: { account: { walletId }, amount: '5.00', currency: 'EUR', type: 'AWARD' }, key },
    });

  it('moves value as a service principal of the tenant; the same idempotency key answers the same transaction', async () => {
    const first = await credit(p.tenant, ['ledger.write'], 'purchase:svc-1:award');
    assert.deepEqual(first.ledgerCredit.errors, []);
    const again = await credit(p.tenant, ['ledger.write'], 'purchase:svc-1:award');
    assert.equal(again.ledgerCredit.transaction?.id, first.ledgerCredit.transaction?.id);
  });

  it('holds only the permissions it asked for', async () => {
    const err = await credit(p.tenant, ['ledger.read'], 'purchase:svc-2:award').catch((e: unknown) => e);
    assert.ok(err instanceof GatewayCallError, String(err));
    assert.equal(err.code, 'FORBIDDEN');
    assert.equal(err.retriable, false);
  });

  it("cannot reach another tenant's wallet", async () => {
    const answer = await credit('t_other_tenant', ['ledger.write'], 'purchase:svc-3:award').catch((e: unknown) => e);
    if (answer instanceof GatewayCallError) assert.equal(answer.code, 'NOT_FOUND', answer.message);
    else assert.equal((answer as Credit).ledgerCredit.transaction, null, 'no transaction in another tenant');
  });

  it('refuses a forged credential and a credential mixed with an api_key or bearer token (401, nothing run)', async () => {
    const forged = await p.http('POST', '/graphql', { query: '{ __typename }' }, { 'x-crm-service': 'eyJhbGciOiJIUzI1NiJ9.e30.xxxx' });
    assert.equal(forged.status, 401, forged.text);
    const token = p.serviceCredential('rewards-write', p.tenant, []);
    const alone = await p.http('POST', '/graphql', { query: '{ __typename }' }, { 'x-crm-service': token });
    assert.equal(alone.status, 200, alone.text);
    const mixed = await p.http('POST', '/graphql', { query: '{ __typename }' }, { 'x-crm-service': token, authorization: 'Bearer abc' });
    assert.equal(mixed.status, 401, mixed.text);
    assert.match(mixed.text, /not both/);
  });
});
