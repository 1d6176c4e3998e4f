import { AppError } from '@crm/platform/errors';
import { type ContactChange, type ContactState, MAX_ADDRESSES, requireActive } from './contact';
import * as v from './validate';

export interface AddContactAddress {
  address: v.AddressInput;
}

/** The first address of a contact becomes its primary one. */
export function addContactAddress(state: ContactState | null, cmd: AddContactAddress, ctx: { idOrCode: string; addressId: string }): ContactChange[] {
  const current = requireActive(state, ctx.idOrCode);
  if (current.addresses.length >= MAX_ADDRESSES)
    throw AppError.validation('address', `a contact can have at most ${MAX_ADDRESSES} addresses`, 'TOO_MANY');
  const address = v.address('address', cmd.address, ctx.addressId);
  if (current.addresses.length === 0) address.isPrimary = true;
  return [{ type: 'contact.address_added', data: { address } }];
}
