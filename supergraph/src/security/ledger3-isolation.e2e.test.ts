import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';
import { eventually } from '../testing/eventually';
import { asContact, contactWithWallet } from '../rest/domains/ledger/ledger-test-helpers';

const SS = '/self-service/v2';

/**
 * Flow 16's routes (wallet_exists, wallets/otp, contacts/{id}/wallets) against another tenant,
 * another contact of the tenant, callers without a contact and mass assignment: an identity is
 * found only in its own tenant, nobody sets up or links another contact's wallet, no body field
 * names another contact or wallet, and nothing changes on a refusal.
 */
describe('ledger isolation (flow 16: wallet identities, OTPs, links)', () => {
  let p: TestPlatform;
  let other: Record<string, string>;
  let victim: { id: string; wallet: { id: string; code: string } };
  let attacker: { id: string; wallet: { id: string; code: string } };
  const IDENTITY = { type: 'EMAIL', value: 'victim@iso.example' };

  /** The tenant's identities, links and wallets (versions). */
  async function snapshot(): Promise<string> {
    const w = p.services.get('ledger-write') as unknown as { dataSource: { query(sql: string, params: unknown[]): Promise<unknown> } };
    return JSON.stringify(
      await w.dataSource.query(
        `SELECT type || ':' || value AS k, wallet_id::text AS v FROM ledger_wallet_identities WHERE tenant_id = $1
         UNION ALL SELECT contact_id::text, wallet_id::text FROM ledger_wallet_links WHERE tenant_id = $1
         UNION ALL SELECT id::text, version::text || code FROM ledger_wallets WHERE tenant_id = $1 ORDER BY 1`,
        [p.tenant],
      ),
    );
  }
  const exists = async (headers: Record<string, string>) => {
    const r = await p.http('GET', `${SS}/wallets/wallet_exists?type=EMAIL&value=${IDENTITY.value}`, undefined, headers);
    assert.equal(r.status, 200, r.text);
    return (r.body as { wallet_exists: boolean }).wallet_exists;
  };

  before(async () => {
    p = await startTestPlatform('ledger3-isolation');
    other = { 'x-dev-tenant': `${p.tenant}-other` };
    victim = await contactWithWallet(p, 'Victim');
    attacker = await contactWithWallet(p, 'Attacker');
    const set = await p.http('POST', `${SS}/contacts/${victim.id}/wallets`, { otp: null, code: null, identity: IDENTITY }, asContact(victim.id));
    assert.equal(set.status, 201, set.text);
    await eventually('the identity is projected', async () => exists({ 'x-dev-principal': 'anonymous' }));
  });
  after(async () => {
    await p?.stop();
  });

  it('another tenant neither finds the identity nor reaches the wallet', async () => {
    const before = await snapshot();
    assert.equal(await exists({ ...other, 'x-dev-principal': 'anonymous' }), false);
    // its contacts and staff: no wallet has that identity there, and the victim is nobody there
    const otp = await p.http('POST', `${SS}/wallets/otp`, { identity: IDENTITY }, { ...other, ...asContact(attacker.id) });
    assert.equal(otp.status, 404, otp.text);
    for (const headers of [other, { ...other, 'x-dev-principal': 'user:ledger.write' }]) {
      const r = await p.http(
        'POST',
        `${SS}/contacts/${victim.id}/wallets`,
        { otp: null, code: null, identity: { type: 'EMAIL', value: 'x@iso.example' } },
        headers,
      );
      assert.equal(r.status, 404, r.text);
    }
    assert.equal(await snapshot(), before);
  });

  it('another contact of the tenant cannot set up, claim or link the victim’s wallet without its code', async () => {
    const before = await snapshot();
    const me = asContact(attacker.id);
    // acting for the victim: not found
    const forVictim = await p.http(
      'POST',
      `${SS}/contacts/${victim.id}/wallets`,
      { otp: null, code: null, identity: { type: 'EMAIL', value: 'mine@iso.example' } },
      me,
    );
    assert.equal(forVictim.status, 404, forVictim.text);
    // claiming the victim's identity without proving it: conflict
    const claim = await p.http('POST', `${SS}/contacts/${attacker.id}/wallets`, { otp: null, code: null, identity: IDENTITY }, me);
    assert.equal(claim.status, 409, claim.text);
    // a code goes to the victim's address; guessing is refused, and after 5 wrong guesses even a right code would be
    const otp = await p.http('POST', `${SS}/wallets/otp`, { identity: IDENTITY }, me);
    assert.equal(otp.status, 204, otp.text);
    for (let i = 0; i < 6; i++) {
      const guess = await p.http('POST', `${SS}/contacts/${attacker.id}/wallets`, { otp: String(100000 + i), code: null, identity: IDENTITY }, me);
      assert.equal(guess.status, 400, guess.text);
      assert.equal((guess.body as { field?: string }).field, 'otp', guess.text);
    }
    const w = p.services.get('ledger-write') as unknown as { dataSource: { query(sql: string, params: unknown[]): Promise<{ attempts: number }[]> } };
    const [row] = await w.dataSource.query(`SELECT attempts FROM ledger_wallet_otps WHERE tenant_id = $1 AND contact_id = $2`, [
      p.tenant,
      attacker.id,
    ]);
    assert.equal(row?.attempts, 5, 'wrong codes are counted up to the limit');
    // the victim's wallet stays the victim's only
    const read = await p.http('GET', `${SS}/wallets/${victim.wallet.id}`, undefined, me);
    assert.equal(read.status, 404, read.text);
    assert.equal(await snapshot(), before);
  });

  it('callers without a contact, and bodies naming another contact or wallet, are refused', async () => {
    const before = await snapshot();
    const anonymous = await p.http('POST', `${SS}/wallets/otp`, { identity: IDENTITY }, { 'x-dev-principal': 'anonymous' });
    assert.equal(anonymous.status, 401, anonymous.text);
    const staffWithoutContact = await p.http('POST', `${SS}/wallets/otp`, { identity: IDENTITY }, { 'x-dev-principal': 'user:ledger.write' });
    assert.equal(staffWithoutContact.status, 400, staffWithoutContact.text);
    const anonymousSetUp = await p.http(
      'POST',
      `${SS}/contacts/${attacker.id}/wallets`,
      { otp: null, code: null, identity: IDENTITY },
      { 'x-dev-principal': 'anonymous' },
    );
    assert.equal(anonymousSetUp.status, 401, anonymousSetUp.text);
    const me = asContact(attacker.id);
    for (const extra of [{ contact_id: victim.id }, { wallet_id: victim.wallet.id }, { id: victim.wallet.id }]) {
      const r = await p.http(
        'POST',
        `${SS}/contacts/${attacker.id}/wallets`,
        { otp: null, code: null, identity: { type: 'EMAIL', value: 'a@iso.example' }, ...extra },
        me,
      );
      assert.equal(r.status, 400, `${JSON.stringify(extra)}: ${r.text}`);
      const o = await p.http('POST', `${SS}/wallets/otp`, { identity: IDENTITY, ...extra }, me);
      assert.equal(o.status, 400, `${JSON.stringify(extra)}: ${o.text}`);
    }
    const nested = await p.http('POST', `${SS}/wallets/otp`, { identity: { ...IDENTITY, wallet_id: victim.wallet.id } }, me);
    assert.equal(nested.status, 400, nested.text);
    assert.equal(await snapshot(), before);
  });
});
