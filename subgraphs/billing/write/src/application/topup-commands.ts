import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AppError } from '@crm/platform/errors';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type RequestContext } from '@crm/event-bus/kit';
import { TOPUP_AGGREGATE } from '@crm/event-bus/contracts/billing';
import { evolveTopup, type TopupChange, type TopupState } from '../domain/topup';
import { requestTopup } from '../domain/request-topup';
import { recordCharge, type ChargeOutcome } from '../domain/record-charge';
import { completeTopup } from '../domain/complete-topup';
import { toMinor } from '../domain/money';
import { topupStore } from '../persistence/topup-store';
import { chargeOnce, lookUp, type ChargeOnceOptions } from '../gateway/charge-once';
import { GatewayFailure, type PaymentGateway } from '../gateway/port';
import type { PaymentMethodCommands } from './payment-method-commands';
import type { LedgerPort } from './ledger-port';

export const topupAggregate: AggregateDefinition<TopupState, TopupChange> = {
  type: TOPUP_AGGREGATE,
  evolve: evolveTopup,
  store: topupStore,
  versionConflict: () => new AppError('CONFLICT', 'the top-up was changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

export interface TopupRequest {
  walletId: string;
  /** The contact's method; its primary one when null. */
  paymentMethodId: string | null;
  amount: string;
  /** The wallet's currency when null. */
  currency: string | null;
  notes: string | null;
}

/** A top-up and, when this call credited the wallet, the ledger's consistency tokens (to read the new balance at once). */
export type TopupResult = TopupState & { ledgerConsistencyTokens: string[] };

/** The contact the caller is, when it is a contact (it may only top up its own wallet with its own methods). */
export type Caller = { contactId: string | null };

/**
 * Top-ups, a small saga with its state on the aggregate: REQUESTED → charge by the gateway (key
 * `topup:<id>:charge`; an answer lost to a timeout is LOOKED UP, never charged again) → CHARGED →
 * credit of the wallet's OPEN pocket through the ledger (key `topup:<id>:credit`, once) →
 * COMPLETED. DECLINED moves nothing. A retry with the same Idempotency-Key resumes where it stopped.
 */
export class TopupCommands {
  private readonly handler: CommandHandler<TopupState, TopupChange>;

  constructor(
    dataSource: DataSource,
    registry: EventRegistry,
    onCommitted: () => void,
    private readonly methods: PaymentMethodCommands,
    private readonly ledger: LedgerPort,
    private readonly gateway: PaymentGateway,
    private readonly chargeOptions: ChargeOnceOptions,
    private readonly logger: Logger,
  ) {
    this.handler = new CommandHandler(dataSource, registry, topupAggregate, onCommitted);
  }

  async topup(ctx: RequestContext, caller: Caller, req: TopupRequest, idempotencyKey: string | null): Promise<TopupResult> {
    const wallet = await this.ledger.wallet(ctx.tenantId, req.walletId);
    if (!wallet || (caller.contactId && wallet.contactId !== caller.contactId)) throw AppError.notFound('wallet', req.walletId);
    const currency = req.currency ?? wallet.currency;
    toMinor(req.amount, currency, 'amount'); // 400 before anything else
    const paymentMethodId = req.paymentMethodId ?? (await this.methods.primaryOf(ctx.tenantId, wallet.contactId));
    if (!paymentMethodId) throw AppError.validation('payment_method.id', 'is required (the contact has no primary payment method)', 'REQUIRED');
    const owned = await this.methods.ownerOf(ctx.tenantId, paymentMethodId);
    const method = owned && owned.contactId === wallet.contactId ? owned.method : null;
    const opened = await this.handler.run(
      ctx,
      { create: true, id: null },
      () =>
        requestTopup(null, {
          contactId: wallet.contactId,
          walletId: wallet.id,
          method,
          paymentMethodId,
          amount: req.amount,
          currency,
          notes: req.notes,
          gateway: this.gateway.name,
        }),
      idempotencyKey ? { scope: 'billing.topup', key: idempotencyKey, request: { ...req, contactId: wallet.contactId } } : null,
    );
    return this.drive(ctx, opened.state, method?.gatewayTokens[0]?.token ?? null, opened.events.length === 0);
  }

  /** Moves a top-up on from where it is (each step once, by its key). */
  private async drive(ctx: RequestContext, state: TopupState, token: string | null, resumed: boolean): Promise<TopupResult> {
    let s = state;
    if (s.status === 'REQUESTED') s = await this.charge(ctx, s, token, resumed);
    if (s.status === 'DECLINED')
      throw new AppError('VALIDATION', `payment_method: ${s.declineReason ?? 'the card was declined'}`, {
        field: 'payment_method',
        reason: 'PAYMENT_DECLINED',
      });
    if (s.status === 'CHARGED') {
      const credited = await this.ledger.creditTopup(
        ctx.tenantId,
        { walletId: s.walletId, amount: s.amount, currency: s.currency, reference: `topup:${s.id}` },
        `topup:${s.id}:credit`,
      );
      s = (await this.handler.run(ctx, { create: false, ref: s.id }, (current) => completeTopup(current, credited.transactionId))).state;
      return { ...s, ledgerConsistencyTokens: credited.consistencyTokens };
    }
    return { ...s, ledgerConsistencyTokens: [] };
  }

  private async charge(ctx: RequestContext, s: TopupState, token: string | null, resumed: boolean): Promise<TopupState> {
    const key = `topup:${s.id}:charge`;
    // a resumed top-up may have been charged by the first attempt: look it up before charging
    let found = resumed ? await lookUp(this.gateway, key, { ...this.chargeOptions, lookups: 1, lookupDelayMs: 0 }) : null;
    if (!found) {
      if (!token) throw AppError.validation('payment_method.id', 'the payment method has no gateway token to charge', 'PAYMENT_METHOD_NOT_USABLE');
      try {
        found = await chargeOnce(
          this.gateway,
          { amountMinor: toMinor(s.amount, s.currency), currency: s.currency, token, description: `Top-up ${s.id}`, idempotencyKey: key },
          this.chargeOptions,
        );
      } catch (err) {
        if (err instanceof GatewayFailure) {
          this.logger.warn({ topupId: s.id, err: err.message }, 'topup: the gateway failed; nothing was charged');
          throw new AppError('UNAVAILABLE', 'the payment gateway is unavailable; nothing was charged (retry with the same Idempotency-Key)', {
            reason: 'GATEWAY_UNAVAILABLE',
          });
        }
        throw err;
      }
      if (!found) {
        this.logger.warn({ topupId: s.id }, 'topup: the charge timed out and the gateway does not know it yet');
        throw new AppError(
          'UNAVAILABLE',
          'the payment gateway did not answer; retry with the same Idempotency-Key (the charge is looked up, never repeated)',
          {
            reason: 'GATEWAY_TIMEOUT',
          },
        );
      }
    }
    const outcome: ChargeOutcome =
      found.status === 'succeeded'
        ? { kind: 'succeeded', chargeId: found.id }
        : { kind: 'declined', code: found.code ?? 'card_declined', reason: found.reason ?? 'The card was declined.' };
    return (await this.handler.run(ctx, { create: false, ref: s.id }, (current) => recordCharge(current, outcome))).state;
  }
}
