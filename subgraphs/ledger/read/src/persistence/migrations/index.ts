import { CreateLedgerViews1800000000200 } from './1800000000200-create-ledger-views';
import { LedgerSettingsViews1800000000201 } from './1800000000201-ledger-settings-views';
import { WalletLinkViews1800000000202 } from './1800000000202-wallet-link-views';

export const migrations = [CreateLedgerViews1800000000200, LedgerSettingsViews1800000000201, WalletLinkViews1800000000202];
