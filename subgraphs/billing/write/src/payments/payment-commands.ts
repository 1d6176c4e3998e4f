import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AppError } from '@crm/platform/errors';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type KnownContacts, type RequestContext } from '@crm/event-bus/kit';
import { PAYMENT_AGGREGATE, PAYOUT_AGGREGATE } from '@crm/event-bus/contracts/billing';
import { fromMinor, toMinor } from '../domain/money';
import { chargeOnce, lookUp, type ChargeOnceOptions } from '../gateway/charge-once';
import {
  GatewayFailure,
  type GatewayCharge,
  type HostedPageRequest,
  type IntentState,
  type PaymentGateway,
  type PaymentGatewayIntents,
} from '../gateway/port';
import type { PaymentMethodCommands } from '../application/payment-method-commands';
import type { LedgerPort } from '../application/ledger-port';
import { paymentStore, payoutStore } from '../persistence/payment-store';
import {
  evolvePayment,
  planRefund,
  postPayment,
  recordPaymentCharge,
  recordRefund,
  requestPayment,
  type PaymentChange,
  type PaymentChargeOutcome,
  type PaymentState,
} from './payment';
import { evolvePayout, failPayout, recordPayoutDebit, recordPayoutPaid, requestPayout, type PayoutChange, type PayoutState } from './payout';
import type { PaymentsLedger } from './payments-ledger';

export const paymentAggregate: AggregateDefinition<PaymentState, PaymentChange> = {
  type: PAYMENT_AGGREGATE,
  evolve: evolvePayment,
  store: paymentStore,
  versionConflict: () => new AppError('CONFLICT', 'the payment was changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

export const payoutAggregate: AggregateDefinition<PayoutState, PayoutChange> = {
  type: PAYOUT_AGGREGATE,
  evolve: evolvePayout,
  store: payoutStore,
  versionConflict: () => new AppError('CONFLICT', 'the payout was changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

/** The contact the caller is, when it is a contact (it may only pay, pay out or refund its own). */
export type Caller = { contactId: string | null };

/** Metadata keys an intent carries so that the gateway's webhook settles the right payment. */
export const INTENT_TENANT = 'crm_tenant';
export const INTENT_CONTACT = 'crm_contact_id';
export const INTENT_ACCOUNT = 'crm_account_id';

export interface PaymentRequest {
  accountId: string | null;
  contactId: string | null;
  paymentMethodId: string | null;
  amount: string;
  currency: string | null;
  code: string | null;
  notes: string | null;
}

export interface PayoutRequest {
  walletId: string | null;
  paymentMethodId: string;
  amount: string;
  notes: string | null;
}

export interface IntentInput {
  amount: string;
  currency: string;
  capture: 'AUTOMATIC' | 'ON_HOLD';
  paymentMethodId: string | null;
  description: string | null;
}

export type WithTokens<T> = T & { ledgerConsistencyTokens: string[] };

/** A refund id that is the same for every retry of one Idempotency-Key (so the gateway and the ledger act once). */
const refundIdOf = (paymentId: string, key: string | null): string => {
  if (!key) return randomUUID();
  const h = createHash('sha256').update(`${paymentId}:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const declined = (reason: string | null) =>
  new AppError('VALIDATION', `payment_method: ${reason ?? 'the card was declined'}`, { field: 'payment_method', reason: 'PAYMENT_DECLINED' });

/**
 * Payments, refunds, payouts and intents: small sagas with their state on the aggregate, each step
 * once by its key. A payment: REQUESTED → charge (key `payment:<id>:charge`; an answer lost to a
 * timeout is looked up, never charged again) → CHARGED → credit of the contact's account through
 * the ledger (key `payment:<id>:credit`) → POSTED. A refund: the gateway refunds (key
 * `refund:<refund id>`), the ledger debits the account (or reverses the payment for a void) under
 * `refund:<refund id>:ledger`. A payout: the wallet debited (key `payout:<id>:debit`) → the gateway
 * pays out (key `payout:<id>:pay`) → PAID; a refusal reverses the debit (key `payout:<id>:reverse`).
 * An intent the gateway reports succeeded (webhook, any number of times) settles ONE payment: its
 * idempotency key is the intent's id.
 */
export class PaymentCommands {
  private readonly payments: CommandHandler<PaymentState, PaymentChange>;
  private readonly payoutsHandler: CommandHandler<PayoutState, PayoutChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    onCommitted: () => void,
    private readonly contacts: KnownContacts,
    private readonly methods: PaymentMethodCommands,
    private readonly wallets: LedgerPort,
    private readonly ledger: PaymentsLedger,
    private readonly gateway: PaymentGateway,
    readonly intents: PaymentGatewayIntents,
    private readonly chargeOptions: ChargeOnceOptions,
    private readonly logger: Logger,
  ) {
    this.payments = new CommandHandler(dataSource, registry, paymentAggregate, onCommitted);
    this.payoutsHandler = new CommandHandler(dataSource, registry, payoutAggregate, onCommitted);
  }

  // ---- payments ------------------------------------------------------------------------------

  /** The contact's method (its primary one when null), refused when it is not the contact's. */
  private async methodOf(tenantId: string, contactId: string, paymentMethodId: string | null) {
    const id = paymentMethodId ?? (await this.methods.primaryOf(tenantId, contactId));
    if (!id) throw AppError.validation('payment_method.id', 'is required (the contact has no primary payment method)', 'REQUIRED');
    const owned = await this.methods.ownerOf(tenantId, id);
    if (!owned || owned.contactId !== contactId) throw AppError.notFound('payment method', id);
    return { id, token: owned.method.gatewayTokens[0]?.token ?? null };
  }

  /** The contact's financial account the payment is posted to (the given one, else the contact's primary one). */
  private async accountOf(tenantId: string, caller: Caller, req: { accountId: string | null; contactId: string | null }) {
    const contact = caller.contactId ?? req.contactId;
    const account = req.accountId
      ? await this.ledger.account(tenantId, req.accountId)
      : contact
        ? await this.ledger.primaryAccountOf(tenantId, contact)
        : null;
    if (!req.accountId && !contact) throw AppError.validation('account_id', 'is required', 'REQUIRED');
    if (!account || account.kind !== 'CONTACT_ACCOUNT' || !account.contactId) throw AppError.notFound('account', req.accountId ?? contact ?? '');
    if ((caller.contactId && account.contactId !== caller.contactId) || (req.contactId && account.contactId !== req.contactId))
      throw AppError.notFound('account', account.id);
    return account as typeof account & { contactId: string };
  }

  async pay(ctx: RequestContext, caller: Caller, req: PaymentRequest, idempotencyKey: string | null): Promise<WithTokens<PaymentState>> {
    const account = await this.accountOf(ctx.tenantId, caller, req);
    const currency = req.currency ?? account.currency;
    if (currency !== account.currency)
      throw AppError.validation('currency_code', `must be the account's currency (${account.currency})`, 'INVALID_VALUE');
    toMinor(req.amount, currency, 'amount');
    const method = await this.methodOf(ctx.tenantId, account.contactId, req.paymentMethodId);
    const code =
      req.code ??
      String(BigInt(`0x${randomUUID().replace(/-/g, '').slice(0, 13)}`))
        .padStart(16, '0')
        .slice(-16);
    const opened = await this.payments.run(
      ctx,
      { create: true, id: null },
      (s) =>
        requestPayment(s, {
          contactId: account.contactId,
          accountId: account.id,
          paymentMethodId: method.id,
          token: method.token,
          gateway: this.gateway.name,
          amount: req.amount,
          currency,
          code,
          notes: req.notes,
          intentId: null,
        }),
      idempotencyKey ? { scope: 'billing.payment', key: idempotencyKey, request: { ...req, contactId: account.contactId } } : null,
    );
    return this.drive(ctx, opened.state, method.token, opened.events.length === 0);
  }

  private async drive(ctx: RequestContext, state: PaymentState, token: string | null, resumed: boolean): Promise<WithTokens<PaymentState>> {
    let s = state;
    if (s.status === 'REQUESTED') s = await this.charge(ctx, s, token, resumed);
    if (s.status === 'DECLINED') throw declined(s.declineReason);
    if (s.status === 'CHARGED') {
      const posted = await this.ledger.creditPayment(
        ctx.tenantId,
        { accountId: s.accountId, amount: s.amount, currency: s.currency, reference: `payment:${s.id}` },
        `payment:${s.id}:credit`,
      );
      s = (await this.payments.run(ctx, { create: false, ref: s.id }, (cur) => postPayment(cur, posted.transactionId))).state;
      return { ...s, ledgerConsistencyTokens: posted.consistencyTokens };
    }
    return { ...s, ledgerConsistencyTokens: [] };
  }

  private async charge(ctx: RequestContext, s: PaymentState, token: string | null, resumed: boolean): Promise<PaymentState> {
    const key = `payment:${s.id}:charge`;
    let found: GatewayCharge | null = resumed ? await lookUp(this.gateway, key, { ...this.chargeOptions, lookups: 1, lookupDelayMs: 0 }) : null;
    if (!found) {
      if (!token) throw AppError.validation('payment_method.id', 'the payment method has no gateway token to charge', 'PAYMENT_METHOD_NOT_USABLE');
      try {
        found = await chargeOnce(
          this.gateway,
          { amountMinor: toMinor(s.amount, s.currency), currency: s.currency, token, description: `Payment ${s.code}`, idempotencyKey: key },
          this.chargeOptions,
        );
      } catch (err) {
        if (err instanceof GatewayFailure) throw this.gatewayDown(err, { paymentId: s.id });
        throw err;
      }
      if (!found)
        throw new AppError(
          'UNAVAILABLE',
          'the payment gateway did not answer; retry with the same Idempotency-Key (the charge is looked up, never repeated)',
          {
            reason: 'GATEWAY_TIMEOUT',
          },
        );
    }
    const outcome: PaymentChargeOutcome =
      found.status === 'succeeded'
        ? { kind: 'succeeded', chargeId: found.id }
        : { kind: 'declined', code: found.code ?? 'card_declined', reason: found.reason ?? 'The card was declined.' };
    return (await this.payments.run(ctx, { create: false, ref: s.id }, (cur) => recordPaymentCharge(cur, outcome))).state;
  }

  private gatewayDown(err: GatewayFailure, log: Record<string, string>): AppError {
    this.logger.warn({ ...log, err: err.message }, 'payments: the gateway failed; nothing was moved');
    return new AppError('UNAVAILABLE', 'the payment gateway is unavailable; nothing was charged (retry with the same Idempotency-Key)', {
      reason: 'GATEWAY_UNAVAILABLE',
    });
  }

  async payment(tenantId: string, id: string): Promise<PaymentState | null> {
    return paymentStore.findById(this.dataSource, tenantId, id);
  }

  /**
   * Refunds a posted payment (all that is left when amount is null) or voids it (the whole payment,
   * its ledger credit reversed). The gateway refunds first (nothing is owed back when it refuses);
   * a retry with the same Idempotency-Key finishes the same refund, never a second one.
   */
  async refund(
    ctx: RequestContext,
    paymentId: string,
    req: { amount: string | null; void: boolean; notes: string | null },
    idempotencyKey: string | null,
  ): Promise<WithTokens<PaymentState>> {
    const s = await paymentStore.findById(this.dataSource, ctx.tenantId, paymentId);
    if (!s) throw AppError.notFound('payment', paymentId);
    const refundId = refundIdOf(s.id, idempotencyKey);
    if (s.refunds.some((r) => r.id === refundId)) return { ...s, ledgerConsistencyTokens: [] };
    const amount = planRefund(s, req);
    let gatewayRefundId: string;
    try {
      gatewayRefundId = (await this.gateway.refund(s.chargeId!, `refund:${refundId}`, toMinor(amount, s.currency))).id;
    } catch (err) {
      if (err instanceof GatewayFailure) throw this.gatewayDown(err, { paymentId: s.id });
      throw err;
    }
    const posted = req.void
      ? await this.ledger.reverse(ctx.tenantId, s.ledgerTransactionId!, `void of payment ${s.code}`, `refund:${refundId}:ledger`)
      : await this.ledger.debitRefund(
          ctx.tenantId,
          { accountId: s.accountId, amount, currency: s.currency, reference: `refund:${refundId}` },
          `refund:${refundId}:ledger`,
        );
    const next = await this.payments.run(ctx, { create: false, ref: s.id }, (cur) =>
      recordRefund(cur, { refundId, gatewayRefundId, amount, ledgerTransactionId: posted.transactionId, void: req.void, notes: req.notes }),
    );
    return { ...next.state, ledgerConsistencyTokens: posted.consistencyTokens };
  }

  // ---- intents and client tokens -------------------------------------------------------------

  private async knownContact(tenantId: string, caller: Caller, contactId: string): Promise<void> {
    if (caller.contactId && caller.contactId !== contactId) throw AppError.notFound('contact', contactId);
    if (!(await this.contacts.exists(tenantId, contactId))) throw AppError.notFound('contact', contactId);
  }

  async clientToken(ctx: RequestContext, caller: Caller, contactId: string): Promise<{ token: string; gateway: string }> {
    await this.knownContact(ctx.tenantId, caller, contactId);
    try {
      const t = await this.intents.clientToken(contactId, `client_token:${ctx.tenantId}:${contactId}:${randomUUID()}`);
      return { token: t.token, gateway: this.gateway.name };
    } catch (err) {
      if (err instanceof GatewayFailure) throw this.gatewayDown(err, { contactId });
      throw err;
    }
  }

  /** Opens a payment intent for the contact (its primary account is what a settled intent pays). */
  async createIntent(
    ctx: RequestContext,
    caller: Caller,
    contactId: string,
    input: IntentInput,
    idempotencyKey: string | null,
  ): Promise<{ id: string; clientSecret: string; state: IntentState }> {
    await this.knownContact(ctx.tenantId, caller, contactId);
    const amountMinor = toMinor(input.amount, input.currency, 'amount');
    if (input.paymentMethodId) await this.methodOf(ctx.tenantId, contactId, input.paymentMethodId);
    const account = await this.ledger.primaryAccountOf(ctx.tenantId, contactId);
    if (!account) throw AppError.notFound('account', contactId);
    if (account.currency !== input.currency)
      throw AppError.validation('currency_code', `must be the contact's account currency (${account.currency})`, 'INVALID_VALUE');
    try {
      const intent = await this.intents.createIntent({
        amountMinor,
        currency: input.currency,
        capture: input.capture,
        customerRef: contactId,
        description: input.description ?? 'Payment',
        metadata: { [INTENT_TENANT]: ctx.tenantId, [INTENT_CONTACT]: contactId, [INTENT_ACCOUNT]: account.id },
        idempotencyKey: `intent:${ctx.tenantId}:${contactId}:${idempotencyKey ?? randomUUID()}`,
      });
      return { id: intent.id, clientSecret: intent.clientSecret, state: intent.state };
    } catch (err) {
      if (err instanceof GatewayFailure) throw this.gatewayDown(err, { contactId });
      throw err;
    }
  }

  /**
   * Settles a payment intent the gateway reports COMPLETED: one payment per intent (the intent's id
   * is the idempotency key), its account credited once, however many times the webhook comes.
   */
  async settleIntent(ctx: RequestContext, intentId: string): Promise<WithTokens<PaymentState>> {
    let intent;
    try {
      intent = await this.intents.findIntent(intentId);
    } catch (err) {
      if (err instanceof GatewayFailure) throw this.gatewayDown(err, { intentId });
      throw err;
    }
    if (!intent || intent.metadata[INTENT_TENANT] !== ctx.tenantId) throw AppError.notFound('payment', intentId);
    if (intent.state !== 'COMPLETED')
      throw new AppError('CONFLICT', `the payment intent is ${intent.state}, not COMPLETED`, { reason: 'PAYMENT_STATE' });
    const contactId = intent.metadata[INTENT_CONTACT]!;
    const accountId = intent.metadata[INTENT_ACCOUNT]!;
    const opened = await this.payments.run(
      ctx,
      { create: true, id: null },
      (s) =>
        requestPayment(s, {
          contactId,
          accountId,
          paymentMethodId: null,
          token: null,
          gateway: this.gateway.name,
          amount: fromMinor(intent.amountMinor, intent.currency),
          currency: intent.currency,
          code: intentId.slice(-16),
          notes: null,
          intentId,
        }),
      { scope: 'billing.intent', key: intentId, request: { intentId } },
    );
    let s = opened.state;
    if (s.status === 'REQUESTED')
      s = (await this.payments.run(ctx, { create: false, ref: s.id }, (cur) => recordPaymentCharge(cur, { kind: 'succeeded', chargeId: intentId })))
        .state;
    return this.drive(ctx, s, null, true);
  }

  /**
   * The page where the payer enters a card: the gateway's own (Stripe Checkout) as a URL, or null
   * when the platform serves the page itself (the TEST gateway).
   */
  async hostedPage(
    ctx: RequestContext,
    caller: Caller,
    req: { kind: HostedPageRequest['kind']; amount: string | null; currency: string; redirectUrl: string | null; backUrl: string | null },
  ): Promise<{ url: string | null; gateway: string }> {
    const amountMinor = req.amount === null ? null : toMinor(req.amount, req.currency, 'amount');
    if (amountMinor === null && req.kind !== 'CARD') throw AppError.validation('amount', 'is required', 'REQUIRED');
    if (!/^[A-Z]{3}$/.test(req.currency)) throw AppError.validation('currency_code', 'must be an ISO 4217 code', 'INVALID_VALUE');
    if (req.kind === 'PAYOUT' && !this.intents.supportsPayouts)
      throw AppError.validation('integration_id', `the ${this.gateway.name} gateway does not pay out to cards`, 'PAYOUT_NOT_SUPPORTED');
    const contact = caller.contactId;
    const account = contact ? await this.ledger.primaryAccountOf(ctx.tenantId, contact) : null;
    const metadata: Record<string, string> = { [INTENT_TENANT]: ctx.tenantId, kind: req.kind };
    if (contact) metadata[INTENT_CONTACT] = contact;
    if (account) metadata[INTENT_ACCOUNT] = account.id;
    try {
      const page = await this.intents.hostedPage({
        kind: req.kind,
        amountMinor,
        currency: req.currency,
        customerRef: contact,
        successUrl: req.redirectUrl ?? 'https://example.invalid/payment/done',
        cancelUrl: req.backUrl ?? req.redirectUrl ?? 'https://example.invalid/payment/cancelled',
        description: req.kind === 'TOP_UP' ? 'Top-up' : req.kind === 'PASS' ? 'Gift pass' : 'Payment',
        metadata,
      });
      return { url: page?.url ?? null, gateway: this.gateway.name };
    } catch (err) {
      if (err instanceof GatewayFailure) throw this.gatewayDown(err, { kind: req.kind });
      throw err;
    }
  }

  // ---- payouts -------------------------------------------------------------------------------

  async payout(ctx: RequestContext, caller: Caller, req: PayoutRequest, idempotencyKey: string | null): Promise<WithTokens<PayoutState>> {
    if (!req.walletId) throw AppError.validation('wallet_id', 'is required', 'REQUIRED');
    const wallet = await this.wallets.wallet(ctx.tenantId, req.walletId);
    if (!wallet || (caller.contactId && wallet.contactId !== caller.contactId)) throw AppError.notFound('wallet', req.walletId);
    toMinor(req.amount, wallet.currency, 'amount');
    const method = await this.methodOf(ctx.tenantId, wallet.contactId, req.paymentMethodId);
    if (!this.intents.supportsPayouts)
      throw AppError.validation(
        'payment_method',
        `the ${this.gateway.name} gateway does not pay out to cards; nothing was moved`,
        'PAYOUT_NOT_SUPPORTED',
      );
    const opened = await this.payoutsHandler.run(
      ctx,
      { create: true, id: null },
      (s) =>
        requestPayout(s, {
          contactId: wallet.contactId,
          walletId: wallet.id,
          paymentMethodId: method.id,
          token: method.token,
          gateway: this.gateway.name,
          amount: req.amount,
          currency: wallet.currency,
          notes: req.notes,
        }),
      idempotencyKey ? { scope: 'billing.payout', key: idempotencyKey, request: { ...req, contactId: wallet.contactId } } : null,
    );
    return this.drivePayout(ctx, opened.state, method.token!);
  }

  private async drivePayout(ctx: RequestContext, state: PayoutState, token: string): Promise<WithTokens<PayoutState>> {
    let s = state;
    let tokens: string[] = [];
    if (s.status === 'REQUESTED') {
      let debit;
      try {
        debit = await this.ledger.debitPayout(
          ctx.tenantId,
          { walletId: s.walletId, amount: s.amount, currency: s.currency, reference: `payout:${s.id}` },
          `payout:${s.id}:debit`,
        );
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION') {
          await this.payoutsHandler.run(ctx, { create: false, ref: s.id }, (cur) =>
            failPayout(cur, { code: err.reason ?? 'REFUSED', reason: err.message, reversalTransactionId: null }),
          );
          throw new AppError('VALIDATION', err.message.startsWith('amount') ? err.message : `amount: ${err.message}`, {
            field: 'amount',
            reason: err.reason === 'INSUFFICIENT_FUNDS' ? 'INSUFFICIENT_FUNDS' : 'INVALID_AMOUNT',
          });
        }
        throw err;
      }
      tokens = debit.consistencyTokens;
      s = (await this.payoutsHandler.run(ctx, { create: false, ref: s.id }, (cur) => recordPayoutDebit(cur, debit.transactionId))).state;
    }
    if (s.status === 'DEBITED') {
      let paid: GatewayCharge;
      try {
        paid = await this.intents.payout({
          amountMinor: toMinor(s.amount, s.currency),
          currency: s.currency,
          token,
          description: `Payout ${s.id}`,
          idempotencyKey: `payout:${s.id}:pay`,
        });
      } catch (err) {
        if (err instanceof GatewayFailure) throw this.gatewayDown(err, { payoutId: s.id });
        throw err;
      }
      if (paid.status === 'succeeded') {
        s = (await this.payoutsHandler.run(ctx, { create: false, ref: s.id }, (cur) => recordPayoutPaid(cur, paid.id))).state;
      } else {
        const reversal = await this.ledger.reverse(
          ctx.tenantId,
          s.ledgerTransactionId!,
          `payout ${s.id} refused by the gateway`,
          `payout:${s.id}:reverse`,
        );
        tokens = reversal.consistencyTokens;
        s = (
          await this.payoutsHandler.run(ctx, { create: false, ref: s.id }, (cur) =>
            failPayout(cur, {
              code: paid.code ?? 'payout_declined',
              reason: paid.reason ?? 'refused',
              reversalTransactionId: reversal.transactionId,
            }),
          )
        ).state;
      }
    }
    if (s.status === 'FAILED') {
      if (s.reversalTransactionId) throw declined(s.failureReason);
      throw AppError.validation('amount', s.failureReason ?? 'the payout was refused', 'INVALID_AMOUNT');
    }
    return { ...s, ledgerConsistencyTokens: tokens };
  }

  async payoutOf(tenantId: string, id: string): Promise<PayoutState | null> {
    return payoutStore.findById(this.dataSource, tenantId, id);
  }
}
