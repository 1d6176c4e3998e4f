import { AppError } from '@crm/platform/errors';

export function contactNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', `contact ${id} was not found`, { reason: 'CONTACT_NOT_FOUND', exception: 'NOTFOUNDEXCEPTION' });
}

export function addressNotFound(contactId: string, addressId: string): AppError {
  return new AppError('NOT_FOUND', `address ${addressId} of contact ${contactId} was not found`, {
    reason: 'ADDRESS_NOT_FOUND',
    exception: 'NOTFOUNDEXCEPTION',
  });
}
