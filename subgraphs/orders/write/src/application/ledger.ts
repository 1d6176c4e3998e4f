import type { Permission } from '@crm/platform/auth';
import { GatewayCallError, type GatewayClient } from '@crm/platform/clients';
import { AppError } from '@crm/platform/errors';
import { formatMoney, toMicro } from '../domain/money';

interface PayloadError {
  code: string;
  reason: string | null;
  field: string | null;
  message: string;
}

const ATTEMPTS = 3;

/** A transport failure whose outcome is unknown (timeout, 5xx, unreachable): retried with the same key. */
const retriable = (err: unknown) => err instanceof GatewayCallError && err.retriable;

export interface WalletFunds {
  walletId: string;
  /** Spendable now in the currency's OPEN pocket, micro-units. */
  available: bigint;
}

/**
 * The ledger calls orders makes through the gateway (synchronous GraphQL with a service principal, DESIGN §10), each asking for the least permission it needs. Value moves only
 * here, each with an idempotency key derived from the order's own aggregates
 * (`estimate:<id>:reserve|capture|release`, `order:<id>:refund`), so a retry never moves it twice.
 */
export class Ledger {
  constructor(private readonly gateway: GatewayClient) {}

  private async call<T>(tenantId: string, permissions: Permission[], query: string, variables: Record<string, unknown>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.gateway.execute<T>({ tenantId, permissions, query, variables });
      } catch (err) {
        if (retriable(err) && attempt < ATTEMPTS) {
          await new Promise((r) => setTimeout(r, 50 * attempt));
          continue;
        }
        if (retriable(err)) throw new AppError('UNAVAILABLE', 'the ledger did not answer; retry', { reason: 'LEDGER_UNAVAILABLE', cause: err });
        throw err;
      }
    }
  }

  /** The contact owning a ledger account and its currency; null when the tenant has no such account. */
  async account(tenantId: string, accountId: string): Promise<{ contactId: string | null; currency: string } | null> {
    const data = await this.call<{ ledgerAccount: { contactId: string | null; currency: string } | null }>(
      tenantId,
      ['ledger.read'],
      'query OrdersAccount($id: ID!) { ledgerAccount(id: $id) { contactId currency } }',
      { id: accountId },
    );
    return data.ledgerAccount;
  }

  /** The contact's wallet and what its OPEN pocket can spend now in the currency (null: no wallet). */
  async walletFunds(tenantId: string, contactId: string, currency: string): Promise<WalletFunds | null> {
    const data = await this.call<{
      walletOfContact: { id: string; balances: { pocket: string | null; currency: string; available: string | null }[] } | null;
    }>(
      tenantId,
      ['ledger.read'],
      'query OrdersWallet($contactId: ID!) { walletOfContact(contactId: $contactId) { id balances { pocket currency available } } }',
      { contactId },
    );
    const w = data.walletOfContact;
    if (!w) return null;
    const open = w.balances.find((b) => b.pocket === 'OPEN' && b.currency === currency);
    return { walletId: w.id, available: open?.available ? toMicro(open.available.replace(/^-.*/, '0')) : 0n };
  }

  /** Reserves wallet funds until `expiresAt`; null when the ledger refuses (e.g. the funds went meanwhile). */
  async reserve(tenantId: string, r: { walletId: string; amount: bigint; currency: string; expiresAt: Date; key: string }): Promise<string | null> {
    const data = await this.call<{ ledgerReserve: { reservation: { id: string } | null; errors: PayloadError[] } }>(
      tenantId,
      ['ledger.write'],
      `mutation OrdersReserve($input: LedgerReserveInput!, $key: String!) {
        ledgerReserve(input: $input, idempotencyKey: $key) { reservation { id } errors { code reason field message } } }`,
      {
        input: {
          account: { walletId: r.walletId, pocket: 'OPEN' },
          amount: formatMoney(r.amount, r.currency),
          currency: r.currency,
          expiresAt: r.expiresAt.toISOString(),
          reference: r.key,
        },
        key: r.key,
      },
    );
    return data.ledgerReserve.reservation?.id ?? null;
  }

  /** Captures (part of) a reservation as revenue; the rest is released. */
  async capture(tenantId: string, c: { reservationId: string; amount: bigint; currency: string; key: string }): Promise<string> {
    const data = await this.call<{ ledgerCapture: { transaction: { id: string } | null; errors: PayloadError[] } }>(
      tenantId,
      ['ledger.write'],
      `mutation OrdersCapture($input: LedgerCaptureInput!, $key: String!) {
        ledgerCapture(input: $input, idempotencyKey: $key) { transaction { id } errors { code reason field message } } }`,
      { input: { reservationId: c.reservationId, amount: formatMoney(c.amount, c.currency), notes: c.key }, key: c.key },
    );
    const p = data.ledgerCapture;
    if (!p.transaction)
      throw new AppError('CONFLICT', `the wallet funds could not be captured: ${p.errors.map((e) => e.message).join('; ')}`, {
        reason: 'WALLET_FUNDS_NOT_CAPTURED',
        field: 'estimationId',
      });
    return p.transaction.id;
  }

  /** Releases a reservation (its funds are spendable again); a reservation already ended is left as it is. */
  async release(tenantId: string, reservationId: string, key: string): Promise<void> {
    await this.call(
      tenantId,
      ['ledger.write'],
      `mutation OrdersRelease($input: LedgerReservationRefInput!, $key: String!) {
        ledgerRelease(input: $input, idempotencyKey: $key) { reservation { id } errors { code reason message } } }`,
      { input: { reservationId }, key },
    );
  }

  /** Reverses a transaction (a refund of captured wallet funds); its id. */
  async reverse(tenantId: string, transactionId: string, key: string): Promise<string> {
    const data = await this.call<{ ledgerReverse: { transaction: { id: string } | null; errors: PayloadError[] } }>(
      tenantId,
      ['ledger.write'],
      `mutation OrdersRefund($input: LedgerReverseInput!, $key: String!) {
        ledgerReverse(input: $input, idempotencyKey: $key) { transaction { id } errors { code reason field message } } }`,
      { input: { transactionId, notes: key }, key },
    );
    const p = data.ledgerReverse;
    if (!p.transaction)
      throw new AppError('UNAVAILABLE', `the refund failed: ${p.errors.map((e) => e.message).join('; ')}`, { reason: 'LEDGER_UNAVAILABLE' });
    return p.transaction.id;
  }
}
