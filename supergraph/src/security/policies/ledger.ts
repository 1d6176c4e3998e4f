import type { DomainPolicy } from '../policy-table';

// Readers: ledger.read or finance.read (every built-in user role), the admin secret key, and a contact for its own wallet.
const READERS = ['owner', 'admin', 'agent', 'finance', 'read_only', 'secret_key'] as const;
// Value movement by other domains: ledger.write (owner, admin, the admin secret key = service principals).
const MOVERS = ['owner', 'admin', 'secret_key'] as const;
// Manual journals: ledger.journal or finance.write.
const JOURNALS = ['owner', 'admin', 'finance', 'secret_key'] as const;
// Accounts, wallet settings, commerce pools, default limits: finance.write.
const FINANCE = ['owner', 'admin', 'finance', 'secret_key'] as const;

/** Who may get past authorization on the ledger root fields. */
export const policy: DomainPolicy = {
  'Query.wallet': [...READERS, 'contact'],
  'Query.walletOfContact': [...READERS, 'contact'],
  'Query.wallets': READERS,
  'Query.ledgerAccount': [...READERS, 'contact'],
  'Query.ledgerAccounts': [...READERS, 'contact'],
  'Query.ledgerJournals': [...READERS, 'contact'],
  'Mutation.ledgerCredit': MOVERS,
  'Mutation.ledgerDebit': MOVERS,
  'Mutation.ledgerTransfer': [...MOVERS, 'contact'],
  'Mutation.ledgerReserve': MOVERS,
  'Mutation.ledgerCapture': MOVERS,
  'Mutation.ledgerRelease': MOVERS,
  'Mutation.ledgerReverse': MOVERS,
  'Mutation.postManualJournal': JOURNALS,
  'Mutation.openWallet': JOURNALS,
  'Query.commercePools': [...READERS, 'contact'],
  'Query.walletLimitDefaults': READERS,
  'Query.ledgerTotals': [...READERS, 'contact'],
  'Mutation.openContactAccount': [...FINANCE, 'contact'],
  'Mutation.updateContactAccount': [...FINANCE, 'contact'],
  'Mutation.updateWalletSettings': [...FINANCE, 'contact'],
  'Mutation.setCommercePoolActivation': ['contact'],
  'Mutation.defineCommercePool': FINANCE,
  'Mutation.setWalletLimitDefaults': FINANCE,
  'Mutation.issueWalletCode': [...FINANCE, 'contact'],
  // flow 16 and bulk transfers (a contact: its own wallets; ownership is checked after authorization)
  'Mutation.ledgerTransferBulk': [...MOVERS, 'contact'],
  'Mutation.requestWalletOtp': [...MOVERS, 'contact'],
  'Mutation.setUpWallet': [...MOVERS, 'contact'],
  // whether a wallet exists: the public api_key alone (flow 16, before sign-up)
  'Query.walletExists': ['owner', 'admin', 'agent', 'finance', 'read_only', 'secret_key', 'contact', 'anonymous'],
};
