import { AppError } from '@crm/platform/errors';
import { GatewayCallError, type GatewayClient } from '@crm/platform/clients';

/** Calls to the ledger go through the gateway (`@crm/platform/clients`), as a service principal holding only what each call needs. */
export type GatewayCaller = Pick<GatewayClient, 'execute'>;

interface UserError {
  code: string;
  reason: string;
  field: string | null;
  message: string;
}

const WALLET = 'query BillingWallet($id: String!) { wallet(id: $id) { id contactId currency } }';
const CREDIT =
  'mutation BillingLedgerCredit($input: LedgerCreditInput!, $key: String!) { ledgerCredit(input: $input, idempotencyKey: $key) { transaction { id } consistencyTokens errors { code reason field message } } }';

export interface WalletRef {
  id: string;
  contactId: string;
  currency: string;
}

const retriable = (err: unknown) => err instanceof GatewayCallError && err.retriable;

/** The ledger, as billing calls it through the gateway (value moves only there, once per idempotency key). */
export class LedgerPort {
  constructor(private readonly gateway: GatewayCaller | null) {}

  private client(): GatewayCaller {
    if (!this.gateway)
      throw new AppError('UNAVAILABLE', 'the ledger cannot be reached from billing (no gateway client)', { reason: 'LEDGER_UNAVAILABLE' });
    return this.gateway;
  }

  /** A wallet by id or code; null when the tenant has none. */
  async wallet(tenantId: string, id: string): Promise<WalletRef | null> {
    try {
      const data = await this.client().execute<{ wallet: WalletRef | null }>({
        tenantId,
        permissions: ['ledger.read'],
        query: WALLET,
        variables: { id },
      });
      return data.wallet;
    } catch (err) {
      throw this.unavailable(err);
    }
  }

  /**
   * Credits a wallet's OPEN pocket from the tenant's TOPUP_CLEARING account (transaction type TOP_UP),
   * once per key; the ledger's refusals come back as AppErrors naming the field.
   */
  async creditTopup(
    tenantId: string,
    input: { walletId: string; amount: string; currency: string; reference: string },
    key: string,
  ): Promise<{ transactionId: string; consistencyTokens: string[] }> {
    let data: { ledgerCredit: { transaction: { id: string } | null; consistencyTokens?: string[]; errors: UserError[] } };
    try {
      data = await this.client().execute({
        tenantId,
        permissions: ['ledger.write'],
        query: CREDIT,
        variables: {
          input: {
            account: { walletId: input.walletId, pocket: 'OPEN' },
            amount: input.amount,
            currency: input.currency,
            source: 'TOPUP_CLEARING',
            type: 'TOP_UP',
            reference: input.reference,
          },
          key,
        },
      });
    } catch (err) {
      throw this.unavailable(err);
    }
    const refused = data.ledgerCredit.errors[0];
    if (refused || !data.ledgerCredit.transaction)
      throw new AppError('UNAVAILABLE', `the ledger refused the top-up credit: ${refused?.message ?? 'no transaction'}`, {
        reason: 'LEDGER_UNAVAILABLE',
      });
    return { transactionId: data.ledgerCredit.transaction.id, consistencyTokens: data.ledgerCredit.consistencyTokens ?? [] };
  }

  private unavailable(err: unknown): AppError {
    if (err instanceof AppError) return err;
    const message = err instanceof Error ? err.message : String(err);
    return new AppError('UNAVAILABLE', `the ledger did not answer${retriable(err) ? ' (retry with the same Idempotency-Key)' : ''}: ${message}`, {
      reason: 'LEDGER_UNAVAILABLE',
    });
  }
}
