import type { GatewayClient } from '@crm/platform/clients';

/**
 * What rewards-write needs of other domains, through the gateway with a service principal (never
 * their code): the ledger's value-moving commands, each with the idempotency key derived from the
 * purchase, and the contact's existence.
 */

export interface LedgerAccountRef {
  contactId: string;
  pocket: 'OPEN' | 'COMMERCE';
  commercePoolId: string | null;
}

/** A ledger answer: the transaction, or the refusal the ledger gave (e.g. INSUFFICIENT_FUNDS). */
export type LedgerOutcome = { ok: true; transactionId: string } | { ok: false; reason: string; message: string };

interface UserErr {
  code: string;
  reason: string;
  field: string | null;
  message: string;
}
type TxPayload = { transaction: { id: string } | null; errors: UserErr[] };

const outcome = (p: TxPayload): LedgerOutcome =>
  p.transaction
    ? { ok: true, transactionId: p.transaction.id }
    : { ok: false, reason: p.errors[0]?.reason ?? 'UNKNOWN', message: p.errors[0]?.message ?? 'refused' };

const TX = 'transaction { id } errors { code reason field message }';

export class LedgerGateway {
  constructor(private readonly gateway: GatewayClient) {}

  async credit(
    tenantId: string,
    key: string,
    input: { account: LedgerAccountRef; amount: string; currency: string; expiresAt: string | null; reference: string },
  ) {
    const data = await this.gateway.execute<{ ledgerCredit: TxPayload }>({
      tenantId,
      permissions: ['ledger.write'] as const,
      query: `mutation RewardsAward($input: LedgerCreditInput!, $key: String!) { ledgerCredit(input: $input, idempotencyKey: $key) { ${TX} } }`,
      variables: {
        key,
        input: {
          account: input.account,
          amount: input.amount,
          currency: input.currency,
          type: 'AWARD',
          source: 'REWARDS_LIABILITY',
          expiresAt: input.expiresAt,
          reference: input.reference,
        },
      },
    });
    return outcome(data.ledgerCredit);
  }

  async debit(
    tenantId: string,
    key: string,
    input: {
      account: LedgerAccountRef;
      amount: string;
      currency: string;
      type: 'SPEND' | 'DEBIT';
      destination: 'REVENUE' | 'REWARDS_LIABILITY';
      reference: string;
    },
  ) {
    const data = await this.gateway.execute<{ ledgerDebit: TxPayload }>({
      tenantId,
      permissions: ['ledger.write'] as const,
      query: `mutation RewardsDebit($input: LedgerDebitInput!, $key: String!) { ledgerDebit(input: $input, idempotencyKey: $key) { ${TX} } }`,
      variables: { key, input },
    });
    return outcome(data.ledgerDebit);
  }

  async reverse(tenantId: string, key: string, transactionId: string, notes: string) {
    const data = await this.gateway.execute<{ ledgerReverse: TxPayload }>({
      tenantId,
      permissions: ['ledger.write'] as const,
      query: `mutation RewardsReverse($input: LedgerReverseInput!, $key: String!) { ledgerReverse(input: $input, idempotencyKey: $key) { ${TX} } }`,
      variables: { key, input: { transactionId, notes } },
    });
    return outcome(data.ledgerReverse);
  }

  /** The contact's id (given its id or code), or null when the tenant has none. */
  async contactId(tenantId: string, ref: string): Promise<string | null> {
    const data = await this.gateway.execute<{ contact: { id: string } | null }>({
      tenantId,
      permissions: ['contacts.read'] as const,
      query: `query RewardsContact($id: ID!) { contact(id: $id) { id } }`,
      variables: { id: ref },
    });
    return data.contact?.id ?? null;
  }
}
