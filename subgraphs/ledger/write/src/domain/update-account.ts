import { AppError } from '@crm/platform/errors';
import type { Book, LedgerChange } from './book';
import { type AccountPatch, demoteOthers, updatedChange } from './account-details';

export interface UpdateAccount extends AccountPatch {
  accountId: string;
}

/**
 * Changes a contact financial account's details (the book holds the contact's accounts). Making it
 * primary takes the flag from the previous primary; a contact keeps one primary, so the primary
 * cannot be un-made directly (make another one primary) (pure).
 */
export function updateAccount(book: Book, cmd: UpdateAccount): LedgerChange[] {
  const account = book.accounts[cmd.accountId];
  if (!account || account.kind !== 'CONTACT_ACCOUNT') throw AppError.notFound('ledger account', cmd.accountId);
  if (cmd.isPrimary === false && account.isPrimary)
    throw new AppError('VALIDATION', 'is_primary: make another account primary instead', { field: 'is_primary', reason: 'PRIMARY_REQUIRED' });
  const changes = [updatedChange(account, cmd)];
  return cmd.isPrimary === true && !account.isPrimary ? [...changes, ...demoteOthers(book, account.contactId!, account.id)] : changes;
}
