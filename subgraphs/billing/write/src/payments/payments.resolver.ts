import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { SELF } from '@crm/platform/auth';
import { asPayload, formatConsistencyToken, UserError, type SubgraphContext } from '@crm/platform/graphql';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import type { RequestContext } from '@crm/event-bus/kit';
import { PAYMENT_AGGREGATE, PAYOUT_AGGREGATE } from '@crm/event-bus/contracts/billing';
import type { StripeGateway } from '../gateway/stripe-gateway';
import type { PaymentCommands } from './payment-commands';

@InputType({ description: "A payment of a contact's account: charged by the gateway, credited to the account through the ledger." })
export class PaymentInput {
  @Field(() => ID, { nullable: true, description: "The contact's financial account (its primary one when omitted)." }) accountId?: string | null;
  @Field(() => ID, { nullable: true }) contactId?: string | null;
  @Field(() => ID, { nullable: true, description: "The contact's payment method (its primary one when omitted)." }) paymentMethodId?: string | null;
  @Field(() => String, { description: 'A positive decimal string, exact to the currency minor unit.' }) amount: string;
  @Field(() => String, { nullable: true, description: "The account's currency when omitted." }) currency?: string | null;
  @Field(() => String, { nullable: true }) code?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
}

@InputType()
export class PayoutInput {
  @Field(() => String) walletId: string;
  @Field(() => ID) paymentMethodId: string;
  @Field(() => String) amount: string;
  @Field(() => String, { nullable: true }) notes?: string | null;
}

@InputType()
export class PaymentIntentInput {
  @Field(() => String) amount: string;
  @Field(() => String) currency: string;
  @Field(() => String, { nullable: true, description: 'AUTOMATIC (default) or ON_HOLD.' }) capture?: string | null;
  @Field(() => ID, { nullable: true }) paymentMethodId?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@ObjectType({ description: 'A payment, a refund of it, or a payout: where its saga is.' })
export class PaymentOutcome {
  @Field(() => ID) id: string;
  @Field(() => String, {
    description: 'Payments: REQUESTED, CHARGED, DECLINED, POSTED, REFUNDED, VOIDED. Payouts: REQUESTED, DEBITED, PAID, FAILED.',
  })
  status: string;
  @Field(() => String) amount: string;
  @Field(() => String) currency: string;
  @Field(() => ID, { nullable: true }) ledgerTransactionId: string | null;
}

@ObjectType()
export class PaymentOutcomePayload {
  @Field(() => PaymentOutcome, { nullable: true }) payment: PaymentOutcome | null;
  @Field(() => String, { nullable: true, description: 'Send as `x-consistency-token` with a later query to read at least this write.' })
  consistencyToken: string | null;
  @Field(() => [String], { description: "The ledger's consistency tokens of the posting (read the new balance at once)." })
  consistencyTokens: string[];
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class PaymentIntentResult {
  @Field(() => ID) id: string;
  @Field(() => String) clientSecret: string;
  @Field(() => String, { description: 'REQUIRES_CAPTURING, REJECTED, COMPLETED, PENDING or CANCELLED.' }) state: string;
}

@ObjectType()
export class PaymentIntentPayload {
  @Field(() => String, { nullable: true, description: 'Nothing to wait for: always null.' }) consistencyToken: string | null;
  @Field(() => PaymentIntentResult, { nullable: true }) intent: PaymentIntentResult | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class ClientTokenPayload {
  @Field(() => String, { nullable: true, description: 'Nothing to wait for: always null.' }) consistencyToken: string | null;
  @Field(() => String, { nullable: true, description: "The gateway's client token (Stripe: a SetupIntent's client secret)." }) token: string | null;
  @Field(() => String, { nullable: true }) gateway: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@InputType()
export class PaymentPageInput {
  @Field(() => String, { description: 'PAYMENT, TOP_UP, CARD (save a card), PAYOUT or PASS.' }) kind: string;
  @Field(() => String, { nullable: true }) amount?: string | null;
  @Field(() => String) currency: string;
  @Field(() => String, { nullable: true }) redirectUrl?: string | null;
  @Field(() => String, { nullable: true }) backUrl?: string | null;
}

@ObjectType()
export class PaymentPagePayload {
  @Field(() => String, {
    nullable: true,
    description: "The gateway's hosted page (Stripe Checkout), or null: the platform serves the page (TEST gateway).",
  })
  url: string | null;
  @Field(() => String, { nullable: true }) gateway: string | null;
  @Field(() => String, { nullable: true, description: 'Nothing to wait for: always null.' }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class StripeWebhookPayload {
  @Field(() => String, { nullable: true, description: 'Nothing to wait for: always null.' }) consistencyToken: string | null;
  @Field(() => Boolean) handled: boolean;
  @Field(() => ID, { nullable: true, description: 'The payment the event settled.' }) paymentId: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

const requestOf = (ctx: SubgraphContext): RequestContext => ({
  tenantId: ctx.principal.tenantId,
  correlationId: ctx.correlationId,
  actor: { kind: ctx.principal.kind, id: ctx.principal.subjectId },
});
const callerOf = (ctx: SubgraphContext) => ({ contactId: ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null });

const idOf = (raw: string | null | undefined, subject: 'payment' | 'payment method' | 'account' | 'contact' | 'payout'): string | null => {
  if (raw == null) return null;
  const id = canonicalId(raw);
  if (!id) throw AppError.notFound(subject, raw);
  return id;
};

const text = (field: string, v: string | null | undefined, max: number): string | null => {
  if (v == null) return null;
  const t = v.trim();
  if (t.length > max) throw AppError.validation(field, `must be at most ${max} characters`, 'TOO_LONG');
  return t.length ? t : null;
};

const outcome = (s: { id: string; status: string; amount: string; currency: string; ledgerTransactionId: string | null }): PaymentOutcome => ({
  id: s.id,
  status: s.status,
  amount: s.amount,
  currency: s.currency,
  ledgerTransactionId: s.ledgerTransactionId,
});

const empty = () => ({ payment: null, consistencyToken: null, consistencyTokens: [], errors: [] });

@Resolver()
export class PaymentsMutationsResolver {
  constructor(
    private readonly payments: PaymentCommands,
    private readonly stripe: StripeGateway | null,
  ) {}

  @Authorized(['billing.write', SELF])
  @Mutation(() => PaymentOutcomePayload, {
    description:
      "Pays into a contact's financial account: charges the contact's payment method through the gateway, then credits the account through the ledger (TOPUP_CLEARING → account, transaction type PAYMENT), once. A declined card is a VALIDATION error (PAYMENT_DECLINED) and nothing moves. The same idempotencyKey resumes or returns the first payment.",
  })
  createPayment(
    @Arg('input', () => PaymentInput) input: PaymentInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PaymentOutcomePayload> {
    return asPayload<PaymentOutcomePayload>(async () => {
      const s = await this.payments.pay(
        requestOf(ctx),
        callerOf(ctx),
        {
          accountId: idOf(input.accountId, 'account'),
          contactId: idOf(input.contactId, 'contact'),
          paymentMethodId: idOf(input.paymentMethodId, 'payment method'),
          amount: input.amount.trim(),
          currency: input.currency?.trim().toUpperCase() || null,
          code: text('code', input.code, 64),
          notes: text('notes', input.notes, 500),
        },
        idempotencyKey,
      );
      return {
        payment: outcome(s),
        consistencyToken: formatConsistencyToken({ aggregateType: PAYMENT_AGGREGATE, aggregateId: s.id, version: s.version }),
        consistencyTokens: s.ledgerConsistencyTokens,
        errors: [],
      };
    }, empty);
  }

  @Authorized(['billing.write'])
  @Mutation(() => PaymentOutcomePayload, {
    description:
      'Refunds a posted payment (all that is left when amount is omitted): the gateway refunds, then the ledger debits the account (transaction type REFUND). With void: the whole payment, its ledger credit reversed, and the payment VOIDED. The same idempotencyKey finishes the same refund, never a second one.',
  })
  refundPayment(
    @Arg('paymentId', () => ID) paymentId: string,
    @Arg('amount', () => String, { nullable: true }) amount: string | null,
    @Arg('void', () => Boolean, { nullable: true, defaultValue: false }) isVoid: boolean,
    @Arg('notes', () => String, { nullable: true }) notes: string | null,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PaymentOutcomePayload> {
    return asPayload<PaymentOutcomePayload>(async () => {
      const id = idOf(paymentId, 'payment')!;
      if (isVoid && amount != null) throw AppError.validation('amount', 'a void refunds the whole payment: leave amount out', 'INVALID_AMOUNT');
      const s = await this.payments.refund(
        requestOf(ctx),
        id,
        { amount: amount?.trim() ?? null, void: isVoid, notes: text('notes', notes, 500) },
        idempotencyKey,
      );
      return {
        payment: outcome(s),
        consistencyToken: formatConsistencyToken({ aggregateType: PAYMENT_AGGREGATE, aggregateId: s.id, version: s.version }),
        consistencyTokens: s.ledgerConsistencyTokens,
        errors: [],
      };
    }, empty);
  }

  @Authorized(['billing.write', SELF])
  @Mutation(() => PaymentOutcomePayload, {
    description:
      "Pays money out of a contact's wallet to one of its payment methods: the wallet's OPEN pocket is debited through the ledger (→ PAYOUT_CLEARING, transaction type PAYOUT, never beyond what it can spend), then the gateway pays out; a refusal reverses the debit. The same idempotencyKey resumes or returns the first payout.",
  })
  createPayout(
    @Arg('input', () => PayoutInput) input: PayoutInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PaymentOutcomePayload> {
    return asPayload<PaymentOutcomePayload>(async () => {
      const s = await this.payments.payout(
        requestOf(ctx),
        callerOf(ctx),
        {
          walletId: input.walletId.trim(),
          paymentMethodId: idOf(input.paymentMethodId, 'payment method')!,
          amount: input.amount.trim(),
          notes: text('notes', input.notes, 500),
        },
        idempotencyKey,
      );
      return {
        payment: outcome(s),
        consistencyToken: formatConsistencyToken({ aggregateType: PAYOUT_AGGREGATE, aggregateId: s.id, version: s.version }),
        consistencyTokens: s.ledgerConsistencyTokens,
        errors: [],
      };
    }, empty);
  }

  @Authorized(['billing.write', SELF])
  @Mutation(() => ClientTokenPayload, {
    description: "A client token of the gateway for the contact (Stripe: a SetupIntent's client secret, to save a card).",
  })
  contactClientToken(@Arg('contactId', () => ID) contactId: string, @Ctx() ctx: SubgraphContext): Promise<ClientTokenPayload> {
    return asPayload<ClientTokenPayload>(
      async () => {
        const t = await this.payments.clientToken(requestOf(ctx), callerOf(ctx), idOf(contactId, 'contact')!);
        return { token: t.token, gateway: t.gateway, consistencyToken: null, errors: [] };
      },
      () => ({ token: null, gateway: null, consistencyToken: null, errors: [] }),
    );
  }

  @Authorized(['billing.write', SELF])
  @Mutation(() => PaymentIntentPayload, {
    description:
      "Opens a payment intent for the contact (Stripe: a PaymentIntent; capture ON_HOLD only authorises). When the gateway reports it succeeded (webhook), one payment of the contact's primary account is posted, once.",
  })
  createPaymentIntent(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('input', () => PaymentIntentInput) input: PaymentIntentInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PaymentIntentPayload> {
    return asPayload<PaymentIntentPayload>(
      async () => {
        const capture = (input.capture ?? 'AUTOMATIC').trim().toUpperCase();
        if (capture !== 'AUTOMATIC' && capture !== 'ON_HOLD')
          throw AppError.validation('capture', 'must be one of AUTOMATIC, ON_HOLD', 'INVALID_ENUM');
        const intent = await this.payments.createIntent(
          requestOf(ctx),
          callerOf(ctx),
          idOf(contactId, 'contact')!,
          {
            amount: input.amount.trim(),
            currency: input.currency.trim().toUpperCase(),
            capture,
            paymentMethodId: idOf(input.paymentMethodId, 'payment method'),
            description: text('statement_info', input.description, 200),
          },
          idempotencyKey,
        );
        return { intent, consistencyToken: null, errors: [] };
      },
      () => ({ intent: null, consistencyToken: null, errors: [] }),
    );
  }

  @Authorized(['billing.write', SELF])
  @Mutation(() => PaymentPagePayload, {
    description:
      "Where the payer enters a card for a payment, a top-up, a pass or to save it: the gateway's hosted page (Stripe Checkout) or, for the TEST gateway, null (the platform serves the page).",
  })
  paymentPage(@Arg('input', () => PaymentPageInput) input: PaymentPageInput, @Ctx() ctx: SubgraphContext): Promise<PaymentPagePayload> {
    return asPayload<PaymentPagePayload>(
      async () => {
        const kind = input.kind.trim().toUpperCase();
        const kinds = ['PAYMENT', 'TOP_UP', 'CARD', 'PAYOUT', 'PASS'] as const;
        if (!(kinds as readonly string[]).includes(kind)) throw AppError.validation('type', `must be one of ${kinds.join(', ')}`, 'INVALID_ENUM');
        const url = (field: string, v: string | null | undefined) => {
          if (v == null) return null;
          if (!/^https?:\/\/[^\s]{1,2000}$/.test(v)) throw AppError.validation(field, 'must be an http(s) URL', 'INVALID_VALUE');
          return v;
        };
        const page = await this.payments.hostedPage(requestOf(ctx), callerOf(ctx), {
          kind: kind as (typeof kinds)[number],
          amount: input.amount?.trim() ?? null,
          currency: input.currency.trim().toUpperCase(),
          redirectUrl: url('redirect_url', input.redirectUrl),
          backUrl: url('back_url', input.backUrl),
        });
        return { url: page.url, gateway: page.gateway, consistencyToken: null, errors: [] };
      },
      () => ({ url: null, gateway: null, consistencyToken: null, errors: [] }),
    );
  }

  @Authorized(['billing.write'])
  @Mutation(() => PaymentOutcomePayload, {
    description:
      'Settles a payment intent the gateway reports COMPLETED: one payment per intent, its account credited once however often this is called.',
  })
  settlePaymentIntent(@Arg('intentId', () => String) intentId: string, @Ctx() ctx: SubgraphContext): Promise<PaymentOutcomePayload> {
    return asPayload<PaymentOutcomePayload>(async () => {
      const s = await this.payments.settleIntent(requestOf(ctx), intentId.trim());
      return {
        payment: outcome(s),
        consistencyToken: formatConsistencyToken({ aggregateType: PAYMENT_AGGREGATE, aggregateId: s.id, version: s.version }),
        consistencyTokens: s.ledgerConsistencyTokens,
        errors: [],
      };
    }, empty);
  }

  @Authorized(['billing.write'])
  @Mutation(() => StripeWebhookPayload, {
    description:
      "A Stripe webhook (its raw body and Stripe-Signature header), verified with Stripe's library: payment_intent.succeeded settles its payment once (a redelivery changes nothing); other events are acknowledged and ignored.",
  })
  receiveStripeWebhook(
    @Arg('payload', () => String) payload: string,
    @Arg('signature', () => String) signature: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<StripeWebhookPayload> {
    return asPayload<StripeWebhookPayload>(
      async () => {
        if (!this.stripe) throw AppError.validation('signature', 'the tenant does not use the Stripe gateway', 'WEBHOOK_SIGNATURE_INVALID');
        let event;
        try {
          event = this.stripe.verifyWebhook(payload, signature);
        } catch {
          throw AppError.validation('signature', 'the Stripe signature does not hold', 'WEBHOOK_SIGNATURE_INVALID');
        }
        if (event.type !== 'payment_intent.succeeded') return { handled: false, paymentId: null, consistencyToken: null, errors: [] };
        const intent = event.data.object as { id: string };
        const s = await this.payments.settleIntent(requestOf(ctx), intent.id);
        return { handled: true, paymentId: s.id, consistencyToken: null, errors: [] };
      },
      () => ({ handled: false, paymentId: null, consistencyToken: null, errors: [] }),
    );
  }
}
