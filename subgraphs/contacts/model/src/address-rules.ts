import type { Address } from '@crm/event-bus/contracts/contacts';

/**
 * Inserts or replaces an address keeping at most one primary and one billing address: the newest
 * flagged one wins. The write side's evolve and the read side's projection both apply it.
 */
export function withAddress(addresses: Address[], address: Address): Address[] {
  const others = addresses
    .filter((a) => a.id !== address.id)
    .map((a) => ({ ...a, isPrimary: address.isPrimary ? false : a.isPrimary, isBilling: address.isBilling ? false : a.isBilling }));
  const index = addresses.findIndex((a) => a.id === address.id);
  if (index < 0) return [...others, address];
  others.splice(index, 0, address);
  return others;
}
