import { AppError } from '@crm/platform/errors';
import { GatewayCallError } from '@crm/platform/clients';
import type { Permission } from '@crm/platform/auth';
import type { GatewayCaller } from '../application/ledger-port';

interface UserError {
  code: string;
  reason: string;
  field: string | null;
  message: string;
}

interface TxPayload {
  transaction: { id: string } | null;
  consistencyTokens?: string[];
  errors: UserError[];
}

const TX = 'transaction { id } consistencyTokens errors { code reason field message }';
const ACCOUNT = 'query BillingLedgerAccount($id: ID!) { ledgerAccount(id: $id) { id kind contactId currency isPrimary } }';
const ACCOUNTS = 'query BillingLedgerAccounts($contactId: ID!) { ledgerAccounts(contactId: $contactId) { id kind contactId currency isPrimary } }';
const CREDIT = `mutation BillingPaymentCredit($input: LedgerCreditInput!, $key: String!) { ledgerCredit(input: $input, idempotencyKey: $key) { ${TX} } }`;
const DEBIT = `mutation BillingPaymentDebit($input: LedgerDebitInput!, $key: String!) { ledgerDebit(input: $input, idempotencyKey: $key) { ${TX} } }`;
const REVERSE = `mutation BillingPaymentReverse($input: LedgerReverseInput!, $key: String!) { ledgerReverse(input: $input, idempotencyKey: $key) { ${TX} } }`;

export interface AccountRef {
  id: string;
  kind: string;
  contactId: string | null;
  currency: string;
  isPrimary: boolean;
}

export interface Posted {
  transactionId: string;
  consistencyTokens: string[];
}

/**
 * The ledger calls of payments, refunds and payouts (through the gateway client, as a service
 * principal with only the permission each needs); each posting once per idempotency key. A refusal
 * the caller can fix (INSUFFICIENT_FUNDS, …) comes back as a 400 naming the field.
 */
export class PaymentsLedger {
  constructor(private readonly gateway: GatewayCaller | null) {}

  private client(): GatewayCaller {
    if (!this.gateway)
      throw new AppError('UNAVAILABLE', 'the ledger cannot be reached from billing (no gateway client)', { reason: 'LEDGER_UNAVAILABLE' });
    return this.gateway;
  }

  private async run<T>(tenantId: string, permission: Permission, query: string, variables: Record<string, unknown>): Promise<T> {
    try {
      return await this.client().execute<T>({ tenantId, permissions: [permission], query, variables });
    } catch (err) {
      if (err instanceof AppError) throw err;
      const retriable = err instanceof GatewayCallError && err.retriable;
      throw new AppError(
        'UNAVAILABLE',
        `the ledger did not answer${retriable ? ' (retry with the same Idempotency-Key)' : ''}: ${err instanceof Error ? err.message : String(err)}`,
        { reason: 'LEDGER_UNAVAILABLE' },
      );
    }
  }

  /** A financial account of the tenant (null when it has none). */
  async account(tenantId: string, id: string): Promise<AccountRef | null> {
    return (await this.run<{ ledgerAccount: AccountRef | null }>(tenantId, 'ledger.read', ACCOUNT, { id })).ledgerAccount;
  }

  /** The contact's primary financial account (not a wallet pocket), or null. */
  async primaryAccountOf(tenantId: string, contactId: string): Promise<AccountRef | null> {
    const all = (await this.run<{ ledgerAccounts: AccountRef[] }>(tenantId, 'ledger.read', ACCOUNTS, { contactId })).ledgerAccounts;
    const accounts = all.filter((a) => a.kind === 'CONTACT_ACCOUNT');
    return accounts.find((a) => a.isPrimary) ?? accounts[0] ?? null;
  }

  private outcome(p: TxPayload, what: string, field: string): Posted {
    const refused = p.errors[0];
    if (refused) {
      if (refused.code === 'VALIDATION' || refused.reason === 'INSUFFICIENT_FUNDS')
        throw new AppError('VALIDATION', `${field}: ${refused.message}`, { field, reason: refused.reason as never });
      throw new AppError('UNAVAILABLE', `the ledger refused the ${what}: ${refused.message}`, { reason: 'LEDGER_UNAVAILABLE' });
    }
    if (!p.transaction) throw new AppError('UNAVAILABLE', `the ledger refused the ${what}: no transaction`, { reason: 'LEDGER_UNAVAILABLE' });
    return { transactionId: p.transaction.id, consistencyTokens: p.consistencyTokens ?? [] };
  }

  /** Credits the contact's account from TOPUP_CLEARING (transaction type PAYMENT), once per key. */
  async creditPayment(tenantId: string, i: { accountId: string; amount: string; currency: string; reference: string }, key: string): Promise<Posted> {
    const input = {
      account: { accountId: i.accountId },
      amount: i.amount,
      currency: i.currency,
      source: 'TOPUP_CLEARING',
      type: 'PAYMENT',
      reference: i.reference,
    };
    return this.outcome(
      (await this.run<{ ledgerCredit: TxPayload }>(tenantId, 'ledger.write', CREDIT, { input, key })).ledgerCredit,
      'payment credit',
      'amount',
    );
  }

  /** Debits the contact's account back into TOPUP_CLEARING (transaction type REFUND), once per key. */
  async debitRefund(tenantId: string, i: { accountId: string; amount: string; currency: string; reference: string }, key: string): Promise<Posted> {
    const input = {
      account: { accountId: i.accountId },
      amount: i.amount,
      currency: i.currency,
      destination: 'TOPUP_CLEARING',
      type: 'REFUND',
      reference: i.reference,
    };
    return this.outcome(
      (await this.run<{ ledgerDebit: TxPayload }>(tenantId, 'ledger.write', DEBIT, { input, key })).ledgerDebit,
      'refund debit',
      'amount',
    );
  }

  /** Debits the wallet's OPEN pocket into PAYOUT_CLEARING (transaction type PAYOUT), once per key; never beyond what it can spend. */
  async debitPayout(tenantId: string, i: { walletId: string; amount: string; currency: string; reference: string }, key: string): Promise<Posted> {
    const input = {
      account: { walletId: i.walletId, pocket: 'OPEN' },
      amount: i.amount,
      currency: i.currency,
      destination: 'PAYOUT_CLEARING',
      type: 'PAYOUT',
      reference: i.reference,
    };
    return this.outcome(
      (await this.run<{ ledgerDebit: TxPayload }>(tenantId, 'ledger.write', DEBIT, { input, key })).ledgerDebit,
      'payout debit',
      'amount',
    );
  }

  /** Reverses a transaction with the opposite postings, once per key. */
  async reverse(tenantId: string, transactionId: string, notes: string, key: string): Promise<Posted> {
    const input = { transactionId, notes };
    return this.outcome(
      (await this.run<{ ledgerReverse: TxPayload }>(tenantId, 'ledger.write', REVERSE, { input, key })).ledgerReverse,
      'reversal',
      'payment',
    );
  }
}
