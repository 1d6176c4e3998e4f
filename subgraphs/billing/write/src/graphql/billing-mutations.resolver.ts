import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import { assertOwnContact, SELF } from '@crm/platform/auth';
import { asPayload, formatConsistencyToken, UserError, type SubgraphContext } from '@crm/platform/graphql';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import type { RequestContext } from '@crm/event-bus/kit';
import { CARD_BRANDS, GATEWAYS, PAYMENT_METHOD_TYPES } from '@crm/event-bus/contracts/billing';
import type { PaymentMethodCommands } from '../application/payment-method-commands';
import type { TopupCommands } from '../application/topup-commands';
import type { PaymentMethod } from '../domain/payment-method';
import { GatewayTokenInput, PaymentMethodInput, TopupInput, UpdatePaymentMethodInput } from './inputs';

@ObjectType({ description: 'Result of a payment method mutation.' })
export class PaymentMethodPayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true, description: 'Send as `x-consistency-token` with a later query to read at least this write.' })
  consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType({ description: 'A top-up of a wallet: charged by the gateway, credited through the ledger.' })
export class Topup {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'REQUESTED, CHARGED, DECLINED or COMPLETED.' }) status: string;
  @Field(() => ID) contactId: string;
  @Field(() => ID) walletId: string;
  @Field(() => ID) paymentMethodId: string;
  @Field(() => String) amount: string;
  @Field(() => String) currency: string;
  @Field(() => String) gateway: string;
  @Field(() => ID, { nullable: true }) ledgerTransactionId: string | null;
  @Field(() => Date) createdAt: Date;
}

@ObjectType()
export class TopupPayload {
  @Field(() => Topup, { nullable: true }) topup: Topup | null;
  @Field(() => String, { nullable: true, description: 'Send as `x-consistency-token` with a later query to read at least this write.' })
  consistencyToken: string | null;
  @Field(() => [String], { description: "The ledger's consistency tokens of the wallet credit (read the new balance at once)." })
  consistencyTokens: string[];
  @Field(() => [UserError]) errors: UserError[];
}

const requestOf = (ctx: SubgraphContext): RequestContext => ({
  tenantId: ctx.principal.tenantId,
  correlationId: ctx.correlationId,
  actor: { kind: ctx.principal.kind, id: ctx.principal.subjectId },
});

function oneOf<T extends string>(values: readonly T[], field: string, value: string): T {
  const v = value.trim().toUpperCase();
  if (!(values as readonly string[]).includes(v)) throw AppError.validation(field, `must be one of ${values.join(', ')}`, 'INVALID_ENUM');
  return v as T;
}

const idOf = (field: string, raw: string, subject: 'contact' | 'payment method'): string => {
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

const tokensOf = (field: string, tokens: GatewayTokenInput[] | null | undefined) => {
  if ((tokens?.length ?? 0) > 5) throw AppError.validation(field, 'at most 5 tokens', 'TOO_MANY');
  return (tokens ?? []).map((t, i) => {
    const token = t.token.trim();
    if (!token || token.length > 255) throw AppError.validation(`${field}.${i}.token`, 'must be 1 to 255 characters', 'INVALID_LENGTH');
    return { gateway: oneOf(GATEWAYS, `${field}.${i}.gateway`, t.gateway ?? 'TEST'), token };
  });
};

/** The method as stored: a card keeps only first6 / last4 / brand / expiry; an IBAN only its last 4 characters. */
function methodOf(input: PaymentMethodInput): Omit<PaymentMethod, 'id'> {
  const type = oneOf(PAYMENT_METHOD_TYPES, 'payment_method_type', input.type);
  const c = input.card;
  if (type === 'CARD' && !c) throw AppError.validation('card', 'is required for a CARD', 'REQUIRED');
  if (c && !/^\d{6}$/.test(c.first6)) throw AppError.validation('card.first6', 'must be the first 6 digits', 'INVALID_VALUE');
  if (c && !/^\d{4}$/.test(c.last4)) throw AppError.validation('card.last4', 'must be the last 4 digits', 'INVALID_VALUE');
  if (c && (!Number.isInteger(c.expirationMonth) || c.expirationMonth < 1 || c.expirationMonth > 12))
    throw AppError.validation('card.expiration_month', 'must be 1 to 12', 'INVALID_VALUE');
  if (c && (!Number.isInteger(c.expirationYear) || c.expirationYear < 2000 || c.expirationYear > 2100))
    throw AppError.validation('card.expiration_year', 'must be a four-digit year', 'INVALID_VALUE');
  const card =
    type === 'CARD' && c
      ? {
          name: text('card.name', c.name, 100),
          first6: c.first6,
          last4: c.last4,
          brand: oneOf(CARD_BRANDS, 'card.brand', c.brand ?? 'UNKNOWN'),
          fundingType: text('card.funding_type', c.fundingType, 20),
          expirationMonth: c.expirationMonth,
          expirationYear: c.expirationYear,
          holderName: text('card.card_holder_details.card_holder_name', c.holderName, 100),
        }
      : null;
  const d = input.accountDebit;
  const w = input.wallet;
  if (type === 'ACCOUNT_DEBIT' && !d) throw AppError.validation('account_debit', 'is required for an ACCOUNT_DEBIT', 'REQUIRED');
  if (type === 'WALLET' && !w) throw AppError.validation('wallet', 'is required for a WALLET', 'REQUIRED');
  const iban = d?.iban?.replace(/\s/g, '') ?? null;
  return {
    type,
    name: text('name', input.name, 100),
    notes: text('notes', input.notes, 500),
    card,
    accountDebit:
      type === 'ACCOUNT_DEBIT' && d
        ? {
            accountName: text('account_debit.account_name', d.accountName, 100),
            ibanLast4: iban ? iban.slice(-4) : null,
            bank: text('account_debit.bank', d.bank, 100),
          }
        : null,
    wallet: type === 'WALLET' && w ? { email: text('wallet.email', w.email, 200) } : null,
    gatewayTokens:
      type === 'CARD'
        ? tokensOf('card.gateway_token', c?.gatewayTokens)
        : type === 'ACCOUNT_DEBIT'
          ? tokensOf('account_debit.gateway_token', d?.gatewayTokens)
          : tokensOf('wallet.gateway_token', w?.gatewayTokens),
  };
}

/** A mutation on the contact's own methods (a contact may only touch its own); its payload carries the write's consistency token. */
function onOwnMethods(
  ctx: SubgraphContext,
  contactId: string,
  run: (contact: string) => Promise<{ id: string; consistency: Parameters<typeof formatConsistencyToken>[0] }>,
): Promise<PaymentMethodPayload> {
  return asPayload<PaymentMethodPayload>(
    async () => {
      const contact = idOf('contactId', contactId, 'contact');
      assertOwnContact(ctx.principal, contact);
      const { id, consistency } = await run(contact);
      return { id, consistencyToken: formatConsistencyToken(consistency), errors: [] };
    },
    () => ({ id: null, consistencyToken: null, errors: [] }),
  );
}

const toTopup = (s: Awaited<ReturnType<TopupCommands['topup']>>): Topup => ({
  id: s.id,
  status: s.status,
  contactId: s.contactId,
  walletId: s.walletId,
  paymentMethodId: s.paymentMethodId,
  amount: s.amount,
  currency: s.currency,
  gateway: s.gateway,
  ledgerTransactionId: s.ledgerTransactionId,
  createdAt: s.createdAt,
});

@Resolver()
export class BillingMutationsResolver {
  constructor(
    private readonly methods: PaymentMethodCommands,
    private readonly topups: TopupCommands,
  ) {}

  @Authorized(['billing.write', SELF])
  @Mutation(() => PaymentMethodPayload, {
    description:
      "Adds a payment method to a contact (a card only as first6/last4/brand/expiry and gateway tokens; a card number anywhere is refused). The contact's first method becomes primary. Repeating a call with the same idempotencyKey returns the first result.",
  })
  addContactPaymentMethod(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('input', () => PaymentMethodInput) input: PaymentMethodInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PaymentMethodPayload> {
    return onOwnMethods(ctx, contactId, async (contact) => {
      const { id, result } = await this.methods.add(requestOf(ctx), contact, methodOf(input), input.isPrimary === true, idempotencyKey);
      return { id, consistency: result.consistency };
    });
  }

  @Authorized(['billing.write', SELF])
  @Mutation(() => PaymentMethodPayload, { description: 'Changes a payment method (name, notes, card expiry) or makes it primary.' })
  updateContactPaymentMethod(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('paymentMethodId', () => ID) paymentMethodId: string,
    @Arg('input', () => UpdatePaymentMethodInput) input: UpdatePaymentMethodInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PaymentMethodPayload> {
    return onOwnMethods(ctx, contactId, async (contact) => {
      const id = idOf('paymentMethodId', paymentMethodId, 'payment method');
      const result = await this.methods.update(requestOf(ctx), {
        contactId: contact,
        paymentMethodId: id,
        ...(input.name !== undefined ? { name: text('name', input.name, 100) } : {}),
        ...(input.notes !== undefined ? { notes: text('notes', input.notes, 500) } : {}),
        primary: input.isPrimary ?? null,
        expirationMonth: input.expirationMonth ?? null,
        expirationYear: input.expirationYear ?? null,
      });
      return { id, consistency: result.consistency };
    });
  }

  @Authorized(['billing.write', SELF])
  @Mutation(() => PaymentMethodPayload, { description: 'Removes a payment method; if it was primary, the oldest remaining one becomes primary.' })
  removeContactPaymentMethod(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('paymentMethodId', () => ID) paymentMethodId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PaymentMethodPayload> {
    return onOwnMethods(ctx, contactId, async (contact) => {
      const id = idOf('paymentMethodId', paymentMethodId, 'payment method');
      return { id, consistency: (await this.methods.remove(requestOf(ctx), contact, id)).consistency };
    });
  }

  @Authorized(['billing.write', SELF])
  @Mutation(() => TopupPayload, {
    description:
      "Tops up a wallet: charges the contact's payment method through the gateway, then credits the wallet's OPEN pocket through the ledger (TOPUP_CLEARING → wallet, transaction type TOP_UP). A declined card is a VALIDATION error (PAYMENT_DECLINED) with the gateway's reason, and nothing moves. Repeating a call with the same idempotencyKey resumes or returns the first top-up.",
  })
  createTopup(
    @Arg('input', () => TopupInput) input: TopupInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TopupPayload> {
    return asPayload<TopupPayload>(
      async () => {
        const caller = { contactId: ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null };
        const paymentMethodId = input.paymentMethodId == null ? null : canonicalId(input.paymentMethodId);
        if (input.paymentMethodId != null && !paymentMethodId) throw AppError.notFound('payment method', input.paymentMethodId);
        const currency = input.currency == null ? null : input.currency.trim().toUpperCase();
        const state = await this.topups.topup(
          requestOf(ctx),
          caller,
          { walletId: input.walletId.trim(), paymentMethodId, amount: input.amount.trim(), currency, notes: text('notes', input.notes, 500) },
          idempotencyKey,
        );
        // no read model holds top-ups: the tokens to wait for are the ledger's (the wallet's new balance)
        return { topup: toTopup(state), consistencyToken: null, consistencyTokens: state.ledgerConsistencyTokens, errors: [] };
      },
      () => ({ topup: null, consistencyToken: null, consistencyTokens: [], errors: [] }),
    );
  }
}
