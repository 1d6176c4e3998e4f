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

  /** Gives a donation back: the ledger reverses its debit (once per key). */
  async reverse(tenantId: string, key: string, transactionId: string, notes: string): Promise<LedgerOutcome> {
    const data = await this.gateway.execute<{ ledgerReverse: TxPayload }>({
      tenantId,
      permissions: ['ledger.write'] as const,
      query: `mutation GivingDonationReverse($input: LedgerReverseInput!, $key: String!) { ledgerReverse(input: $input, idempotencyKey: $key) { ${TX} } }`,
      variables: { key, input: { transactionId, notes } },
    });
    return outcome(data.ledgerReverse);
  }

  /** An invitation to a friend (EMAIL or SMS), through communications, once per key. */
  async invite(
    tenantId: string,
    key: string,
    input: { channel: 'EMAIL' | 'SMS'; recipient: string; code: string },
  ): Promise<{ ok: true; communicationId: string | null } | { ok: false; reason: string }> {
    const content =
      input.channel === 'EMAIL'
        ? `A friend invites you to join. Register and enter the referral code ${input.code}.`
        : `A friend invites you to join: register with referral code ${input.code}.`;
    const data = await this.gateway.execute<{ sendCommunication: { id: string | null; errors: UserErr[] } }>({
      tenantId,
      permissions: ['engagement.write'] as const,
      query: `mutation GivingInvitation($input: SendCommunicationInput!, $key: String) { sendCommunication(input: $input, idempotencyKey: $key) { id errors { code reason field message } } }`,
      variables: {
        key,
        input: {
          name: 'Referral invitation',
          channel: input.channel,
          language: 'ENG',
          contactId: null,
          recipient: input.recipient,
          subject: input.channel === 'EMAIL' ? 'You are invited' : null,
          content,
        },
      },
    });
    const p = data.sendCommunication;
    return p.errors.length === 0 ? { ok: true, communicationId: p.id } : { ok: false, reason: p.errors[0]!.reason };
  }
}
