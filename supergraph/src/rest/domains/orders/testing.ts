import assert from 'node:assert/strict';
import type { TestPlatform } from '../../../testing/test-platform';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';

export const asContact = (id: string) => ({ 'x-dev-principal': `contact:${id}` });

/** Polls `probe` until it answers something (the read sides are eventually consistent); fails after ~20 s. */
export async function eventually<T>(what: string, probe: () => Promise<T | null | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = await probe();
    if (found !== null && found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A catalogue for orders: a good at 2.50 EUR and a disabled one, in an order catalogue offering PICK_UP. */
export async function orderCatalogue(p: TestPlatform, sku: string): Promise<{ good: string; price: string; disabled: string }> {
  const id = (r: { status: number; text: string; body: unknown }) => {
    assert.equal(r.status, 201, r.text);
    return (r.body as { id: string }).id;
  };
  const good = id(await p.http('POST', `${BO}/products`, { sku, name: `Beans ${sku}`, classification: 'NON_TRACEABLE_PHYSICAL_GOOD' }));
  const price = id(await p.http('POST', `${BO}/products/${good}/prices`, { price: '2.50', currency_code: 'EUR' }));
  const disabled = id(await p.http('POST', `${BO}/products`, { sku: `${sku}-OFF`, name: 'Retired', classification: 'NON_TRACEABLE_PHYSICAL_GOOD' }));
  id(await p.http('POST', `${BO}/products/${disabled}/prices`, { price: '1.00', currency_code: 'EUR' }));
  const off = await p.http('PUT', `${BO}/products/${disabled}`, { availability: 'DISABLED' });
  assert.equal(off.status, 200, off.text);
  id(await p.http('POST', `${BO}/order_catalogues`, { name: `Shop ${sku}`, supply_methods: ['PICK_UP'], products: [good, disabled] }));
  return { good, price, disabled };
}

/** A contact (created through the back office) with its wallet and primary account, once the ledger has opened them. */
export async function customer(p: TestPlatform, lastName: string): Promise<{ id: string; walletId: string; accountId: string }> {
  const created = await p.http('POST', `${BO}/contacts`, { type: 'PERSON', last_name: lastName });
  assert.equal(created.status, 201, created.text);
  const id = (created.body as { id: string }).id;
  const walletId = await eventually('the wallet', async () => {
    const r = await p.http('GET', `${SS}/contacts/${id}`, undefined, asContact(id));
    return r.status === 200 ? ((r.body as { wallet?: { id: string } }).wallet?.id ?? null) : null;
  });
  const accountId = await eventually('the account', async () => {
    const r = await p.http('GET', `${SS}/contacts/${id}/accounts`, undefined, asContact(id));
    return r.status === 200 ? ((r.body as { content: { id: string }[] }).content[0]?.id ?? null) : null;
  });
  return { id, walletId, accountId };
}

/** Credits the wallet (an award from the rewards liability) through the ledger's GraphQL. */
export async function fund(p: TestPlatform, walletId: string, amount: string): Promise<void> {
  const r = await p.graphql(
    `mutation($input: LedgerCreditInput!, $key: String!) { ledgerCredit(input: $input, idempotencyKey: $key) { transaction { id } errors { code message } } }`,
    { input: { account: { walletId }, amount, currency: 'EUR', type: 'AWARD' }, key: `fund-${walletId}-${amount}-${Math.random()}` },
  );
  assert.deepEqual(r.body.data?.['ledgerCredit']?.errors, [], r.text);
}

/** The wallet's OPEN pocket as the ledger's read side has it (balance, blocked, available), once it reached `until`. */
export async function pocket(p: TestPlatform, contactId: string, until: (x: { balance: number; blocked: number; available: number }) => boolean) {
  let last: { balance: number; blocked: number; available: number } | null = null;
  try {
    return await eventually('the wallet balance', async () => {
      const r = await p.http('GET', `${BO}/wallets?contact_id=${contactId}`);
      const open = (
        r.body as { content?: { pockets: { pocket: string; balance: number; blocked: number; available: number }[] }[] }
      ).content?.[0]?.pockets.find((x) => x.pocket === 'OPEN');
      last = open ? { balance: open.balance, blocked: open.blocked, available: open.available } : null;
      return last && until(last) ? last : null;
    });
  } catch (err) {
    throw new Error(`${(err as Error).message}; last seen ${JSON.stringify(last)}`);
  }
}
