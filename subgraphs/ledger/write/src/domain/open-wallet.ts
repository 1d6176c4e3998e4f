import { AppError } from '@crm/platform/errors';
import type { Book, LedgerChange } from './book';
import { exponentOf } from './money';

export interface OpenWallet {
  walletId: string;
  contactId: string;
  /** 16 digits, unique platform-wide (the store retries with another on a collision). */
  code: string;
  /** The tenant's default currency. */
  currency: string;
  openAccountId: string;
  businessAccountId: string;
  primaryAccountId: string;
}

const opened = (id: string, data: Extract<LedgerChange, { type: 'ledger_account.opened' }>['data']): LedgerChange => ({
  aggregateType: 'ledger_account',
  aggregateId: id,
  type: 'ledger_account.opened',
  data,
});

/**
 * Opens a contact's wallet (its OPEN and BUSINESS pockets) and primary financial account in the
 * tenant's default currency (pure). Once per contact: the book holds the contact's wallet if it has one.
 */
export function openWallet(book: Book, cmd: OpenWallet): LedgerChange[] {
  if (Object.values(book.wallets).some((w) => w.contactId === cmd.contactId))
    throw new AppError('CONFLICT', 'the contact has a wallet already', { reason: 'WALLET_EXISTS' });
  exponentOf(cmd.currency, 'currency');
  if (!/^\d{16}$/.test(cmd.code)) throw AppError.validation('code', 'must be 16 digits', 'INVALID_VALUE');
  const pocket = (pocket: 'OPEN' | 'BUSINESS', name: string) => ({
    kind: 'WALLET_POCKET' as const,
    walletId: cmd.walletId,
    contactId: cmd.contactId,
    pocket,
    commercePoolId: null,
    systemAccount: null,
    currency: cmd.currency,
    name,
    isPrimary: false,
    minBalance: '0',
  });
  return [
    {
      aggregateType: 'wallet',
      aggregateId: cmd.walletId,
      type: 'wallet.opened',
      data: {
        contactId: cmd.contactId,
        code: cmd.code,
        currency: cmd.currency,
        openAccountId: cmd.openAccountId,
        businessAccountId: cmd.businessAccountId,
        primaryAccountId: cmd.primaryAccountId,
      },
    },
    opened(cmd.openAccountId, pocket('OPEN', 'Open pocket')),
    opened(cmd.businessAccountId, pocket('BUSINESS', 'Business pocket')),
    opened(cmd.primaryAccountId, {
      kind: 'CONTACT_ACCOUNT',
      walletId: null,
      contactId: cmd.contactId,
      pocket: null,
      commercePoolId: null,
      systemAccount: null,
      currency: cmd.currency,
      name: 'Primary account',
      isPrimary: true,
      minBalance: '0',
    }),
  ];
}
