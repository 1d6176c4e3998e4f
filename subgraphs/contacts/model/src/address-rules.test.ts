import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Address } from '@crm/event-bus/contracts/contacts';
import { withAddress } from './address-rules';

const A1 = '00000000-0000-4000-8000-000000000001';
const A2 = '00000000-0000-4000-8000-000000000002';
const A3 = '00000000-0000-4000-8000-000000000003';

const address = (id: string, extra: Partial<Address> = {}): Address => ({
  id,
  type: 'HOME',
  name: null,
  isPrimary: false,
  isBilling: false,
  addressLine1: `line ${id.slice(-1)}`,
  addressLine2: null,
  stateProvinceCounty: null,
  townCity: null,
  postalCode: null,
  countryCode: null,
  lat: null,
  lon: null,
  googlePlaceId: null,
  ...extra,
});
const flags = (list: Address[]) => list.map((a) => [a.id, a.isPrimary, a.isBilling]);

describe('withAddress', () => {
  it('appends a new address to an empty list', () => {
    assert.deepEqual(withAddress([], address(A1, { isPrimary: true })), [address(A1, { isPrimary: true })]);
  });

  it('appends an unflagged address without touching the others', () => {
    const list = [address(A1, { isPrimary: true, isBilling: true })];
    assert.deepEqual(flags(withAddress(list, address(A2))), [
      [A1, true, true],
      [A2, false, false],
    ]);
  });

  it('a new primary address takes the primary flag from the previous one', () => {
    const list = [address(A1, { isPrimary: true, isBilling: true }), address(A2)];
    assert.deepEqual(flags(withAddress(list, address(A3, { isPrimary: true }))), [
      [A1, false, true],
      [A2, false, false],
      [A3, true, false],
    ]);
  });

  it('a new billing address takes the billing flag from the previous one', () => {
    const list = [address(A1, { isPrimary: true }), address(A2, { isBilling: true })];
    assert.deepEqual(flags(withAddress(list, address(A3, { isBilling: true }))), [
      [A1, true, false],
      [A2, false, false],
      [A3, false, true],
    ]);
  });

  it('replaces an existing address in place (same id, same position)', () => {
    const list = [address(A1, { isPrimary: true }), address(A2), address(A3)];
    const out = withAddress(list, address(A2, { addressLine1: 'moved', isPrimary: true }));
    assert.deepEqual(
      out.map((a) => [a.id, a.addressLine1, a.isPrimary]),
      [
        [A1, 'line 1', false],
        [A2, 'moved', true],
        [A3, 'line 3', false],
      ],
    );
  });

  it('replacing the first or last address keeps the order', () => {
    const list = [address(A1, { isPrimary: true }), address(A2), address(A3)];
    assert.deepEqual(
      withAddress(list, address(A1, { isPrimary: true, postalCode: '1' })).map((a) => a.id),
      [A1, A2, A3],
    );
    assert.deepEqual(
      withAddress(list, address(A3, { postalCode: '3' })).map((a) => a.id),
      [A1, A2, A3],
    );
  });

  it('keeps at most one primary and one billing address', () => {
    let list: Address[] = [];
    for (const [id, p, b] of [
      [A1, true, true],
      [A2, true, false],
      [A3, false, true],
      [A1, true, false],
    ] as const)
      list = withAddress(list, address(id, { isPrimary: p, isBilling: b }));
    assert.equal(list.filter((a) => a.isPrimary).length, 1);
    assert.equal(list.filter((a) => a.isBilling).length, 1);
    assert.deepEqual(flags(list), [
      [A1, true, false],
      [A2, false, false],
      [A3, false, true],
    ]);
  });

  it('does not mutate the list or its addresses', () => {
    const list = [address(A1, { isPrimary: true, isBilling: true })];
    const copy = structuredClone(list);
    withAddress(list, address(A2, { isPrimary: true, isBilling: true }));
    assert.deepEqual(list, copy);
  });
});
