// Shared by the ledger's e2e and isolation tests (not a *.test.ts file: the runner does not run it on its own).
import assert from 'node:assert/strict';
import type { TestPlatform } from '../../../testing/test-platform';

/** The dev principal of a contact (x-dev-principal). */
export const asContact = (id: string) => ({ 'x-dev-principal': `contact:${id}` });

/** A contact created through the back office, and the wallet the ledger opened for it (waits for the events to flow). */
export async function contactWithWallet(p: TestPlatform, lastName: string): Promise<{ id: string; wallet: { id: string; code: string } }> {
  const created = await p.http('POST', '/backoffice/v2/contacts', { type: 'PERSON', last_name: lastName });
  assert.equal(created.status, 201, created.text);
  const id = (created.body as { id: string }).id;
  for (let i = 0; i < 200; i++) {
    // another caller than the creator: the contact may not be projected yet (404) and its wallet comes after it
    const read = await p.http('GET', `/self-service/v2/contacts/${id}`, undefined, asContact(id));
    const wallet = read.status === 200 ? (read.body as { wallet?: { id: string; code: string } }).wallet : undefined;
    if (wallet) return { id, wallet };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no wallet for contact ${id}`);
}
