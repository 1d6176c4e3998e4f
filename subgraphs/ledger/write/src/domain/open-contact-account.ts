import { AppError } from '@crm/platform/errors';
import { evolve, type Book, type LedgerChange } from './book';
import { exponentOf } from './money';
import { type AccountPatch, demoteOthers, updatedChange } from './account-details';

export interface OpenContactAccount extends AccountPatch {
  accountId: string;
  contactId: string;
  currency: string;
}

/**
 * Opens another financial account of a contact (the book holds the contact's accounts): in one
 * currency, at zero; primary when asked (the previous primary loses the flag) or when it is the
 * contact's first; its details (classification, billing address, payment terms, credit limit) set (pure).
 */
export function openContactAccount(book: Book, cmd: OpenContactAccount): LedgerChange[] {
  exponentOf(cmd.currency, 'currency_code');
  if (book.accounts[cmd.accountId]) throw new AppError('CONFLICT', 'the account exists', { reason: 'VERSION_CONFLICT' });
  const mine = Object.values(book.accounts).filter((a) => a.kind === 'CONTACT_ACCOUNT' && a.contactId === cmd.contactId);
  const isPrimary = cmd.isPrimary === true || mine.length === 0;
  const opened: LedgerChange = {
    aggregateType: 'ledger_account',
    aggregateId: cmd.accountId,
    type: 'ledger_account.opened',
    data: {
      kind: 'CONTACT_ACCOUNT',
      walletId: null,
      contactId: cmd.contactId,
      pocket: null,
      commercePoolId: null,
      systemAccount: null,
      currency: cmd.currency,
      name: (cmd.name ?? '').trim() || `${cmd.currency} account`,
      isPrimary,
      minBalance: '0',
    },
  };
  const account = evolve(book, opened, { at: new Date(0) }).accounts[cmd.accountId]!;
  const details = updatedChange(account, { ...cmd, isPrimary });
  return [opened, details, ...(isPrimary ? demoteOthers(book, cmd.contactId, cmd.accountId) : [])];
}
