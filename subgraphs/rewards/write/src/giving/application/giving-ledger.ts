import type { GatewayClient } from '@crm/platform/clients';
import type { LedgerOutcome } from '../../application/ledger-port';

interface UserErr {
  code: string;
  reason: string;
  message: string;
}
type TxPayload = { transaction: { id: string } | null; errors: UserErr[] };
const outcome = (p: TxPayload): LedgerOutcome =>
  p.transaction
    ? { ok: true, transactionId: p.transaction.id }
    : { ok: false, reason: p.errors[0]?.reason ?? 'UNKNOWN', message: p.errors[0]?.message ?? 'refused' };
const TX = 'transaction { id } errors { code reason field message }';

/**
 * The ledger commands referrals and donations post, through the gateway with a service principal,
 * each with an idempotency key derived from the referral or donation (a retry posts nothing twice).
 */
export class GivingLedger {
  constructor(private readonly gateway: GatewayClient) {}

  /** A referral award: credits the referrer's wallet (its commerce pool's pocket when the offer names one) from the rewards liability. */
  async award(
    tenantId: string,
    key: string,
    input: { contactId: string; commercePoolId: string | null; amount: string; currency: string; expiresAt: string | null; reference: string },
  ): Promise<LedgerOutcome> {
    const data = await this.gateway.execute<{ ledgerCredit: TxPayload }>({
      tenantId,
      permissions: ['ledger.write'] as const,
      query: `mutation GivingReferralAward($input: LedgerCreditInput!, $key: String!) { ledgerCredit(input: $input, idempotencyKey: $key) { ${TX} } }`,
      variables: {
        key,
        input: {
          account: { contactId: input.contactId, pocket: input.commercePoolId ? 'COMMERCE' : 'OPEN', commercePoolId: input.commercePoolId },
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

  /** A donation: debits the contact's wallet (open pocket) into the payout clearing account the charity is paid from. */
  async donate(
    tenantId: string,
    key: string,
    input: { contactId: string; amount: string; currency: string; reference: string; notes: string },
  ): Promise<LedgerOutcome> {
    const data = await this.gateway.execute<{ ledgerDebit: TxPayload }>({
      tenantId,
      permissions: ['ledger.write'] as const,
      query: `mutation GivingDonation($input: LedgerDebitInput!, $key: String!) { ledgerDebit(input: $input, idempotencyKey: $key) { ${TX} } }`,
      variables: {
        key,
        input: {
          account: { contactId: input.contactId, pocket: 'OPEN' },
          amount: input.amount,
          currency: input.currency,
          type: 'DEBIT',
          destination: 'PAYOUT_CLEARING',
          reference: input.reference,
          notes: input.notes,
        },
      },
    });
    return outcome(data.ledgerDebit);
  }
}
