import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';
const POS = { 'x-dev-principal': 'service:rewards.write' };

/**
 * Referrals and donations end to end (REST → gateway → rewards-write → ledger through the gateway →
 * bus → read sides): a referrer earns its REFER award once when a new contact reports its code;
 * invitations; donation offers; a contact opts in and each purchase's round-up is debited from its
 * wallet once; update, opt-out, history. Every Self-Service answer validated against the contract.
 */
describe('referrals and donations end to end', () => {
  let p: TestPlatform;
  const validate = loadSelfServiceResponseValidator();
  const asContact = (id: string) => ({ 'x-dev-principal': `contact:${id}` });
  const ok = (r: { status: number; text: string; body: unknown }, method: string, template: string, status: number) => {
    assert.equal(r.status, status, `${method} ${template}: ${r.text}`);
    assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${template} → ${r.text}`);
    return r.body as any;
  };

  async function waitFor<T>(what: string, read: () => Promise<T>, done: (t: T) => boolean, ms = 90_000): Promise<T> {
    const until = Date.now() + ms;
    let last: T = await read();
    while (!done(last)) {
      if (Date.now() > until) assert.fail(`${what}: still ${JSON.stringify(last)}`);
      await new Promise((r) => setTimeout(r, 100));
      last = await read();
    }
    return last;
  }

  async function contactWithWallet(lastName: string): Promise<{ id: string; code: string; wallet: { id: string } }> {
    const created = await p.http('POST', `${BO}/contacts`, { type: 'PERSON', last_name: lastName });
    assert.equal(created.status, 201, created.text);
    const id = (created.body as { id: string }).id;
    const read = await waitFor(
      `the wallet of ${lastName}`,
      () => p.http('GET', `${SS}/contacts/${id}`, undefined, asContact(id)),
      (r) => r.status === 200 && !!(r.body as { wallet?: unknown }).wallet,
    );
    const body = read.body as { wallet: { id: string }; referral_code: string };
    return { id, code: body.referral_code, wallet: body.wallet };
  }

  const balance = async (c: { id: string; wallet: { id: string } }) =>
    ((await p.http('GET', `${SS}/wallets/${c.wallet.id}`, undefined, asContact(c.id))).body as { total_balance: number }).total_balance;

  async function credit(walletId: string, amount: string) {
    const r = await p.graphql(
      `mutation($input: LedgerCreditInput!, $key: String!) { ledgerCredit(input: $input, idempotencyKey: $key) { transaction { id } errors { code reason field } } }`,
      { input: { account: { walletId }, amount, currency: 'EUR', type: 'CREDIT' }, key: `giving-credit-${walletId}-${amount}` },
    );
    assert.deepEqual(r.body.data?.['ledgerCredit']?.errors, [], r.text);
  }

  before(async () => {
    p = await startTestPlatform('giving-e2e');
    const scheme = await p.http('POST', `${BO}/reward_schemes`, { name: 'Friends club', sign_up_option: 'AUTO_SIGN_UP', resolution: 'ALL' });
    assert.equal(scheme.status, 201, scheme.text);
    const offer = await p.http('POST', `${BO}/reward_offers`, {
      scheme_id: scheme.body.id,
      name: '5 for a friend',
      type: 'REFER',
      goal: 'ACHIEVEMENT',
      award: { method: 'FIXED', amount: 5 },
    });
    assert.equal(offer.status, 201, offer.text);
    const on = await p.http('PUT', `${BO}/reward_offers/${offer.body.id}/life_cycle_state`, { state: 'ACTIVE' });
    assert.equal(on.status, 200, on.text);
  });
  after(async () => {
    await p?.stop();
  });

  it('a new contact reports its referrer’s code: the referrer earns the REFER award once', async () => {
    const referrer = await contactWithWallet('Referrer');
    const friend = await contactWithWallet('Friend');
    assert.match(referrer.code, /^[A-Z0-9]{8}$/);
    const first = ok(
      await p.http('POST', `${SS}/referrals`, { code: referrer.code }, asContact(friend.id)),
      'POST',
      '/self-service/v2/referrals',
      201,
    );
    await waitFor(
      'the referral award',
      () => balance(referrer),
      (b) => b === 5,
    );
    // the same report again (a retried request) is the same referral and moves nothing
    const again = ok(
      await p.http('POST', `${SS}/referrals`, { code: referrer.code.toLowerCase() }, asContact(friend.id)),
      'POST',
      '/self-service/v2/referrals',
      201,
    );
    assert.equal(again.id, first.id);
    const list = await p.graphql(`query($c: ID!) { referrals(contactId: $c) { total items { referredId awards { amount outcome } } } }`, {
      c: referrer.id,
    });
    assert.deepEqual(
      list.body.data?.['referrals'],
      { total: 1, items: [{ referredId: friend.id, awards: [{ amount: '5.00', outcome: 'POSTED' }] }] },
      list.text,
    );
    assert.equal(await balance(referrer), 5);
    assert.equal(await balance(friend), 0);

    // another code for an already referred contact, one's own code, an unknown code
    const third = await contactWithWallet('Third');
    const other = await p.http('POST', `${SS}/referrals`, { code: third.code }, asContact(friend.id));
    assert.equal(other.status, 400, other.text);
    assert.equal(other.body.field, 'code');
    const own = await p.http('POST', `${SS}/referrals`, { code: third.code }, asContact(third.id));
    assert.equal(own.status, 400, own.text);
    assert.equal(own.body.field, 'code');
    const unknown = await p.http('POST', `${SS}/referrals`, { code: 'NOSUCH99' }, asContact(third.id));
    assert.equal(unknown.status, 404, unknown.text);
    const empty = await p.http('POST', `${SS}/referrals`, {}, asContact(third.id));
    assert.equal(empty.status, 400, empty.text);
    assert.equal(await balance(third), 0);
  });

  it('a contact sends invitations (204); bad recipients or actions are 400 naming them', async () => {
    const c = await contactWithWallet('Inviter');
    ok(
      await p.http('POST', `${SS}/referrals/actions`, { action: 'SEND', recipients: ['ann@example.com', '+35799123456'] }, asContact(c.id)),
      'POST',
      '/self-service/v2/referrals/actions',
      204,
    );
    // each invitation is handed to communications once, carrying the referrer's code
    const sent = await waitFor(
      'the invitations in communications',
      async () => {
        const r = await p.graphql(`{ communications(limit: 100) { items { channel recipient content } } }`);
        return ((r.body.data?.['communications']?.items ?? []) as { channel: string; recipient: string; content: string }[]).filter((m) =>
          m.content.includes(c.code),
        );
      },
      (m) => m.length === 2,
    );
    assert.deepEqual(sent.map((m) => [m.channel, m.recipient]).sort(), [
      ['EMAIL', 'ann@example.com'],
      ['SMS', '+35799123456'],
    ]);
    const bad = await p.http('POST', `${SS}/referrals/actions`, { action: 'SEND', recipients: ['not an address'] }, asContact(c.id));
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.body.field, 'recipients.0');
    const action = await p.http('POST', `${SS}/referrals/actions`, { action: 'SHOUT', recipients: ['ann@example.com'] }, asContact(c.id));
    assert.equal(action.status, 400, action.text);
    assert.equal(action.body.field, 'action');
  });

  it('donation offers: created in the back office, listed to contacts with their organisations', async () => {
    const created = await p.http('POST', `${BO}/donation_offers`, {
      name: 'Spare change for the shelter',
      donation_type: 'PER_TRANSACTION',
      rule: 'ROUND_UP',
      charity_organisation: { id: 'org-shelter', name: 'City Shelter' },
      short_description: 'Round every purchase up',
    });
    assert.equal(created.status, 201, created.text);
    const inactive = await p.http('POST', `${BO}/donation_offers`, {
      name: 'Not yet',
      donation_type: 'TERMED',
      termed_amount: 10,
      charity_organisation: { id: 'org-later', name: 'Later' },
      state: 'INACTIVE',
    });
    assert.equal(inactive.status, 201, inactive.text);
    const bad = await p.http('POST', `${BO}/donation_offers`, { name: 'x', donation_type: 'PER_TRANSACTION', charity_organisation: { id: 'o' } });
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.body.field, 'rule');

    const c = await contactWithWallet('Browser');
    const list = ok(
      await p.http('GET', `${SS}/donation_offers?include_total=true`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/donation_offers',
      200,
    );
    assert.ok(list.content.some((o: { id: string }) => o.id === created.body.id));
    assert.ok(!list.content.some((o: { id: string }) => o.id === inactive.body.id), 'an INACTIVE offer is not offered');
    const one = ok(
      await p.http('GET', `${SS}/donation_offers/${created.body.id}`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/donation_offers/{id}',
      200,
    );
    assert.deepEqual([one.donation_type, one.charity_organisation], ['PER_TRANSACTION', { id: 'org-shelter', name: 'City Shelter' }]);
    assert.equal((await p.http('GET', `${SS}/donation_offers/${inactive.body.id}`, undefined, asContact(c.id))).status, 404);
    const orgs = ok(
      await p.http('GET', `${SS}/donation_offers/organisations`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/donation_offers/organisations',
      200,
    );
    assert.ok(orgs.content.some((o: { id: string }) => o.id === 'org-shelter'));
    assert.ok(!orgs.content.some((o: { id: string }) => o.id === 'org-later'));
    const badType = await p.http('GET', `${SS}/donation_offers?donation_types=SOMETIMES`, undefined, asContact(c.id));
    assert.equal(badType.status, 400, badType.text);
  });

  it('a contact opts in: each purchase’s round-up is debited from its wallet once; update, opt out, history', async () => {
    const offer = await p.http('POST', `${BO}/donation_offers`, {
      name: 'Round up for the reef',
      donation_type: 'PER_TRANSACTION',
      rule: 'ROUND_UP',
      charity_organisation: { id: 'org-reef', name: 'Reef Trust' },
    });
    assert.equal(offer.status, 201, offer.text);
    const c = await contactWithWallet('Donor');
    await credit(c.wallet.id, '20.00');
    await waitFor(
      'the top-up',
      () => balance(c),
      (b) => b === 20,
    );

    const noAmount = await p.http('POST', `${SS}/contacts/${c.id}/donations`, { donation_offer_id: offer.body.id, amount: 3 }, asContact(c.id));
    assert.equal(noAmount.status, 400, noAmount.text);
    assert.equal(noAmount.body.field, 'amount');
    ok(
      await p.http('POST', `${SS}/contacts/${c.id}/donations`, { donation_offer_id: offer.body.id }, asContact(c.id)),
      'POST',
      '/self-service/v2/contacts/{id}/donations',
      201,
    );
    const mine = ok(
      await p.http('GET', `${SS}/contacts/${c.id}/donations`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/contacts/{id}/donations',
      200,
    );
    const joined = { id: mine.content[0].id as string };

    const purchase = await p.http(
      'POST',
      `${BO}/purchases`,
      { contact: { id: c.id }, transaction_amounts: { total: 12.3, net: 12.3 } },
      { ...POS, 'idempotency-key': `giving-${c.id}-1` },
    );
    assert.equal(purchase.status, 201, purchase.text);
    const history = await waitFor(
      'the round-up in the history',
      async () =>
        ok(
          await p.http('GET', `${SS}/contacts/${c.id}/donations/history`, undefined, asContact(c.id)),
          'GET',
          '/self-service/v2/contacts/{id}/donations/history',
          200,
        ),
      (h) => h.content.length === 1,
    );
    assert.deepEqual([history.content[0].amount, history.content[0].organisation], [0.7, { id: 'org-reef', name: 'Reef Trust' }]);
    await waitFor(
      'the debit',
      () => balance(c),
      (b) => b === 19.3,
    );

    const listed = ok(
      await p.http('GET', `${SS}/contacts/${c.id}/donations`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/contacts/{id}/donations',
      200,
    );
    assert.equal(listed.content.length, 1);
    assert.deepEqual(
      [listed.content[0].id, listed.content[0].donations, listed.content[0].amount, listed.content[0].details],
      [joined.id, 1, 0.7, { multiplier: 1 }],
    );
    // opting in again with the same terms (a retried request) changes nothing; other terms are refused
    ok(
      await p.http('POST', `${SS}/contacts/${c.id}/donations`, { donation_offer_id: offer.body.id }, asContact(c.id)),
      'POST',
      '/self-service/v2/contacts/{id}/donations',
      201,
    );
    const twiceIn = await p.http('POST', `${SS}/contacts/${c.id}/donations`, { donation_offer_id: offer.body.id, multiplier: 4 }, asContact(c.id));
    assert.equal(twiceIn.status, 400, twiceIn.text);

    ok(
      await p.http('PUT', `${SS}/contacts/${c.id}/donations/${joined.id}`, { donation_offer_id: offer.body.id, multiplier: 2 }, asContact(c.id)),
      'PUT',
      '/self-service/v2/contacts/{id}/donations/{donation_id}',
      204,
    );
    const second = await p.http(
      'POST',
      `${BO}/purchases`,
      { contact: { id: c.id }, transaction_amounts: { total: 4.6, net: 4.6 } },
      { ...POS, 'idempotency-key': `giving-${c.id}-2` },
    );
    assert.equal(second.status, 201, second.text);
    await waitFor(
      'the doubled round-up',
      () => balance(c),
      (b) => b === 18.5,
    );

    ok(
      await p.http('DELETE', `${SS}/contacts/${c.id}/donations/${joined.id}`, undefined, asContact(c.id)),
      'DELETE',
      '/self-service/v2/contacts/{id}/donations/{donation_id}',
      204,
    );
    const gone = ok(
      await p.http('GET', `${SS}/contacts/${c.id}/donations`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/contacts/{id}/donations',
      200,
    );
    assert.equal(gone.content.length, 0);
    const all = ok(
      await p.http('GET', `${SS}/contacts/${c.id}/donations?include_opt_out=true`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/contacts/{id}/donations',
      200,
    );
    assert.equal(all.content.length, 1);
    assert.equal(typeof all.content[0].opted_out, 'number');
    assert.equal(all.content[0].donations, 2);
    const twice = await p.http('DELETE', `${SS}/contacts/${c.id}/donations/${joined.id}`, undefined, asContact(c.id));
    assert.equal(twice.status, 404, twice.text);

    // a purchase after opting out gives nothing; the history keeps the two donations, newest first
    const third = await p.http(
      'POST',
      `${BO}/purchases`,
      { contact: { id: c.id }, transaction_amounts: { total: 1.5, net: 1.5 } },
      { ...POS, 'idempotency-key': `giving-${c.id}-3` },
    );
    assert.equal(third.status, 201, third.text);
    const h = ok(
      await p.http('GET', `${SS}/contacts/${c.id}/donations/history?order=ASC`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/contacts/{id}/donations/history',
      200,
    );
    assert.deepEqual(
      h.content.map((d: { amount: number }) => d.amount),
      [0.7, 0.8],
    );
    assert.equal(await balance(c), 18.5);

    // the first purchase is cancelled: its round-up is given back to the wallet once and leaves the history
    const cancel = await p.http('POST', `${BO}/purchases/${purchase.body.id}/actions`, { action: 'CANCEL' }, POS);
    assert.equal(cancel.status, 200, cancel.text);
    await waitFor(
      'the round-up given back',
      () => balance(c),
      (b) => b === 19.2,
    );
    const left = await waitFor(
      'the history without it',
      async () =>
        ok(
          await p.http('GET', `${SS}/contacts/${c.id}/donations/history`, undefined, asContact(c.id)),
          'GET',
          '/self-service/v2/contacts/{id}/donations/history',
          200,
        ),
      (x) => x.content.length === 1,
    );
    assert.equal(left.content[0].amount, 0.8);
  });
});
