import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { ORDER_AGGREGATE, ORDER_ESTIMATE_AGGREGATE, type OrderAction, type Payment } from '@crm/event-bus/contracts/orders';
import { createEstimate, type CreateEstimate } from '../domain/create-estimate';
import { evolveEstimate, type EstimateChange, type EstimateState } from '../domain/estimate';
import { exactAmount, formatMoney, minOf, toMicro } from '../domain/money';
import { evolveOrder, type OrderChange, type OrderState } from '../domain/order';
import { checkOrderable, markEstimateOrdered, orderNumber, placeOrder, walletFundsToCapture, type WalletUse } from '../domain/place-order';
import { actOnOrder, checkAction } from '../domain/act-on-order';
import { priceOrder, type OrderedItem } from '../domain/pricing';
import { estimateStore, nextOrderNumber, orderStore } from '../persistence/stores';
import type { CatalogueItems } from '../persistence/catalogue-items';
import type { Ledger } from './ledger';

/** Reservation attempts of one estimate when the ledger refuses what its read side showed as available. */
const RESERVE_ATTEMPTS = 5;

const conflict = (what: string) => () =>
  new AppError('CONFLICT', `the ${what} was changed by another request; retry`, { reason: 'VERSION_CONFLICT' });

export const estimateAggregate: AggregateDefinition<EstimateState, EstimateChange> = {
  type: ORDER_ESTIMATE_AGGREGATE,
  evolve: evolveEstimate,
  store: estimateStore,
  versionConflict: conflict('order estimate'),
};

export const orderAggregate: AggregateDefinition<OrderState, OrderChange> = {
  type: ORDER_AGGREGATE,
  evolve: evolveOrder,
  store: orderStore,
  versionConflict: conflict('order'),
};

/** The caller: a signed-in contact acts for itself only (`owner`); anyone else for the tenant. */
export type OrdersRequest = RequestContext & { owner: string | null };

export interface EstimateOrder {
  accountId: string;
  supplyMethod: CreateEstimate['supplyMethod'];
  deliveryMethod: CreateEstimate['deliveryMethod'];
  paymentMethodType: CreateEstimate['paymentMethodType'];
  fulfilledBy: string | null;
  addressId: string | null;
  notes: string | null;
  items: OrderedItem[];
  useWalletFunds: boolean;
  /** At most this much of the wallet (default: as much as covers the total). */
  walletFundsAmount: string | null;
}

export interface SubmitOrder extends WalletUse {
  estimateId: string;
  payments: Payment[];
  notes: string | null;
}

export interface OrdersSettings {
  /** How long an estimate, and the wallet funds reserved for it, hold. */
  estimateTtlMs: number;
  /** How long to wait for products just created in the catalogue to reach the price view. */
  catalogueWaitMs: number;
}

/**
 * Estimates, orders and their actions on the kit's command handler. Value moves only through the
 * ledger (`Ledger`), each move keyed by the estimate or order it belongs to: reserve at estimate
 * (expiring with it), capture (or release) at order, refund at cancel.
 */
export class OrderCommands {
  readonly estimates: CommandHandler<EstimateState, EstimateChange>;
  readonly orders: CommandHandler<OrderState, OrderChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    private readonly onCommitted: () => void,
    private readonly catalogue: CatalogueItems,
    private readonly ledger: Ledger,
    private readonly settings: OrdersSettings,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.estimates = new CommandHandler(dataSource, registry, estimateAggregate, onCommitted, clock);
    this.orders = new CommandHandler(dataSource, registry, orderAggregate, onCommitted, clock);
  }

  private async products(tenantId: string, ids: string[]) {
    const started = Date.now();
    for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
      const found = await this.catalogue.products(tenantId, ids);
      if (ids.every((id) => found.has(id)) || Date.now() - started >= this.settings.catalogueWaitMs) return found;
      await new Promise((r) => setTimeout(r, pause));
    }
  }

  /**
   * Prices the order from the price view, then (use_wallet_funds) reserves what the contact's
   * wallet can give towards its total until the estimate expires, then records the estimate.
   */
  /** An estimate by id (tenant-scoped; a contact's own only; null otherwise), as it was made. */
  async findEstimate(ctx: OrdersRequest, id: string): Promise<EstimateState | null> {
    const estimate = await estimateStore.load(this.dataSource, ctx.tenantId, id);
    return estimate && (ctx.owner === null || estimate.contactId === ctx.owner) ? estimate : null;
  }

  async estimate(ctx: OrdersRequest, cmd: EstimateOrder): Promise<CommandResult<EstimateState>> {
    const now = this.clock();
    const account = await this.ledger.account(ctx.tenantId, cmd.accountId);
    if (!account?.contactId || (ctx.owner !== null && account.contactId !== ctx.owner))
      throw new AppError('NOT_FOUND', 'no such account', { reason: 'ACCOUNT_NOT_FOUND', field: 'accountId' });
    const contactId = account.contactId;
    const ids = [...new Set(cmd.items.map((i) => i.productId))];
    const priced = priceOrder({
      items: cmd.items,
      supplyMethod: cmd.supplyMethod,
      products: await this.products(ctx.tenantId, ids),
      catalogues: await this.catalogue.orderCatalogues(ctx.tenantId),
      lineIds: cmd.items.map(() => newId()),
    });
    const id = newId();
    const base: CreateEstimate = { ...cmd, contactId, priced, wallet: null, ttlMs: this.settings.estimateTtlMs };
    createEstimate(null, base, now); // refusals before any value is held
    const asked = cmd.walletFundsAmount === null ? null : exactAmount('walletFundsAmount', cmd.walletFundsAmount, priced.currency);
    let wallet: CreateEstimate['wallet'] = null;
    const total = toMicro(priced.totals.total);
    if (cmd.useWalletFunds && total > 0n) {
      const wanted = asked === null ? total : minOf(asked, total);
      const expiresAt = new Date(now.getTime() + this.settings.estimateTtlMs);
      // What the wallet can give comes from the ledger's read side, which may not show a reservation
      // made a moment ago: the ledger refuses more than is available, then a fresher read is tried
      // (a new key per attempt, so at most the one accepted attempt holds funds).
      for (let attempt = 1; attempt <= RESERVE_ATTEMPTS && !wallet; attempt++) {
        const funds = await this.ledger.walletFunds(ctx.tenantId, contactId, priced.currency);
        const amount = funds ? minOf(wanted, funds.available) : 0n;
        if (!funds || amount <= 0n) break;
        const key = attempt === 1 ? `estimate:${id}:reserve` : `estimate:${id}:reserve:${attempt}`;
        const reservationId = await this.ledger.reserve(ctx.tenantId, {
          walletId: funds.walletId,
          amount,
          currency: priced.currency,
          expiresAt,
          key,
        });
        if (reservationId) wallet = { walletId: funds.walletId, reservationId, amount: formatMoney(amount, priced.currency) };
        else await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
    try {
      return await this.estimates.run(ctx, { create: true, id }, (state, at) => createEstimate(state, { ...base, wallet }, at));
    } catch (err) {
      if (wallet) await this.ledger.release(ctx.tenantId, wallet.reservationId, `estimate:${id}:release`).catch(() => undefined);
      throw err;
    }
  }

  /**
   * Places the order of an estimate: captures the wallet funds it holds (or releases them), then
   * in one transaction takes the tenant's next number, marks the estimate ordered and writes the
   * order. Concurrent submissions of one estimate capture once (same key) and order once.
   */
  async place(ctx: OrdersRequest, cmd: SubmitOrder): Promise<CommandResult<OrderState>> {
    const estimate = checkOrderable(await estimateStore.load(this.dataSource, ctx.tenantId, cmd.estimateId), ctx.owner, this.clock());
    const capture = walletFundsToCapture(estimate, cmd);
    let walletFunds: { amount: string; transactionId: string } | null = null;
    if (estimate.wallet && capture > 0n) {
      const transactionId = await this.ledger.capture(ctx.tenantId, {
        reservationId: estimate.wallet.reservationId,
        amount: capture,
        currency: estimate.currency,
        key: `estimate:${estimate.id}:capture`,
      });
      walletFunds = { amount: formatMoney(capture, estimate.currency), transactionId };
    } else if (estimate.wallet) {
      await this.ledger.release(ctx.tenantId, estimate.wallet.reservationId, `estimate:${estimate.id}:release`);
    }
    const orderId = newId();
    try {
      const result = await this.dataSource.transaction(async (m) => {
        const number = orderNumber(await nextOrderNumber(m, ctx.tenantId));
        const now = this.clock();
        await this.estimates.runIn(m, ctx, { create: false, ref: estimate.id }, (state) => markEstimateOrdered(state, orderId, ctx.owner, now), now);
        return this.orders.runIn(
          m,
          ctx,
          { create: true, id: orderId },
          () => placeOrder(null, { estimate, number, walletFunds, payments: cmd.payments, notes: cmd.notes }),
          now,
        );
      });
      this.onCommitted();
      return result;
    } catch (err) {
      // a concurrent submission of the same estimate won: say so (the value moved once, under the same key)
      if (err instanceof AppError && err.reason === 'VERSION_CONFLICT')
        checkOrderable(await estimateStore.load(this.dataSource, ctx.tenantId, estimate.id), ctx.owner, this.clock());
      if (isUniqueViolation(err))
        throw new AppError('CONFLICT', 'the estimate was ordered already', { reason: 'ORDER_ESTIMATE_ALREADY_ORDERED', field: 'estimationId' });
      throw err;
    }
  }

  /** An action on an order; a cancel first refunds the wallet funds the order captured (keyed by the order). */
  async act(ctx: OrdersRequest, orderId: string, action: OrderAction, cancellationReasonId: string | null): Promise<CommandResult<OrderState>> {
    const cmd = { action, cancellationReasonId, contact: ctx.owner };
    const current = await orderStore.load(this.dataSource, ctx.tenantId, orderId);
    const to = checkAction(current, cmd);
    let refund: { amount: string; transactionId: string } | null = null;
    if (to === 'CANCELLED' && current!.walletFunds) {
      const transactionId = await this.ledger.reverse(ctx.tenantId, current!.walletFunds.transactionId, `order:${current!.id}:refund`);
      refund = { amount: current!.walletFunds.amount, transactionId };
    }
    return this.orders.run(ctx, { create: false, ref: current!.id }, (state) => actOnOrder(state, { ...cmd, refund }));
  }
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string; driverError?: { code?: string } } | null)?.driverError?.code ?? (err as { code?: string } | null)?.code;
  return code === '23505';
}
