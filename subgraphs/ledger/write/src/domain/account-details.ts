import { AppError } from '@crm/platform/errors';
import type { Account, Book, LedgerChange } from './book';
import { parseAmount } from './money';

/** What a contact financial account's details may change to (undefined: unchanged). */
export interface AccountPatch {
  name?: string | null;
  isPrimary?: boolean | null;
  classificationId?: string | null;
  billingAddressId?: string | null;
  paymentTermsId?: string | null;
  /** A decimal in the account's currency ("0" for none). */
  creditLimit?: string | null;
}

/** The `ledger_account.updated` change carrying an account's whole details after `patch` (pure). */
export function updatedChange(account: Account, patch: AccountPatch): LedgerChange {
  const creditLimit =
    patch.creditLimit === undefined || patch.creditLimit === null
      ? account.details.creditLimit
      : /^0+(\.0+)?$/.test(patch.creditLimit.trim())
        ? 0n
        : parseAmount(patch.creditLimit, account.currency, 'credit_limit');
  // the account may go down to -creditLimit: a balance already below it is refused
  if (account.balance - account.blocked < -creditLimit)
    throw new AppError('VALIDATION', 'credit_limit: the account already owes more than this limit', {
      field: 'credit_limit',
      reason: 'CREDIT_LIMIT_BELOW_BALANCE',
    });
  const name = patch.name === undefined || patch.name === null ? account.name : patch.name.trim();
  if (name.length < 1 || name.length > 100) throw AppError.validation('name', 'must be 1 to 100 characters', 'INVALID_VALUE');
  const keep = (v: string | null | undefined, old: string | null) => (v === undefined ? old : v);
  return {
    aggregateType: 'ledger_account',
    aggregateId: account.id,
    type: 'ledger_account.updated',
    data: {
      name,
      isPrimary: patch.isPrimary ?? account.isPrimary,
      classificationId: keep(patch.classificationId, account.details.classificationId),
      billingAddressId: keep(patch.billingAddressId, account.details.billingAddressId),
      paymentTermsId: keep(patch.paymentTermsId, account.details.paymentTermsId),
      creditLimit: creditLimit.toString(),
    },
  };
}

/** The contact's other accounts that lose the primary flag when `primaryId` becomes primary. */
export function demoteOthers(book: Book, contactId: string, primaryId: string): LedgerChange[] {
  return Object.values(book.accounts)
    .filter((a) => a.kind === 'CONTACT_ACCOUNT' && a.contactId === contactId && a.id !== primaryId && a.isPrimary)
    .map((a) => updatedChange(a, { isPrimary: false }));
}
