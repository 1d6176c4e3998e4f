import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';

/**
 * The billing domain's isolation matrix: another tenant, another contact, a back-office user
 * without billing permissions, an anonymous caller and mass assignment (ids and owners in the
 * body) never reach or move another's payment methods or wallet.
 */
describe('billing isolation (tenants, contacts, roles, mass assignment)', () => {
  let p: TestPlatform;
  const asContact = (id: string, tenant?: string) => ({ 'x-dev-principal': `contact:${id}`, ...(tenant ? { 'x-dev-tenant': tenant } : {}) });
  const card = (token = 'tok_visa') => ({
    payment_method_type: 'CARD',
    card: {
      first6: '424242',
      last4: '4242',
      brand: 'VISA',
      expiration_month: 12,
      expiration_year: 2031,
      gateway_token: [{ gateway: 'STRIPE', token }],
    },
  });

  async function contactWithWallet(lastName: string, tenant?: string): Promise<{ id: string; walletId: string }> {
    const headers: Record<string, string> = tenant ? { 'x-dev-tenant': tenant } : {};
    const created = await p.http('POST', `${BO}/contacts`, { type: 'PERSON', last_name: lastName }, headers);
    assert.equal(created.status, 201, created.text);
    const id = (created.body as { id: string }).id;
    for (let i = 0; i < 300; i++) {
      const read = await p.http('GET', `${SS}/contacts/${id}`, undefined, asContact(id, tenant));
      if (read.status === 200 && read.body.wallet) return { id, walletId: read.body.wallet.id };
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no wallet for ${id}`);
  }
  const listOf = async (c: { id: string }, tenant?: string) => {
    const r = await p.http('GET', `${SS}/contacts/${c.id}/payment_methods`, undefined, asContact(c.id, tenant));
    assert.equal(r.status, 200, r.text);
    return r.body.content as { id: string }[];
  };
  const balanceOf = async (c: { id: string; walletId: string }, tenant?: string) =>
    (await p.http('GET', `${SS}/wallets/${c.walletId}`, undefined, asContact(c.id, tenant))).body.total_balance as number;

  let alice: { id: string; walletId: string };
  let bob: { id: string; walletId: string };
  let aliceCard: string;
  let bobCard: string;

  before(async () => {
    p = await startTestPlatform('billing-isolation');
    [alice, bob] = await Promise.all([contactWithWallet('Alice'), contactWithWallet('Bob')]);
    aliceCard = (await p.http('POST', `${SS}/contacts/${alice.id}/payment_methods`, card(), asContact(alice.id))).body.id;
    bobCard = (await p.http('POST', `${SS}/contacts/${bob.id}/payment_methods`, card(), asContact(bob.id))).body.id;
    assert.ok(aliceCard && bobCard);
  });
  after(async () => {
    await p?.stop();
  });

  it('a contact cannot list, add, change or remove another contact’s payment methods (404, nothing changes)', async () => {
    const list = await p.http('GET', `${SS}/contacts/${alice.id}/payment_methods`, undefined, asContact(bob.id));
    assert.equal(list.status, 404, list.text);
    const add = await p.http('POST', `${SS}/contacts/${alice.id}/payment_methods`, card(), asContact(bob.id));
    assert.equal(add.status, 404, add.text);
    const put = await p.http('PUT', `${SS}/contacts/${alice.id}/payment_methods/${aliceCard}`, { name: 'mine now' }, asContact(bob.id));
    assert.equal(put.status, 404, put.text);
    const del = await p.http('DELETE', `${SS}/contacts/${alice.id}/payment_methods/${aliceCard}`, undefined, asContact(bob.id));
    assert.equal(del.status, 404, del.text);
    // bob's own path with alice's method id: not his
    const mixed = await p.http('DELETE', `${SS}/contacts/${bob.id}/payment_methods/${aliceCard}`, undefined, asContact(bob.id));
    assert.equal(mixed.status, 404, mixed.text);
    assert.deepEqual(
      (await listOf(alice)).map((m) => m.id),
      [aliceCard],
    );
  });

  it('a contact cannot top up with another contact’s card, nor top up another contact’s wallet', async () => {
    const withHisCard = await p.http(
      'POST',
      `${SS}/topups`,
      { wallet_id: bob.walletId, amount: 5, payment_method: { id: aliceCard } },
      asContact(bob.id),
    );
    assert.equal(withHisCard.status, 404, withHisCard.text);
    const intoHers = await p.http(
      'POST',
      `${SS}/topups`,
      { wallet_id: alice.walletId, amount: 5, payment_method: { id: bobCard } },
      asContact(bob.id),
    );
    assert.equal(intoHers.status, 404, intoHers.text);
    // the secret key (server side) may top up alice's wallet, but only with alice's own method
    const mismatched = await p.http('POST', `${SS}/topups`, { wallet_id: alice.walletId, amount: 5, payment_method: { id: bobCard } });
    assert.equal(mismatched.status, 404, mismatched.text);
    assert.equal(await balanceOf(alice), 0);
    assert.equal(await balanceOf(bob), 0);
  });

  it('another tenant sees none of it and cannot move anything', async () => {
    const other = `${p.tenant}-other`;
    const list = await p.http('GET', `${SS}/contacts/${alice.id}/payment_methods`, undefined, { 'x-dev-tenant': other });
    assert.ok(list.status === 200 ? list.body.content.length === 0 : list.status === 404, list.text);
    const del = await p.http('DELETE', `${SS}/contacts/${alice.id}/payment_methods/${aliceCard}`, undefined, { 'x-dev-tenant': other });
    assert.equal(del.status, 404, del.text);
    const topup = await p.http(
      'POST',
      `${SS}/topups`,
      { wallet_id: alice.walletId, amount: 5, payment_method: { id: aliceCard } },
      { 'x-dev-tenant': other },
    );
    assert.equal(topup.status, 404, topup.text);
    assert.equal(await balanceOf(alice), 0);
    assert.deepEqual(
      (await listOf(alice)).map((m) => m.id),
      [aliceCard],
    );
  });

  it('roles: a user without billing permissions is refused; anonymous callers are unauthenticated', async () => {
    const agent = { 'x-dev-principal': 'user:contacts.read,subscriptions.read' };
    const list = await p.http('GET', `${SS}/contacts/${alice.id}/payment_methods`, undefined, agent);
    assert.equal(list.status, 403, list.text);
    const topup = await p.http('POST', `${SS}/topups`, { wallet_id: alice.walletId, amount: 5, payment_method: { id: aliceCard } }, agent);
    assert.equal(topup.status, 403, topup.text);
    const anon = await p.http('POST', `${SS}/contacts/${alice.id}/payment_methods`, card(), { 'x-dev-principal': 'anonymous' });
    assert.equal(anon.status, 401, anon.text);
    const gql = await p.graphql(
      `mutation { removeContactPaymentMethod(contactId: "${alice.id}", paymentMethodId: "${aliceCard}") { id } }`,
      {},
      agent,
    );
    assert.equal(gql.body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN', gql.text);
  });

  it('mass assignment: ids, owners and contact ids in the body are refused or ignored', async () => {
    const withId = await p.http(
      'POST',
      `${SS}/contacts/${bob.id}/payment_methods`,
      { ...card(), id: aliceCard, contact_id: alice.id },
      asContact(bob.id),
    );
    assert.equal(withId.status, 200, withId.text);
    assert.notEqual(withId.body.id, aliceCard, 'the id in the body is not used');
    assert.deepEqual(
      (await listOf(alice)).map((m) => m.id),
      [aliceCard],
      'alice gained nothing',
    );
    const unknown = await p.http('POST', `${SS}/contacts/${bob.id}/payment_methods`, { ...card(), owner_id: alice.id }, asContact(bob.id));
    assert.equal(unknown.status, 400, unknown.text);
    const topupOwner = await p.http('POST', `${SS}/topups`, { wallet_id: bob.walletId, amount: 1, contact_id: alice.id }, asContact(bob.id));
    assert.equal(topupOwner.status, 400, topupOwner.text);
  });
});
