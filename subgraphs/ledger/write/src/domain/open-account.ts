import { AppError } from '@crm/platform/errors';
import type { Book, LedgerChange, SystemAccount } from './book';
import { exponentOf } from './money';

/** A tenant system account (one per kind and currency), opened the first time a movement needs it (pure). */
export function openSystemAccount(book: Book, cmd: { accountId: string; systemAccount: SystemAccount; currency: string }): LedgerChange[] {
  if (book.accounts[cmd.accountId]) return [];
  exponentOf(cmd.currency, 'currency');
  const name = cmd.systemAccount
    .toLowerCase()
    .split('_')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
  return [
    {
      aggregateType: 'ledger_account',
      aggregateId: cmd.accountId,
      type: 'ledger_account.opened',
      data: {
        kind: 'SYSTEM',
        walletId: null,
        contactId: null,
        pocket: null,
        commercePoolId: null,
        systemAccount: cmd.systemAccount,
        currency: cmd.currency,
        name,
        isPrimary: false,
        minBalance: null,
      },
    },
  ];
}

/** A wallet's pocket of one commerce pool, opened with the pool's first credit (pure). */
export function openCommercePocket(
  book: Book,
  cmd: { accountId: string; walletId: string; commercePoolId: string; currency: string },
): LedgerChange[] {
  if (book.accounts[cmd.accountId]) return [];
  const wallet = book.wallets[cmd.walletId];
  if (!wallet) throw AppError.notFound('wallet', cmd.walletId);
  exponentOf(cmd.currency, 'currency');
  const pool = cmd.commercePoolId.trim();
  if (pool === '' || pool.length > 64) throw AppError.validation('commercePoolId', 'must be 1 to 64 characters', 'INVALID_VALUE');
  return [
    {
      aggregateType: 'ledger_account',
      aggregateId: cmd.accountId,
      type: 'ledger_account.opened',
      data: {
        kind: 'WALLET_POCKET',
        walletId: wallet.id,
        contactId: wallet.contactId,
        pocket: 'COMMERCE',
        commercePoolId: pool,
        systemAccount: null,
        currency: cmd.currency,
        name: `Commerce pool ${pool}`,
        isPrimary: false,
        minBalance: '0',
      },
    },
  ];
}
