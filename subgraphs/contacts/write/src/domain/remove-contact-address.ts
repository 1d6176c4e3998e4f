import { AppError } from '@crm/platform/errors';
import { type ContactChange, type ContactState, requireActive } from './contact';

export interface RemoveContactAddress {
  addressId: string;
}

/** Removing the primary address is refused while other addresses remain. */
export function removeContactAddress(state: ContactState | null, cmd: RemoveContactAddress, ctx: { idOrCode: string }): ContactChange[] {
  const current = requireActive(state, ctx.idOrCode);
  const existing = current.addresses.find((a) => a.id === cmd.addressId);
  if (!existing) throw AppError.notFound('address', cmd.addressId);
  if (existing.isPrimary && current.addresses.length > 1) {
    throw new AppError('CONFLICT', 'make another address primary before removing the primary address', {
      reason: 'PRIMARY_ADDRESS',
      field: 'addressId',
    });
  }
  return [{ type: 'contact.address_removed', data: { addressId: existing.id } }];
}
