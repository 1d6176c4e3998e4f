import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { SELF } from '@crm/platform/auth';
import type { SubgraphContext } from '@crm/platform/graphql';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import type { RequestContext } from '@crm/event-bus/kit';
import type { BillingRuns } from '../application/billing-runs';
import type { Invoicing, ManualLine } from '../application/invoicing';
import { type Statements, statementPeriod } from '../application/statements';
import type { BillingRunState } from '../domain/billing-run';
import type { InvoiceState } from '../domain/invoice';
import { dayOf } from '../domain/periods';
import { listInvoices } from '../persistence/invoice-store';
import { listRuns } from '../persistence/billing-run-store';
import { productsOf } from '../persistence/followers';
import type { DataSource } from 'typeorm';

@ObjectType({ description: 'One line of an invoice or credit note (amounts are exact signed decimals of the currency).' })
export class InvoiceLine {
  @Field(() => String, { description: 'CHARGE (a service period), ADJUSTMENT (true-up of a period billed before) or MANUAL.' }) kind: string;
  @Field(() => ID, { nullable: true }) serviceId: string | null;
  @Field(() => String, { nullable: true }) productId: string | null;
  @Field(() => String) description: string;
  @Field(() => String, { nullable: true }) periodStart: string | null;
  @Field(() => String, { nullable: true }) periodEnd: string | null;
  @Field(() => Int) quantity: number;
  @Field(() => Int, { nullable: true }) days: number | null;
  @Field(() => Int, { nullable: true }) periodDays: number | null;
  @Field(() => String) unitPrice: string;
  @Field(() => String) taxModel: string;
  @Field(() => String) net: string;
  @Field(() => String) tax: string;
  @Field(() => String) gross: string;
}

@ObjectType({ description: 'An invoice or credit note, numbered per tenant and posted once to the contact account through the ledger.' })
export class Invoice {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'INVOICE or CREDIT_NOTE.' }) kind: string;
  @Field(() => String) number: string;
  @Field(() => String, { description: 'ISSUED (posting pending), POSTED or VOIDED.' }) state: string;
  @Field(() => ID) contactId: string;
  @Field(() => String, { nullable: true }) accountId: string | null;
  @Field(() => ID, { nullable: true }) subscriptionId: string | null;
  @Field(() => ID, { nullable: true }) billingRunId: string | null;
  @Field(() => String, { nullable: true }) periodStart: string | null;
  @Field(() => String, { nullable: true }) periodEnd: string | null;
  @Field(() => ID, { nullable: true }) creditsInvoiceId: string | null;
  @Field(() => String) currency: string;
  @Field(() => String) net: string;
  @Field(() => String) tax: string;
  @Field(() => String) total: string;
  @Field(() => String, { description: 'What credit notes took off this invoice.' }) credited: string;
  @Field(() => String) issuedOn: string;
  @Field(() => String) dueOn: string;
  @Field(() => String, { nullable: true }) notes: string | null;
  @Field(() => ID, { nullable: true }) ledgerTransactionId: string | null;
  @Field(() => [InvoiceLine]) lines: InvoiceLine[];
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class InvoicePage {
  @Field(() => [Invoice]) items: Invoice[];
  @Field(() => Int) total: number;
}

@ObjectType()
export class BillingRunFailure {
  @Field(() => ID) subscriptionId: string;
  @Field(() => String) reason: string;
}

@ObjectType({ description: 'A billing run: state and progress (subscriptions done of total, documents issued, failures with reasons).' })
export class BillingRun {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'RUNNING or COMPLETED.' }) state: string;
  @Field(() => String) billingDate: string;
  @Field(() => [ID], { nullable: true }) contactIds: string[] | null;
  @Field(() => Boolean) scheduled: boolean;
  @Field(() => Int) total: number;
  @Field(() => Int) done: number;
  @Field(() => Int) documents: number;
  @Field(() => [BillingRunFailure]) failures: BillingRunFailure[];
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
}

@ObjectType()
export class BillingRunPage {
  @Field(() => [BillingRun]) items: BillingRun[];
  @Field(() => Int) total: number;
}

@ObjectType({ description: 'What one subscription period would be billed.' })
export class BillingEstimatePeriod {
  @Field(() => ID) subscriptionId: string;
  @Field(() => ID) contactId: string;
  @Field(() => String) currency: string;
  @Field(() => String) periodStart: string;
  @Field(() => String) periodEnd: string;
  @Field(() => String) net: string;
  @Field(() => String) tax: string;
  @Field(() => String) total: string;
  @Field(() => [InvoiceLine]) lines: InvoiceLine[];
}

@ObjectType()
export class InvoicingEstimateLine {
  @Field(() => String, { nullable: true }) productId: string | null;
  @Field(() => String) description: string;
  @Field(() => Int) quantity: number;
  @Field(() => String) unitPrice: string;
  @Field(() => String) taxModel: string;
  @Field(() => String) net: string;
  @Field(() => String) tax: string;
  @Field(() => String) gross: string;
}

@ObjectType({ description: 'What an invoice for these lines would hold (nothing is written).' })
export class InvoicingEstimate {
  @Field(() => String) currency: string;
  @Field(() => String) net: string;
  @Field(() => String) tax: string;
  @Field(() => String) total: string;
  @Field(() => String, { description: 'The tax rate applied, in percent.' }) taxRate: string;
  @Field(() => String) issuedOn: string;
  @Field(() => String) dueOn: string;
  @Field(() => [InvoicingEstimateLine]) lines: InvoicingEstimateLine[];
}

@InputType()
export class InvoiceLineInput {
  @Field(() => String, { nullable: true, description: 'A catalogue product: its default price (or price_terms_id) when no price is given.' })
  productId?: string | null;
  @Field(() => String, { nullable: true }) priceTermsId?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Int, { nullable: true, defaultValue: 1 }) quantity?: number | null;
  @Field(() => String, { nullable: true, description: 'Unit price (decimal string); the catalogue price when absent.' }) unitPrice?: string | null;
  @Field(() => String, { nullable: true, description: 'TAX_INCLUSIVE or TAX_EXCLUSIVE (default: the price’s, else TAX_EXCLUSIVE).' })
  taxModel?: string | null;
}

@InputType()
export class CreateInvoiceInput {
  @Field(() => ID) contactId: string;
  @Field(() => String, { nullable: true }) accountId?: string | null;
  @Field(() => String) currency: string;
  @Field(() => [InvoiceLineInput]) lines: InvoiceLineInput[];
  @Field(() => String, { nullable: true }) notes?: string | null;
}

@InputType()
export class CreditNoteInput {
  @Field(() => ID) invoiceId: string;
  @Field(() => String, { nullable: true, description: 'Decimal amount to credit; all that is left of the invoice when absent.' }) amount?:
    | string
    | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
}

@InputType()
export class InvoiceFilterInput {
  @Field(() => String, { nullable: true, description: 'INVOICE or CREDIT_NOTE.' }) kind?: string | null;
  @Field(() => ID, { nullable: true }) contactId?: string | null;
  @Field(() => String, { nullable: true }) accountId?: string | null;
  @Field(() => String, { nullable: true }) state?: string | null;
  @Field(() => ID, { nullable: true }) subscriptionId?: string | null;
  @Field(() => ID, { nullable: true }) billingRunId?: string | null;
}

@ObjectType({ description: 'A statement of account as a PDF file.' })
export class StatementFile {
  @Field(() => ID) id: string;
  @Field(() => ID) contactId: string;
  @Field(() => String, { description: 'application/pdf' }) mediaType: string;
  @Field(() => String, { description: 'The PDF, base64.' }) contentBase64: string;
}

export interface InvoicingApp {
  statements: Statements;
  invoicing: Invoicing;
  runs: BillingRuns;
  dataSource: DataSource;
}

const requestOf = (ctx: SubgraphContext): RequestContext => ({
  tenantId: ctx.principal.tenantId,
  correlationId: ctx.correlationId,
  actor: { kind: ctx.principal.kind, id: ctx.principal.subjectId },
});

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayArg = (field: string, v: string | null | undefined): string | null => {
  if (v == null) return null;
  if (!DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || dayOf(`${v}T00:00:00Z`) !== v)
    throw AppError.validation(field, 'must be a date (YYYY-MM-DD)', 'INVALID_VALUE');
  return v;
};
const idArg = (field: string, v: string): string => {
  const id = canonicalId(v);
  if (!id) throw AppError.validation(field, 'must be a UUID', 'INVALID_ID');
  return id;
};
const optionalId = (field: string, v: string | null | undefined) => (v == null ? null : idArg(field, v));
const oneOf = <T extends string>(field: string, values: readonly T[], v: string | null | undefined): T | null => {
  if (v == null) return null;
  if (!(values as readonly string[]).includes(v)) throw AppError.validation(field, `must be one of ${values.join(', ')}`, 'INVALID_ENUM');
  return v as T;
};
const currencyArg = (v: string): string => {
  if (!/^[A-Z]{3}$/.test(v)) throw AppError.validation('currency', 'must be an ISO 4217 code', 'INVALID_VALUE');
  return v;
};

export const toInvoice = (s: InvoiceState): Invoice => ({
  id: s.id,
  ...s.document,
  state: s.state,
  credited: s.credited,
  ledgerTransactionId: s.ledgerTransactionId,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});
const toRun = (r: BillingRunState): BillingRun => ({ ...r });

const page = (first: number | null, offset: number | null) => {
  const limit = first ?? 20;
  if (limit < 1 || limit > 100) throw AppError.validation('first', 'must be 1 to 100', 'INVALID_VALUE');
  if ((offset ?? 0) < 0) throw AppError.validation('offset', 'must not be negative', 'INVALID_VALUE');
  return { limit, offset: offset ?? 0 };
};

/** Invoices, credit notes, billing runs and billing estimates (billing-write answers them from its own tables). */
@Resolver()
export class InvoicingResolver {
  constructor(private readonly app: InvoicingApp | null) {}

  private get a(): InvoicingApp {
    if (!this.app) throw new AppError('UNAVAILABLE', 'invoicing is not running', { reason: 'LEDGER_UNAVAILABLE' });
    return this.app;
  }

  @Authorized(['billing.write', 'finance.write'])
  @Mutation(() => BillingRun, { description: 'Starts a billing run: every service period due on billingDate (today by default) is billed once.' })
  async startBillingRun(
    @Arg('billingDate', () => String, { nullable: true }) billingDate: string | null,
    @Arg('contactIds', () => [ID], { nullable: true }) contactIds: string[] | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<BillingRun> {
    const date = dayArg('billing_date', billingDate);
    if (contactIds && contactIds.length > 1000) throw AppError.validation('contact_ids', 'at most 1000', 'TOO_MANY');
    const ids = contactIds ? contactIds.map((c, i) => idArg(`contact_ids.${i}`, c)) : null;
    return toRun(await this.a.runs.start(requestOf(ctx), { billingDate: date, contactIds: ids }));
  }

  @Authorized(['billing.read', 'finance.read'])
  @Query(() => BillingRun, { nullable: true })
  async billingRun(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<BillingRun | null> {
    const run = await this.a.runs.get(ctx.principal.tenantId, id);
    return run ? toRun(run) : null;
  }

  @Authorized(['billing.read', 'finance.read'])
  @Query(() => BillingRunPage)
  async billingRuns(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('offset', () => Int, { nullable: true }) offset: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<BillingRunPage> {
    const r = await listRuns(this.a.dataSource, ctx.principal.tenantId, page(first, offset));
    return { items: r.items.map(toRun), total: r.total };
  }

  @Authorized(['billing.read', 'finance.read', SELF])
  @Query(() => Invoice, { nullable: true, description: 'An invoice or credit note; a contact sees only its own.' })
  async invoice(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Invoice | null> {
    const s = await this.a.invoicing.get(ctx.principal.tenantId, id);
    if (!s || (ctx.principal.kind === 'contact' && s.document.contactId !== ctx.principal.subjectId)) return null;
    return toInvoice(s);
  }

  @Authorized(['billing.read', 'finance.read', SELF])
  @Query(() => InvoicePage, { description: 'Invoices and credit notes, newest first; a contact sees only its own.' })
  async invoices(
    @Arg('filter', () => InvoiceFilterInput, { nullable: true }) filter: InvoiceFilterInput | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('offset', () => Int, { nullable: true }) offset: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InvoicePage> {
    const f = filter ?? {};
    const own = ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null;
    const contactId = optionalId('contact_id', f.contactId);
    if (own && contactId && contactId !== own) return { items: [], total: 0 };
    const r = await listInvoices(
      this.a.dataSource,
      ctx.principal.tenantId,
      {
        kind: oneOf('kind', ['INVOICE', 'CREDIT_NOTE'] as const, f.kind),
        contactId: own ?? contactId,
        accountId: f.accountId ?? null,
        state: oneOf('state', ['ISSUED', 'POSTED', 'VOIDED'] as const, f.state),
        subscriptionId: optionalId('subscription_id', f.subscriptionId),
        billingRunId: optionalId('billing_run_id', f.billingRunId),
      },
      page(first, offset),
    );
    return { items: r.items.map(toInvoice), total: r.total };
  }

  @Authorized(['billing.write', 'finance.write'])
  @Mutation(() => Invoice, { description: 'A one-off invoice with these lines (taxed like the runs), posted once to the contact account.' })
  async createInvoice(
    @Arg('input', () => CreateInvoiceInput) input: CreateInvoiceInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Invoice> {
    const currency = currencyArg(input.currency);
    const lines = await this.linesOf(ctx.principal.tenantId, currency, input.lines);
    const contactId = idArg('contact_id', input.contactId);
    const s = await this.a.invoicing.createInvoice(
      requestOf(ctx),
      { contactId, accountId: input.accountId ?? null, currency, lines, notes: input.notes ?? null },
      idempotencyKey,
    );
    return toInvoice(s);
  }

  @Authorized(['billing.write', 'finance.write'])
  @Mutation(() => Invoice, { description: 'A credit note against an invoice (all that is left of it when no amount), posted once to the account.' })
  async createCreditNote(
    @Arg('input', () => CreditNoteInput) input: CreditNoteInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Invoice> {
    const invoiceId = canonicalId(input.invoiceId);
    if (!invoiceId) throw AppError.notFound('invoice', input.invoiceId);
    const r = await this.a.invoicing.creditNote(
      requestOf(ctx),
      { invoiceId, amount: input.amount ?? null, notes: input.notes ?? null, voiding: false },
      idempotencyKey,
    );
    return toInvoice(r.creditNote);
  }

  @Authorized(['billing.write', 'finance.write'])
  @Mutation(() => Invoice, { description: 'Voids a posted invoice: a credit note for what is left of it; returns the invoice.' })
  async voidInvoice(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Invoice> {
    const invoiceId = canonicalId(id);
    if (!invoiceId) throw AppError.notFound('invoice', id);
    if (reason && reason.length > 500) throw AppError.validation('reason', 'must be at most 500 characters', 'TOO_LONG');
    const r = await this.a.invoicing.creditNote(requestOf(ctx), { invoiceId, amount: null, notes: reason, voiding: true }, null);
    return toInvoice(r.invoice);
  }

  @Authorized(['billing.write', 'finance.write'])
  @Mutation(() => Invoice, { description: 'Posts an issued document to the account now (normally automatic; once, by its key).' })
  async postInvoice(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Invoice> {
    const invoiceId = canonicalId(id);
    if (!invoiceId) throw AppError.notFound('invoice', id);
    return toInvoice(await this.a.invoicing.post(requestOf(ctx), invoiceId));
  }

  @Authorized(['billing.read', 'finance.read', SELF])
  @Query(() => [BillingEstimatePeriod], {
    description: "The next billing cycles of a contact's (or one subscription's) subscriptions, nothing written.",
  })
  async billingEstimate(
    @Arg('contactId', () => ID, { nullable: true }) contactId: string | null,
    @Arg('subscriptionId', () => ID, { nullable: true }) subscriptionId: string | null,
    @Arg('accountId', () => String, { nullable: true }) accountId: string | null,
    @Arg('asOf', () => String, { nullable: true }) asOf: string | null,
    @Arg('cycles', () => Int, { nullable: true }) cycles: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<BillingEstimatePeriod[]> {
    const n = cycles ?? 1;
    if (n < 1 || n > 24) throw AppError.validation('upcoming_billing_cycles', 'must be 1 to 24', 'INVALID_VALUE');
    const own = ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null;
    const contact = optionalId('contact_id', contactId);
    if (own && contact && contact !== own) throw AppError.notFound('contact', contact);
    const sub = optionalId('subscription_id', subscriptionId);
    if (!own && !contact && !sub && !accountId)
      throw AppError.validation('contact_id', 'name a contact_id, subscription_id or account_id', 'REQUIRED');
    return this.a.invoicing.estimate(
      ctx.principal.tenantId,
      { contactId: own ?? contact, subscriptionId: sub, accountId },
      dayArg('as_of_date', asOf) ?? dayOf(new Date()),
      n,
    );
  }

  @Authorized(['billing.read', 'finance.read', SELF, 'public'])
  @Query(() => InvoicingEstimate, {
    description: 'Prices lines (catalogue products or given prices) as an invoice would, with taxes; nothing written.',
  })
  async invoicingEstimate(
    @Arg('lines', () => [InvoiceLineInput]) lines: InvoiceLineInput[],
    @Arg('currency', () => String, { nullable: true }) currency: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InvoicingEstimate> {
    if (lines.length === 0) throw AppError.validation('line_items', 'at least one line', 'REQUIRED');
    if (lines.length > 100) throw AppError.validation('line_items', 'at most 100 lines', 'TOO_MANY');
    const resolved = await this.pricedLines(ctx.principal.tenantId, currency ? currencyArg(currency) : null, lines);
    const priced = this.a.invoicing.priceLines(resolved.currency, resolved.lines);
    const today = dayOf(new Date());
    return {
      currency: resolved.currency,
      net: priced.net,
      tax: priced.tax,
      total: priced.total,
      taxRate: priced.rate,
      issuedOn: today,
      dueOn: today,
      lines: priced.lines.map((l) => ({ ...l, productId: l.productId })),
    };
  }

  @Authorized(['billing.read', 'finance.read', SELF])
  @Mutation(() => ID, {
    description:
      "Produces a PDF statement of the contact's invoices and credit notes issued from fromMonth/fromYear to toMonth/toYear (inclusive); its id.",
  })
  async exportStatement(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('accountId', () => String, { nullable: true }) accountId: string | null,
    @Arg('fromMonth', () => Int) fromMonth: number,
    @Arg('fromYear', () => Int) fromYear: number,
    @Arg('toMonth', () => Int) toMonth: number,
    @Arg('toYear', () => Int) toYear: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<string> {
    const id = canonicalId(contactId);
    const own = ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null;
    if (!id || (own && own !== id)) throw AppError.notFound('contact', contactId);
    const known = (await this.a.dataSource.query(`SELECT 1 FROM billing_contacts WHERE tenant_id = $1 AND contact_id = $2`, [
      ctx.principal.tenantId,
      id,
    ])) as unknown[];
    if (known.length === 0) throw AppError.notFound('contact', contactId);
    const period = statementPeriod({ month: fromMonth, year: fromYear }, { month: toMonth, year: toYear });
    return this.a.statements.export(ctx.principal.tenantId, { contactId: id, accountId: accountId ?? null, ...period });
  }

  @Authorized(['billing.read', 'finance.read', SELF])
  @Query(() => StatementFile, { nullable: true, description: 'A statement PDF; a contact reads only its own.' })
  async statement(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<StatementFile | null> {
    const sid = canonicalId(id);
    if (!sid) return null;
    const own = ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null;
    const found = await this.a.statements.get(ctx.principal.tenantId, sid, own);
    return found ? { id: found.id, contactId: found.contactId, mediaType: 'application/pdf', contentBase64: found.pdf } : null;
  }

  private async linesOf(tenantId: string, currency: string, lines: InvoiceLineInput[]): Promise<ManualLine[]> {
    if (lines.length === 0) throw AppError.validation('line_items', 'at least one line', 'REQUIRED');
    if (lines.length > 100) throw AppError.validation('line_items', 'at most 100 lines', 'TOO_MANY');
    return (await this.pricedLines(tenantId, currency, lines)).lines;
  }

  /** Lines with their prices: given, or the product's catalogue price (its price terms, else its default price). */
  private async pricedLines(
    tenantId: string,
    currency: string | null,
    lines: InvoiceLineInput[],
  ): Promise<{ currency: string; lines: ManualLine[] }> {
    const productIds = lines.map((l, i) => (l.productId ? idArg(`line_items.${i}.product_id`, l.productId) : null));
    const products = await productsOf(
      this.a.dataSource,
      tenantId,
      productIds.filter((x): x is string => !!x),
    );
    let cur = currency;
    const out = lines.map((l, i): ManualLine => {
      const quantity = l.quantity ?? 1;
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > 10_000)
        throw AppError.validation(`line_items.${i}.quantity`, 'must be 1 to 10000', 'INVALID_VALUE');
      const product = productIds[i] ? products.get(productIds[i]!) : null;
      if (productIds[i] && !product)
        throw AppError.validation(`line_items.${i}.product_id`, 'is not a product of the catalogue', 'PRODUCT_NOT_FOUND');
      const price = product
        ? (product.prices.find((p) => p.id === l.priceTermsId) ?? product.prices.find((p) => p.isDefault) ?? product.prices[0] ?? null)
        : null;
      const unitPrice = l.unitPrice ?? price?.price ?? null;
      if (unitPrice === null) throw AppError.validation(`line_items.${i}.price`, 'is required (no catalogue price)', 'REQUIRED');
      if (!/^\d{1,12}(\.\d{1,6})?$/.test(unitPrice))
        throw AppError.validation(`line_items.${i}.price`, 'must be a non-negative decimal number', 'INVALID_AMOUNT');
      cur ??= price?.currencyCode ?? null;
      if (price && cur && price.currencyCode !== cur && l.unitPrice == null)
        throw AppError.validation(`line_items.${i}.product_id`, `is priced in ${price.currencyCode}, not ${cur}`, 'INVALID_VALUE');
      return {
        description: l.description ?? product?.name ?? 'Item',
        quantity,
        unitPrice,
        taxModel: oneOf(`line_items.${i}.tax_model`, ['TAX_INCLUSIVE', 'TAX_EXCLUSIVE'] as const, l.taxModel) ?? price?.taxModel ?? 'TAX_EXCLUSIVE',
        productId: productIds[i] ?? null,
      };
    });
    if (!cur) throw AppError.validation('currency', 'is required (no line names a catalogue price)', 'REQUIRED');
    return { currency: cur, lines: out };
  }
}
