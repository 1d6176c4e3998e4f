import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type Queryable, type RequestContext } from '@crm/event-bus/kit';
import { INVOICE_AGGREGATE } from '@crm/event-bus/contracts/billing';
import { toMinor } from '../../domain/money';
import { decimalOf, type Fraction, fractionOf, minorFromDecimal, minorOf, roundDiv, splitTax } from '../domain/decimal';
import { type Billed, billedKey, currencyOf, duePeriods, type Line, linesFor, type PricedSubscription, totalsOf } from '../domain/engine';
import {
  creditableOf,
  creditInvoice,
  evolveInvoice,
  type InvoiceChange,
  type InvoiceDocument,
  type InvoiceState,
  issueDocument,
  recordPosting,
  voidInvoice,
} from '../domain/invoice';
import { addDays, dayOf } from '../domain/periods';
import type { TimelineDoc } from '../domain/timeline';
import { pricedSubscriptions, timelinesOf } from '../persistence/followers';
import { documentsOfSubscription, INVOICE_COLUMNS, invoiceOf, invoiceStore, nextNumber } from '../persistence/invoice-store';
import { type LedgerDocuments, PostingRefused } from './ledger-documents';

export const invoiceAggregate: AggregateDefinition<InvoiceState, InvoiceChange> = {
  type: INVOICE_AGGREGATE,
  evolve: evolveInvoice,
  store: invoiceStore,
  versionConflict: () => new AppError('CONFLICT', 'the invoice was changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

export interface InvoicingOptions {
  /** Tax rate in percent applied to every line (TAX_INCLUSIVE prices hold it, TAX_EXCLUSIVE ones get it added). */
  taxRate: string;
  /** Days from issue to due date. */
  dueDays: number;
}

export interface ManualLine {
  description: string;
  quantity: number;
  unitPrice: string;
  taxModel: 'TAX_INCLUSIVE' | 'TAX_EXCLUSIVE';
  productId: string | null;
}

/** The lines of a document as the engine's billed amounts per period and service. */
function billedOf(docs: InvoiceDocument[]): Billed {
  const billed: Billed = new Map();
  for (const d of docs)
    for (const l of d.lines) {
      if (!l.periodStart || !l.serviceId) continue;
      const k = billedKey(l.periodStart, l.serviceId);
      const was = billed.get(k) ?? { net: 0n, tax: 0n, gross: 0n };
      billed.set(k, {
        net: was.net + minorFromDecimal(l.net, d.currency),
        tax: was.tax + minorFromDecimal(l.tax, d.currency),
        gross: was.gross + minorFromDecimal(l.gross, d.currency),
      });
    }
  return billed;
}

/**
 * Invoices and credit notes. A subscription's period is billed inside one transaction that holds
 * the subscription's row lock, finds no document for the period, re-reads what was billed before,
 * numbers the document and writes it with its event: a rerun, a racing run or a resumed run find
 * the document and bill nothing twice (and the partial unique index would refuse it anyway). The
 * posting to the ledger follows the commit, once, by the key `invoice:<id>:post`; a posting that
 * did not happen (crash, ledger down) is retried by `postPending` with the same key.
 */
export class Invoicing {
  readonly handler: CommandHandler<InvoiceState, InvoiceChange>;
  private readonly rate: Fraction;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    private readonly kick: () => void,
    private readonly ledger: LedgerDocuments,
    private readonly options: InvoicingOptions,
    private readonly logger: Logger,
  ) {
    this.handler = new CommandHandler(dataSource, registry, invoiceAggregate, kick);
    this.rate = fractionOf(options.taxRate, 'BILLING_TAX_RATE');
  }

  /** Bills every period of one subscription due on `billingDate` that has no document yet; returns the documents issued. */
  async billSubscription(ctx: RequestContext, sub: PricedSubscription, billingDate: string, runId: string | null): Promise<InvoiceState[]> {
    const due = duePeriods(sub, billingDate);
    const issued: InvoiceState[] = [];
    const currency = currencyOf(sub);
    if (!currency || due.length === 0) return issued;
    let known = new Set((await documentsOfSubscription(this.dataSource, ctx.tenantId, sub.sub.id)).map((d) => d.periodStart));
    for (let i = 0; i < due.length; i++) {
      const cycle = due[i]!;
      if (known.has(cycle.start)) continue;
      const doc = await this.dataSource.transaction(async (m) => {
        await m.query(`SELECT 1 FROM billing_subscriptions WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [ctx.tenantId, sub.sub.id]);
        const docs = await documentsOfSubscription(m, ctx.tenantId, sub.sub.id);
        known = new Set(docs.map((d) => d.periodStart));
        if (known.has(cycle.start)) return null;
        const lines = linesFor(sub, cycle, due.slice(0, i), billedOf(docs), this.rate);
        if (lines.length === 0) return null;
        const totals = totalsOf(lines, currency, (t) => minorFromDecimal(t, currency));
        const kind = totals.total.startsWith('-') ? 'CREDIT_NOTE' : 'INVOICE';
        const document: InvoiceDocument = {
          kind,
          number: await nextNumber(m, ctx.tenantId, kind),
          contactId: sub.sub.contactId,
          accountId: sub.sub.accountId,
          subscriptionId: sub.sub.id,
          billingRunId: runId,
          periodStart: cycle.start,
          periodEnd: cycle.end,
          creditsInvoiceId: null,
          currency,
          lines,
          ...totals,
          issuedOn: billingDate,
          dueOn: addDays(billingDate, this.options.dueDays),
          notes: null,
        };
        return (await this.handler.runIn(m, ctx, { create: true, id: null }, () => issueDocument(document))).state;
      });
      if (doc) {
        this.kick();
        known.add(cycle.start);
        issued.push(doc);
      }
    }
    for (const doc of issued) await this.postQuietly(ctx, doc.id);
    return issued;
  }

  /** Posts a document to the contact's account through the ledger, once (same key on every retry); a posted one is left alone. */
  async post(ctx: RequestContext, id: string): Promise<InvoiceState> {
    const current = await invoiceStore.load(this.dataSource, ctx.tenantId, id);
    if (!current) throw AppError.notFound('invoice', id);
    if (current.state !== 'ISSUED') return current;
    const d = current.document;
    const amount = minorFromDecimal(d.total, d.currency);
    let transactionId: string | null = null;
    if (amount !== 0n) {
      const accountId = d.accountId ?? (await this.ledger.accountOf(ctx.tenantId, d.contactId, d.currency));
      if (!accountId) throw new PostingRefused(`the contact has no ${d.currency} account to post ${d.number} to`);
      transactionId = await this.ledger.post(
        ctx.tenantId,
        { kind: d.kind, accountId, amount: decimalOf(amount < 0n ? -amount : amount, d.currency), currency: d.currency, number: d.number },
        `invoice:${current.id}:post`,
      );
    }
    return (await this.handler.run(ctx, { create: false, ref: current.id }, (s) => recordPosting(s, transactionId))).state;
  }

  private async postQuietly(ctx: RequestContext, id: string): Promise<void> {
    try {
      await this.post(ctx, id);
    } catch (err) {
      this.logger.warn({ invoiceId: id, err: err instanceof Error ? err.message : String(err) }, 'invoicing: posting deferred (retried later)');
    }
  }

  /** Retries the postings that did not happen (crash between issue and post, ledger down): each once, by its key. */
  async postPending(limit = 200): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT tenant_id, id FROM invoices WHERE state = 'ISSUED' AND updated_at < now() - interval '2 seconds' ORDER BY created_at LIMIT ${limit}`,
    )) as { tenant_id: string; id: string }[];
    for (const r of rows) await this.postQuietly(systemContext(r.tenant_id, 'billing-post'), r.id);
    return rows.length;
  }

  async get(tenantId: string, id: string): Promise<InvoiceState | null> {
    return invoiceStore.load(this.dataSource, tenantId, id);
  }

  /**
   * A credit note of `amount` against an invoice (all that is left of it when null), posted to the
   * account once; or, `voiding`, the credit note that voids the invoice. Idempotent per key.
   */
  async creditNote(
    ctx: RequestContext,
    input: { invoiceId: string; amount: string | null; notes: string | null; voiding: boolean },
    idempotencyKey: string | null,
  ): Promise<{ creditNote: InvoiceState; invoice: InvoiceState }> {
    const invoice = await invoiceStore.load(this.dataSource, ctx.tenantId, input.invoiceId);
    if (!invoice || invoice.document.kind !== 'INVOICE') throw AppError.notFound('invoice', input.invoiceId);
    const currency = invoice.document.currency;
    const id = idempotencyKey ? await this.replayed(ctx.tenantId, `billing.credit_note:${idempotencyKey}`) : null;
    if (id) {
      const cn = await invoiceStore.load(this.dataSource, ctx.tenantId, id);
      if (cn) return { creditNote: await this.post(ctx, cn.id), invoice: (await invoiceStore.load(this.dataSource, ctx.tenantId, invoice.id))! };
    }
    const created = await this.dataSource.transaction(async (m) => {
      const locked = (await m.query(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [
        ctx.tenantId,
        invoice.id,
      ])) as Parameters<typeof invoiceOf>[0][];
      const current = invoiceOf(locked[0]!);
      const left = creditableOf(current);
      const amount = input.voiding || input.amount === null ? left : toMinor(input.amount, currency, 'amount');
      const cnId = newId();
      const changes = input.voiding ? voidInvoice(current, cnId, input.notes) : creditInvoice(current, cnId, amount);
      if (changes.length === 0 || amount <= 0n) return null;
      const inv = await this.handler.runIn(m, ctx, { create: false, ref: current.id }, () => changes);
      const total = minorFromDecimal(current.document.total, currency);
      // the credit's net and tax in the invoice's proportion (rounded once; the tax is what is left)
      const net = total === 0n ? amount : roundDiv(minorFromDecimal(current.document.net, currency) * amount, total);
      const gross = decimalOf(-amount, currency);
      const document: InvoiceDocument = {
        kind: 'CREDIT_NOTE',
        number: await nextNumber(m, ctx.tenantId, 'CREDIT_NOTE'),
        contactId: current.document.contactId,
        accountId: current.document.accountId,
        subscriptionId: null,
        billingRunId: null,
        periodStart: null,
        periodEnd: null,
        creditsInvoiceId: current.id,
        currency,
        lines: [
          {
            kind: 'MANUAL',
            serviceId: null,
            productId: null,
            description: `${input.voiding ? 'Void of' : 'Credit on'} ${current.document.number}`,
            periodStart: null,
            periodEnd: null,
            quantity: 1,
            days: null,
            periodDays: null,
            unitPrice: decimalOf(amount, currency),
            taxModel: 'TAX_INCLUSIVE',
            net: decimalOf(-net, currency),
            tax: decimalOf(-(amount - net), currency),
            gross,
          },
        ],
        net: decimalOf(-net, currency),
        tax: decimalOf(-(amount - net), currency),
        total: gross,
        issuedOn: dayOf(new Date()),
        dueOn: dayOf(new Date()),
        notes: input.notes,
      };
      const cn = await this.handler.runIn(m, ctx, { create: true, id: cnId }, () => issueDocument(document));
      if (idempotencyKey) await this.remember(m, ctx.tenantId, `billing.credit_note:${idempotencyKey}`, cnId);
      return { cn: cn.state, invoice: inv.state };
    });
    this.kick();
    if (!created) throw new AppError('VALIDATION', 'invoice: nothing is left to credit', { field: 'invoice', reason: 'INVOICE_VOIDED' });
    return { creditNote: await this.post(ctx, created.cn.id).catch(() => created.cn), invoice: created.invoice };
  }

  /** A one-off invoice with the given lines (taxed like the billing run's), posted to the account once. */
  async createInvoice(
    ctx: RequestContext,
    input: { contactId: string; accountId: string | null; currency: string; lines: ManualLine[]; notes: string | null },
    idempotencyKey: string | null,
  ): Promise<InvoiceState> {
    if (idempotencyKey) {
      const id = await this.replayed(ctx.tenantId, `billing.invoice:${idempotencyKey}`);
      const found = id ? await invoiceStore.load(this.dataSource, ctx.tenantId, id) : null;
      if (found) return this.post(ctx, found.id);
    }
    const lines = input.lines.map((l, i) => {
      const split = splitTax(
        minorOf(l.unitPrice, input.currency, { num: BigInt(l.quantity), den: 1n }, `line_items.${i}.price`),
        l.taxModel,
        this.rate,
      );
      return {
        kind: 'MANUAL' as const,
        serviceId: null,
        productId: l.productId,
        description: l.description,
        periodStart: null,
        periodEnd: null,
        quantity: l.quantity,
        days: null,
        periodDays: null,
        unitPrice: l.unitPrice,
        taxModel: l.taxModel,
        net: decimalOf(split.net, input.currency),
        tax: decimalOf(split.tax, input.currency),
        gross: decimalOf(split.gross, input.currency),
      };
    });
    const totals = totalsOf(lines, input.currency, (t) => minorFromDecimal(t, input.currency));
    const today = dayOf(new Date());
    const state = await this.dataSource.transaction(async (m) => {
      const document: InvoiceDocument = {
        kind: 'INVOICE',
        number: await nextNumber(m, ctx.tenantId, 'INVOICE'),
        contactId: input.contactId,
        accountId: input.accountId,
        subscriptionId: null,
        billingRunId: null,
        periodStart: null,
        periodEnd: null,
        creditsInvoiceId: null,
        currency: input.currency,
        lines,
        ...totals,
        issuedOn: today,
        dueOn: addDays(today, this.options.dueDays),
        notes: input.notes,
      };
      const id = newId();
      const r = await this.handler.runIn(m, ctx, { create: true, id }, () => issueDocument(document));
      if (idempotencyKey) await this.remember(m, ctx.tenantId, `billing.invoice:${idempotencyKey}`, id);
      return r.state;
    });
    this.kick();
    return this.post(ctx, state.id).catch((err: unknown) => {
      this.logger.warn({ invoiceId: state.id, err: err instanceof Error ? err.message : String(err) }, 'invoicing: posting deferred');
      return state;
    });
  }

  /** What the contact's subscriptions would be billed over the next `cycles` periods from `asOf` (nothing is written). */
  async estimate(
    tenantId: string,
    filter: { contactId: string | null; subscriptionId: string | null; accountId: string | null },
    asOf: string,
    cycles: number,
  ): Promise<
    {
      subscriptionId: string;
      contactId: string;
      currency: string;
      periodStart: string;
      periodEnd: string;
      lines: Line[];
      net: string;
      tax: string;
      total: string;
    }[]
  > {
    let docs: TimelineDoc[] = await timelinesOf(this.dataSource, tenantId, {
      ids: filter.subscriptionId ? [filter.subscriptionId] : undefined,
      contactIds: filter.contactId ? [filter.contactId] : null,
    });
    if (filter.accountId) docs = docs.filter((d) => d.accountId === filter.accountId || d.accountId === null);
    const out = [];
    for (const sub of await pricedSubscriptions(this.dataSource, tenantId, docs)) {
      const currency = currencyOf(sub);
      if (!currency) continue;
      const billed = billedOf(await documentsOfSubscription(this.dataSource, tenantId, sub.sub.id));
      const known = new Set([...billed.keys()].map((k) => k.split('|')[0]));
      const all = duePeriods(sub, farDay(asOf, cycles));
      const upcoming = all.filter((c) => c.end > asOf && !known.has(c.start)).slice(0, cycles);
      for (const cycle of upcoming) {
        const lines = linesFor(
          sub,
          cycle,
          all.filter((c) => c.start < cycle.start),
          billed,
          this.rate,
        );
        for (const l of lines) {
          const k = billedKey(l.periodStart, l.serviceId);
          const was = billed.get(k) ?? { net: 0n, tax: 0n, gross: 0n };
          billed.set(k, {
            net: was.net + minorFromDecimal(l.net, currency),
            tax: was.tax + minorFromDecimal(l.tax, currency),
            gross: was.gross + minorFromDecimal(l.gross, currency),
          });
        }
        out.push({
          subscriptionId: sub.sub.id,
          contactId: sub.sub.contactId,
          currency,
          periodStart: cycle.start,
          periodEnd: cycle.end,
          lines,
          ...totalsOf(lines, currency, (t) => minorFromDecimal(t, currency)),
        });
      }
    }
    return out;
  }

  /** Prices lines as an invoice would (estimates of invoicing): exact totals, nothing written. */
  priceLines(currency: string, lines: ManualLine[]) {
    const priced = lines.map((l, i) => {
      const split = splitTax(minorOf(l.unitPrice, currency, { num: BigInt(l.quantity), den: 1n }, `line_items.${i}.price`), l.taxModel, this.rate);
      return { ...l, net: decimalOf(split.net, currency), tax: decimalOf(split.tax, currency), gross: decimalOf(split.gross, currency) };
    });
    return { lines: priced, ...totalsOf(priced, currency, (t) => minorFromDecimal(t, currency)), rate: this.options.taxRate };
  }

  private async replayed(tenantId: string, key: string): Promise<string | null> {
    const rows = (await this.dataSource.query(`SELECT result_id FROM billing_key_results WHERE tenant_id = $1 AND key = $2`, [tenantId, key])) as {
      result_id: string;
    }[];
    return rows[0]?.result_id ?? null;
  }

  private async remember(q: Queryable, tenantId: string, key: string, id: string): Promise<void> {
    await q.query(`INSERT INTO billing_key_results (tenant_id, key, result_id) VALUES ($1, $2, $3)`, [tenantId, key, id]);
  }
}

const farDay = (asOf: string, cycles: number) => addDays(asOf, 400 * (cycles + 1));

export const systemContext = (tenantId: string, what: string): RequestContext => ({
  tenantId,
  correlationId: `${what}-${newId()}`,
  actor: { kind: 'system', id: 'billing' },
});
