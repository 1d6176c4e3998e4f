import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { SELF } from '@crm/platform/auth';
import { asPayload, formatConsistencyToken, type SubgraphContext } from '@crm/platform/graphql';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import {
  DELIVERY_METHODS,
  ESTIMATE_PAYMENT_METHOD_TYPES,
  ORDER_ACTIONS,
  PAYMENT_METHOD_TYPES,
  SUPPLY_METHODS,
} from '@crm/event-bus/contracts/orders';
import type { OrderCommands, OrdersRequest } from '../application/order-commands';
import type { EstimateState } from '../domain/estimate';
import { formatMoney, toMicro } from '../domain/money';
import { EstimateOrderInput, OrderActionPayload, OrderEstimate, OrderEstimatePayload, PlaceOrderInput, PlaceOrderPayload } from './types';

function oneOf<T extends string>(values: readonly T[], field: string, value: string): T {
  if (!(values as readonly string[]).includes(value)) throw AppError.validation(field, `must be one of ${values.join(', ')}`, 'INVALID_ENUM');
  return value as T;
}

function idOf(field: string, value: string): string {
  const id = canonicalId(value);
  if (!id) throw AppError.validation(field, 'must be a UUID', 'INVALID_ID');
  return id;
}

/** A positive decimal amount with at most 6 fraction digits. */
function amountOf(field: string, value: string): string {
  if (!/^\d{1,12}(\.\d{1,6})?$/.test(value)) throw AppError.validation(field, 'must be a non-negative decimal amount', 'INVALID_VALUE');
  return value;
}

function text(field: string, value: string | null | undefined, max: number): string | null {
  if (value == null) return null;
  if (value.length > max) throw AppError.validation(field, `must be at most ${max} characters`, 'TOO_LONG');
  return value;
}

const requestOf = (ctx: SubgraphContext): OrdersRequest => ({
  tenantId: ctx.principal.tenantId,
  correlationId: ctx.correlationId,
  actor: { kind: ctx.principal.kind, id: ctx.principal.subjectId },
  owner: ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null,
});

export function estimateOf(e: EstimateState, now: Date): OrderEstimate {
  const wallet = e.wallet ? toMicro(e.wallet.amount) : 0n;
  return {
    id: e.id,
    contactId: e.contactId,
    accountId: e.accountId,
    supplyMethod: e.supplyMethod,
    currency: e.currency,
    lines: e.lines,
    invalidProducts: e.invalidProducts.map((p) => ({ ...p })),
    net: e.totals.net,
    tax: e.totals.tax,
    discount: e.totals.discount,
    total: e.totals.total,
    walletFunds: formatMoney(wallet, e.currency),
    amountToCollect: formatMoney(toMicro(e.totals.total) - wallet, e.currency),
    orderingAllowed: e.lines.length > 0,
    expiresAt: e.expiresAt,
    expiresInSeconds: Math.max(0, Math.round((e.expiresAt.getTime() - now.getTime()) / 1000)),
  };
}

@Resolver()
export class OrderMutationsResolver {
  constructor(private readonly commands: OrderCommands) {}

  @Authorized(['orders.read', SELF])
  @Query(() => OrderEstimate, {
    nullable: true,
    description:
      'An order estimate by id, as it was made (recommendations read its products); null when the tenant has none (or, for a contact, it is not its own).',
  })
  async orderEstimate(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<OrderEstimate | null> {
    const canonical = canonicalId(id);
    const found = canonical ? await this.commands.findEstimate(requestOf(ctx), canonical) : null;
    return found ? estimateOf(found, new Date()) : null;
  }

  @Authorized(['orders.write', SELF])
  @Mutation(() => OrderEstimatePayload, {
    description:
      'Estimates an order: prices from the catalogue, products left out with their reason, and (useWalletFunds) wallet funds reserved towards the total until the estimate expires. A contact estimates for its own account only.',
  })
  estimateOrder(@Arg('input', () => EstimateOrderInput) input: EstimateOrderInput, @Ctx() ctx: SubgraphContext): Promise<OrderEstimatePayload> {
    return asPayload<OrderEstimatePayload>(
      async () => {
        if (input.items.length === 0) throw AppError.validation('items', 'must name at least one product', 'REQUIRED');
        if (input.items.length > 100) throw AppError.validation('items', 'must be at most 100', 'TOO_MANY');
        const cmd = {
          accountId: idOf('accountId', input.accountId),
          supplyMethod: oneOf(SUPPLY_METHODS, 'supplyMethod', input.supplyMethod),
          deliveryMethod: input.deliveryMethod == null ? null : oneOf(DELIVERY_METHODS, 'deliveryMethod', input.deliveryMethod),
          paymentMethodType: oneOf(ESTIMATE_PAYMENT_METHOD_TYPES, 'paymentMethodType', input.paymentMethodType),
          fulfilledBy: text('fulfilledBy', input.fulfilledBy, 64),
          addressId: text('addressId', input.addressId, 64),
          notes: text('notes', input.notes, 2000),
          items: input.items.map((item, i) => ({
            productId: idOf(`items.${i}.productId`, item.productId),
            quantity: item.quantity,
            priceTermsId: item.priceTermsId == null ? null : idOf(`items.${i}.priceTermsId`, item.priceTermsId),
            notes: text(`items.${i}.notes`, item.notes, 500),
          })),
          useWalletFunds: input.useWalletFunds ?? false,
          walletFundsAmount: input.walletFundsAmount == null ? null : amountOf('walletFundsAmount', input.walletFundsAmount),
        };
        const result = await this.commands.estimate(requestOf(ctx), cmd);
        return { estimate: estimateOf(result.state, new Date()), errors: [] };
      },
      () => ({ estimate: null, errors: [] }),
    );
  }

  @Authorized(['orders.write', SELF])
  @Mutation(() => PlaceOrderPayload, {
    description:
      'Places the order of an estimate (once; an expired estimate cannot be ordered): captures the wallet funds it holds through the ledger and numbers the order per tenant (O000001). A contact orders from its own estimates only.',
  })
  placeOrder(@Arg('input', () => PlaceOrderInput) input: PlaceOrderInput, @Ctx() ctx: SubgraphContext): Promise<PlaceOrderPayload> {
    return asPayload<PlaceOrderPayload>(
      async () => {
        const payments = (input.payments ?? []).map((p, i) => ({
          paymentMethodType: oneOf(PAYMENT_METHOD_TYPES, `payments.${i}.paymentMethodType`, p.paymentMethodType),
          amount: p.amount == null ? null : amountOf(`payments.${i}.amount`, p.amount),
          paymentMethodId: text(`payments.${i}.paymentMethodId`, p.paymentMethodId, 64),
        }));
        if (payments.length > 10) throw AppError.validation('payments', 'must be at most 10', 'TOO_MANY');
        const result = await this.commands.place(requestOf(ctx), {
          estimateId: idOf('estimateId', input.estimateId),
          useWalletFunds: input.useWalletFunds ?? null,
          walletFundsAmount: input.walletFundsAmount == null ? null : amountOf('walletFundsAmount', input.walletFundsAmount),
          payments,
          notes: text('notes', input.notes, 2000),
        });
        return { id: result.state.id, number: result.state.number, consistencyToken: formatConsistencyToken(result.consistency), errors: [] };
      },
      () => ({ id: null, number: null, consistencyToken: null, errors: [] }),
    );
  }

  @Authorized(['orders.write', SELF])
  @Mutation(() => OrderActionPayload, {
    description:
      'START_PROGRESS, COMPLETE, HOLD, RESUME or CANCEL (with its reason) move the order along its queue; MARK_FAVORITE marks it. A cancel refunds the wallet funds the order took. A contact may cancel its own NEW orders and mark favorites.',
  })
  orderAction(
    @Arg('id', () => ID) id: string,
    @Arg('action', () => String) action: string,
    @Arg('cancellationReasonId', () => ID, { nullable: true }) cancellationReasonId: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OrderActionPayload> {
    return asPayload<OrderActionPayload>(
      async () => {
        const orderId = canonicalId(id);
        if (!orderId) throw new AppError('NOT_FOUND', 'no such order', { reason: 'ORDER_NOT_FOUND' });
        const result = await this.commands.act(
          requestOf(ctx),
          orderId,
          oneOf(ORDER_ACTIONS, 'action', action),
          cancellationReasonId == null ? null : idOf('cancellationReasonId', cancellationReasonId),
        );
        return { id: result.state.id, state: result.state.state, consistencyToken: formatConsistencyToken(result.consistency), errors: [] };
      },
      () => ({ id: null, state: null, consistencyToken: null, errors: [] }),
    );
  }
}
