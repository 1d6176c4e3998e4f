import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type KnownContacts, type RequestContext } from '@crm/event-bus/kit';
import { PAYMENT_METHODS_AGGREGATE } from '@crm/event-bus/contracts/billing';
import { evolve, type PaymentMethod, type PaymentMethodsChange, type PaymentMethodsState } from '../domain/payment-method';
import { addPaymentMethod } from '../domain/add-payment-method';
import { type UpdatePaymentMethod, updatePaymentMethod } from '../domain/update-payment-method';
import { removePaymentMethod } from '../domain/remove-payment-method';
import { findByMethodId, paymentMethodStore } from '../persistence/payment-method-store';

/** A contact's payment methods, as the platform's command handler runs them (one aggregate per contact). */
export const paymentMethodsAggregate: AggregateDefinition<PaymentMethodsState, PaymentMethodsChange> = {
  type: PAYMENT_METHODS_AGGREGATE,
  evolve,
  store: paymentMethodStore,
  versionConflict: () =>
    new AppError('CONFLICT', "the contact's payment methods were changed by another request; retry", { reason: 'VERSION_CONFLICT' }),
};

/** A uuid (v4 layout) derived from the tenant, the contact and an idempotency key: a retried add names the same method. */
export function methodIdOf(tenantId: string, contactId: string, key: string): string {
  const h = createHash('sha256').update(`${tenantId}\n${contactId}\n${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Payment method commands on the kit's command handler (load → decide → save state + outbox in one statement). */
export class PaymentMethodCommands {
  private readonly handler: CommandHandler<PaymentMethodsState, PaymentMethodsChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    onCommitted: () => void,
    private readonly contacts: Pick<KnownContacts, 'exists'>,
  ) {
    this.handler = new CommandHandler(dataSource, registry, paymentMethodsAggregate, onCommitted);
  }

  /**
   * Runs a decider on the contact's methods: the aggregate is created by its first change (its id is
   * the contact's); a lost race to create it is retried on the stored state.
   */
  private async onContact(
    ctx: RequestContext,
    contactId: string,
    decide: (state: PaymentMethodsState | null, now: Date) => PaymentMethodsChange[],
  ): Promise<CommandResult<PaymentMethodsState>> {
    for (let attempt = 1; ; attempt++) {
      const exists = await paymentMethodStore.findById(this.dataSource, ctx.tenantId, contactId);
      try {
        const result = await this.handler.run(ctx, exists ? { create: false, ref: contactId } : { create: true, id: contactId }, decide);
        // a create that found the aggregate made by a racing request decided nothing: decide again on it
        if (exists || result.events.length > 0 || attempt >= 3) return result;
      } catch (err) {
        const raced = !exists && err instanceof AppError && err.reason === 'VERSION_CONFLICT';
        if (!(raced && attempt < 3)) throw err;
      }
    }
  }

  /** Adds a method; with an idempotency key the method's id comes from it, so a retry adds nothing and answers the same id. */
  async add(
    ctx: RequestContext,
    contactId: string,
    method: Omit<PaymentMethod, 'id'>,
    primary: boolean,
    idempotencyKey: string | null,
  ): Promise<{ id: string; result: CommandResult<PaymentMethodsState> }> {
    if (!(await this.contacts.exists(ctx.tenantId, contactId))) throw AppError.notFound('contact', contactId);
    const id = idempotencyKey ? methodIdOf(ctx.tenantId, contactId, idempotencyKey) : newId();
    const result = await this.onContact(ctx, contactId, (state, now) =>
      addPaymentMethod(state, { contactId, method: { ...method, id }, primary }, now),
    );
    return { id, result };
  }

  update(ctx: RequestContext, cmd: UpdatePaymentMethod): Promise<CommandResult<PaymentMethodsState>> {
    return this.handler.run(ctx, { create: false, ref: cmd.contactId }, (state, now) => {
      if (!state) throw AppError.notFound('payment method', cmd.paymentMethodId);
      return updatePaymentMethod(state, cmd, now);
    });
  }

  remove(ctx: RequestContext, contactId: string, paymentMethodId: string): Promise<CommandResult<PaymentMethodsState>> {
    return this.handler.run(ctx, { create: false, ref: contactId }, (state) => {
      if (!state) throw AppError.notFound('payment method', paymentMethodId);
      return removePaymentMethod(state, { contactId, paymentMethodId });
    });
  }

  /** The contact's primary payment method's id, or null. */
  async primaryOf(tenantId: string, contactId: string): Promise<string | null> {
    return (await paymentMethodStore.findById(this.dataSource, tenantId, contactId))?.primaryId ?? null;
  }

  /** The contact holding a payment method, and the method (tenant-scoped). */
  async ownerOf(tenantId: string, paymentMethodId: string): Promise<{ contactId: string; method: PaymentMethod; primary: boolean } | null> {
    const state = await findByMethodId(this.dataSource, tenantId, paymentMethodId);
    const method = state?.methods.find((m) => m.id === paymentMethodId);
    return state && method ? { contactId: state.id, method, primary: state.primaryId === method.id } : null;
  }
}
