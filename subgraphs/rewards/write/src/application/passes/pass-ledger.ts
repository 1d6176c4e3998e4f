import type { GatewayClient } from '@crm/platform/clients';
import type { LedgerOutcome } from '../ledger-port';

interface UserErr {
  reason: string;
  message: string;
}
type TxPayload = { transaction: { id: string } | null; errors: UserErr[] };

/** The ledger credit of a redeemed pass, through the gateway with a service principal and the pass's idempotency key. */
export class PassLedger {
  constructor(private readonly gateway: GatewayClient) {}

  /** Whether the tenant has this contact (a pass is credited to an existing contact's wallet only). */
  async contactExists(tenantId: string, contactId: string): Promise<boolean> {
    const data = await this.gateway.execute<{ contact: { id: string } | null }>({
      tenantId,
      permissions: ['contacts.read'] as const,
      query: `query RewardsPassContact($id: ID!) { contact(id: $id) { id } }`,
      variables: { id: contactId },
    });
    return data.contact !== null;
  }

  async credit(
    tenantId: string,
    key: string,
    input: {
      contactId: string;
      pocket: 'OPEN' | 'COMMERCE';
      commercePoolId: string | null;
      amount: string;
      currency: string;
      topUp: boolean;
      reference: string;
    },
  ): Promise<LedgerOutcome> {
    const data = await this.gateway.execute<{ ledgerCredit: TxPayload }>({
      tenantId,
      permissions: ['ledger.write'] as const,
      query: `mutation RewardsPassCredit($input: LedgerCreditInput!, $key: String!) { ledgerCredit(input: $input, idempotencyKey: $key) { transaction { id } errors { code reason field message } } }`,
      variables: {
        key,
        input: {
          account: { contactId: input.contactId, pocket: input.pocket, commercePoolId: input.commercePoolId },
          amount: input.amount,
          currency: input.currency,
          type: input.topUp ? 'TOP_UP' : 'CREDIT',
          source: input.topUp ? 'TOPUP_CLEARING' : 'REWARDS_LIABILITY',
          notes: 'pass redemption',
          reference: input.reference,
        },
      },
    });
    const p = data.ledgerCredit;
    return p.transaction
      ? { ok: true, transactionId: p.transaction.id }
      : { ok: false, reason: p.errors[0]?.reason ?? 'UNKNOWN', message: p.errors[0]?.message ?? 'refused' };
  }
}
