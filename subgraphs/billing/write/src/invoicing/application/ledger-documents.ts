import { AppError } from '@crm/platform/errors';
import { GatewayCallError } from '@crm/platform/clients';
import type { GatewayCaller } from '../../application/ledger-port';

interface UserError {
  code: string;
  reason: string;
  field: string | null;
  message: string;
}
interface AccountRow {
  id: string;
  kind: string;
  currency: string;
  isPrimary: boolean;
}

const ACCOUNTS = 'query BillingContactAccounts($c: ID!) { ledgerAccounts(contactId: $c) { id kind currency isPrimary } }';
const DEBIT =
  'mutation BillingInvoicePost($input: LedgerDebitInput!, $key: String!) { ledgerDebit(input: $input, idempotencyKey: $key) { transaction { id } errors { code reason field message } } }';
const CREDIT =
  'mutation BillingCreditNotePost($input: LedgerCreditInput!, $key: String!) { ledgerCredit(input: $input, idempotencyKey: $key) { transaction { id } errors { code reason field message } } }';

/** A posting the ledger refused for good (no account in the currency…): the document stays ISSUED and the reason is reported. */
export class PostingRefused extends Error {}

/**
 * Invoices and credit notes on the contact's account, through the gateway: an INVOICE debits the
 * account into REVENUE (journal INVOICE), a CREDIT_NOTE credits it from REVENUE (journal
 * CREDIT_NOTE), once per key `invoice:<id>:post` (a retry after a timeout has no second effect).
 */
export class LedgerDocuments {
  constructor(private readonly gateway: GatewayCaller | null) {}

  private client(): GatewayCaller {
    if (!this.gateway)
      throw new AppError('UNAVAILABLE', 'the ledger cannot be reached from billing (no gateway client)', { reason: 'LEDGER_UNAVAILABLE' });
    return this.gateway;
  }

  /** The contact's account in the currency (the primary one first); null when it has none. */
  async accountOf(tenantId: string, contactId: string, currency: string): Promise<string | null> {
    const data = await this.call<{ ledgerAccounts: AccountRow[] }>(tenantId, ['ledger.read'], ACCOUNTS, { c: contactId });
    const accounts = data.ledgerAccounts.filter((a) => a.kind === 'CONTACT_ACCOUNT' && a.currency === currency);
    accounts.sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
    return accounts[0]?.id ?? null;
  }

  async post(
    tenantId: string,
    doc: { kind: 'INVOICE' | 'CREDIT_NOTE'; accountId: string; amount: string; currency: string; number: string },
    key: string,
  ): Promise<string> {
    const invoice = doc.kind === 'INVOICE';
    const input = invoice
      ? {
          account: { accountId: doc.accountId },
          amount: doc.amount,
          currency: doc.currency,
          destination: 'REVENUE',
          type: 'INVOICE',
          reference: doc.number,
        }
      : {
          account: { accountId: doc.accountId },
          amount: doc.amount,
          currency: doc.currency,
          source: 'REVENUE',
          type: 'CREDIT_NOTE',
          reference: doc.number,
        };
    const data = await this.call<Record<string, { transaction: { id: string } | null; errors: UserError[] }>>(
      tenantId,
      ['ledger.write'],
      invoice ? DEBIT : CREDIT,
      { input, key },
    );
    const payload = data[invoice ? 'ledgerDebit' : 'ledgerCredit']!;
    const refused = payload.errors[0];
    if (refused || !payload.transaction) throw new PostingRefused(`the ledger refused ${doc.number}: ${refused?.message ?? 'no transaction'}`);
    return payload.transaction.id;
  }

  private async call<T>(
    tenantId: string,
    permissions: Parameters<GatewayCaller['execute']>[0]['permissions'],
    query: string,
    variables: Record<string, unknown>,
  ): Promise<T> {
    try {
      return await this.client().execute<T>({ tenantId, permissions, query, variables });
    } catch (err) {
      if (err instanceof GatewayCallError && !err.retriable) throw new PostingRefused(err.message);
      if (err instanceof AppError) throw err;
      throw new AppError('UNAVAILABLE', `the ledger did not answer: ${err instanceof Error ? err.message : String(err)}`, {
        reason: 'LEDGER_UNAVAILABLE',
      });
    }
  }
}
