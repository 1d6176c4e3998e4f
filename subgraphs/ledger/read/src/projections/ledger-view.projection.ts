import { accountViewStatements } from './account-view.projection';
import { journalViewStatements } from './journal-view.projection';
import { lotViewStatements } from './lot-view.projection';
import { walletViewStatements } from './wallet-view.projection';
import { settingsViewStatements } from './settings-view.projection';
import { walletLinkViewStatements } from './wallet-link-view.projection';

/** Every ledger read model's projection, in the order their statements run for one event (the account row before the journal row that reads it). */
export const LEDGER_PROJECTIONS = [
  walletViewStatements,
  accountViewStatements,
  journalViewStatements,
  lotViewStatements,
  settingsViewStatements,
  walletLinkViewStatements,
];
