import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import { canonicalId, newId } from '@crm/platform/ids';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { PROCESSOR_PURCHASE_AGGREGATE } from '@crm/event-bus/contracts/rewards';
import { documentStore } from '../../persistence/document-store';
import { derivedId } from '../../domain/ids';
import { fromMinor, toMinor } from '../../domain/money';
import {
  evolveProcessorPurchase,
  reclaimPurchase,
  type ProcessorPurchaseChange,
  type ProcessorPurchaseState,
} from '../../domain/reclaim/processor-purchase';
import type { PurchaseService } from '../purchase-service';
import type { PurchaseState } from '../../domain/purchase';

export const processorPurchaseAggregate: AggregateDefinition<ProcessorPurchaseState, ProcessorPurchaseChange> = {
  type: PROCESSOR_PURCHASE_AGGREGATE,
  evolve: evolveProcessorPurchase,
  store: documentStore<ProcessorPurchaseState>(PROCESSOR_PURCHASE_AGGREGATE, (s) => ({
    contactId: s.claim?.contactId ?? null,
    lifeCycle: s.claim ? 'CLAIMED' : 'UNCLAIMED',
    pending: false,
    occurredAt: s.purchasedAt,
  })),
  versionConflict: () => new AppError('CONFLICT', 'the purchase was changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

export interface ProcessorPurchaseInput {
  transactionCode: string;
  organisationId: string | null;
  currency: string;
  amounts: { total: string; net: string; tax: string | null; discount: string | null };
  classification: string | null;
  purchasedAt: Date | null;
}

/**
 * Flow 13: a transaction processor submits a purchase without a contact; the contact later reclaims
 * it with the receipt's details. The claim is one versioned write (once), then the purchase is
 * posted for the contact through the purchase service with an idempotency key derived from the
 * processor's purchase — its awards go through the ledger once, also when the reclaim is retried.
 */
export class ReclaimService {
  readonly handler: CommandHandler<ProcessorPurchaseState, ProcessorPurchaseChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    onCommitted: () => void,
    private readonly purchases: PurchaseService,
    private readonly defaultCurrency: string,
  ) {
    this.handler = new CommandHandler(dataSource, registry, processorPurchaseAggregate, onCommitted);
  }

  submit(ctx: RequestContext, input: ProcessorPurchaseInput, key: string | null): Promise<CommandResult<ProcessorPurchaseState>> {
    const currency = (input.currency || this.defaultCurrency).toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) throw AppError.validation('currency_code', 'must be an ISO-4217 code', 'INVALID_VALUE');
    const code = input.transactionCode.trim();
    if (!code) throw AppError.validation('transaction_code', 'must not be empty', 'REQUIRED');
    const total = toMinor(input.amounts.total, currency, 'transaction_amounts.total');
    const net = toMinor(input.amounts.net, currency, 'transaction_amounts.net');
    if (net > total) throw AppError.validation('transaction_amounts.net', 'must not exceed the total', 'INVALID_VALUE');
    const opt = (v: string | null, f: string) => (v === null ? null : fromMinor(toMinor(v, currency, f), currency));
    const id = key ? derivedId(ctx.tenantId, 'processor_purchase', key) : newId();
    const idem = key ? { scope: 'rewards.processor_purchase.create', key, request: input } : null;
    return this.handler.run(
      ctx,
      { create: true, id },
      (s) => {
        if (s) throw new AppError('CONFLICT', 'the purchase exists already', { reason: 'PURCHASE_EXISTS' });
        return [
          {
            type: 'processor_purchase.received',
            data: {
              transactionCode: code,
              organisationId: input.organisationId,
              currency,
              amounts: {
                total: fromMinor(total, currency),
                net: fromMinor(net, currency),
                tax: opt(input.amounts.tax, 'transaction_amounts.tax'),
                discount: opt(input.amounts.discount, 'transaction_amounts.discount'),
              },
              classification: input.classification?.trim() || null,
              purchasedAt: (input.purchasedAt ?? new Date()).toISOString(),
            },
          },
        ];
      },
      idem,
    );
  }

  /** The contact reclaims the processor's purchase: claimed once, then posted for the contact (awards once). */
  async reclaim(
    ctx: RequestContext,
    cmd: { ref: string; contactId: string; transactionCode: string | null; total: string | null; organisationId: string | null },
  ): Promise<CommandResult<PurchaseState>> {
    const id = canonicalId(cmd.ref);
    const found = id ? await processorPurchaseAggregate.store.findById(this.dataSource, ctx.tenantId, id) : null;
    if (!found) throw AppError.notFound('purchase', cmd.ref);
    const total = cmd.total === null ? null : fromMinor(toMinor(cmd.total, found.currency, 'transaction_amounts.total'), found.currency);
    const purchaseId = derivedId(ctx.tenantId, 'purchase', `reclaim:${found.id}`);
    await this.handler.run(ctx, { create: false, ref: found.id }, (s) =>
      reclaimPurchase(s, { contactId: cmd.contactId, purchaseId, transactionCode: cmd.transactionCode, total, organisationId: cmd.organisationId }),
    );
    return this.purchases.submit(
      ctx,
      {
        contact: { id: cmd.contactId, code: null },
        organisationId: found.organisationId,
        currency: found.currency,
        amounts: found.amounts,
        classification: found.classification,
        products: [],
        spendRequest: null,
        purchasedAt: new Date(found.purchasedAt),
      },
      `reclaim:${found.id}`,
    );
  }
}
