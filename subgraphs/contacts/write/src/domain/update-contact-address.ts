import { AppError } from '@crm/platform/errors';
import { type ContactChange, type ContactState, requireActive } from './contact';
import * as v from './validate';

export interface UpdateContactAddress {
  addressId: string;
  address: v.AddressInput;
}

/** Replaces an address (PUT semantics). Unflagging the only primary address is refused. */
export function updateContactAddress(state: ContactState | null, cmd: UpdateContactAddress, ctx: { idOrCode: string }): ContactChange[] {
  const current = requireActive(state, ctx.idOrCode);
  const existing = current.addresses.find((a) => a.id === cmd.addressId);
  if (!existing) throw AppError.notFound('address', cmd.addressId);
  const address = v.address('address', cmd.address, existing.id);
  if (existing.isPrimary && !address.isPrimary) {
    throw AppError.validation('address.isPrimary', 'mark another address as primary instead', 'PRIMARY_REQUIRED');
  }
  if (JSON.stringify(address) === JSON.stringify(existing)) return [];
  return [{ type: 'contact.address_updated', data: { address } }];
}
