import { AppError, type NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { validateBody } from '../../kit/body';
import { parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { pageEnvelope } from '../../kit/paging';
import { canonicalPathId, idempotencyKeyOf, isUuid, queryParams } from '../../kit/request';
import { billingRunBody, creditNoteBody, invoiceBody, voidBody } from './schemas';
import { billingRunOf, invoiceOf, invoicingFields } from './mapper';
import {
  CREATE_CREDIT_NOTE,
  CREATE_INVOICE,
  GET_BILLING_RUN,
  GET_INVOICE,
  LIST_BILLING_RUNS,
  LIST_INVOICES,
  POST_INVOICE,
  START_BILLING_RUN,
  VOID_INVOICE,
  type GqlBillingRun,
  type GqlInvoice,
} from './operations';

const dayOfEpoch = (field: string, seconds: number): string => {
  const d = new Date(seconds * 1000);
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() > 9999) throw AppError.validation(field, 'must be an epoch in seconds', 'INVALID_VALUE');
  return d.toISOString().slice(0, 10);
};

/** A non-negative JSON number as an exact decimal string (at most 6 decimals). */
export function decimalIn(field: string, value: number): string {
  const text = String(value);
  if (!/^\d{1,12}(\.\d{1,6})?$/.test(text))
    throw AppError.validation(field, 'must be a non-negative amount with at most 6 decimals', 'INVALID_VALUE');
  return text;
}

const INVOICE = 'invoice' as NotFoundSubject;
const BILLING_RUN = 'billing run' as NotFoundSubject;

const uuidParam = (ctx: Parameters<Handler>[0], what: NotFoundSubject): string => {
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(what, raw);
  return canonicalPathId(raw);
};

const uuidField = (field: string, raw: string): string => {
  if (!isUuid(raw)) throw AppError.validation(field, 'must be a UUID', 'INVALID_ID');
  return canonicalPathId(raw);
};

/** POST /backoffice/v2/billing_runs → 201 `{id}`. */
export const startBillingRun: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(billingRunBody, await ctx.readOptionalBody());
  const data = await ctx.gateway.run(
    START_BILLING_RUN,
    {
      billingDate: body.billing_date === undefined ? null : dayOfEpoch('billing_date', body.billing_date),
      contactIds: body.contact_ids?.map((c, i) => uuidField(`contact_ids.${i}`, c)) ?? null,
    },
    invoicingFields,
  );
  sendJson(ctx.res, 201, { id: (data['startBillingRun'] as GqlBillingRun).id });
};

/** GET /backoffice/v2/billing_runs/{id}: state and progress. */
export const getBillingRun: Handler = async (ctx) => {
  noQuery(ctx);
  const id = uuidParam(ctx, BILLING_RUN);
  const data = await ctx.gateway.run(GET_BILLING_RUN, { id }, invoicingFields);
  const run = data['billingRun'] as GqlBillingRun | null;
  if (!run) throw recordNotFound(BILLING_RUN, id);
  sendJson(ctx.res, 200, billingRunOf(run));
};

/** GET /backoffice/v2/billing_runs: newest first. */
export const listBillingRuns: Handler = async (ctx) => {
  const paging = parsePaging(queryParams(ctx.url.searchParams, PAGING_PARAMS));
  const data = await ctx.gateway.run(LIST_BILLING_RUNS, { first: paging.size, offset: (paging.page - 1) * paging.size }, invoicingFields);
  sendJson(ctx.res, 200, pageEnvelope(paging, data['billingRuns'] as { items: GqlBillingRun[]; total: number }, billingRunOf));
};

const listOf =
  (kind: 'INVOICE' | 'CREDIT_NOTE'): Handler =>
  async (ctx) => {
    const q = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'contact_id', 'account_id', 'state', 'subscription_id', 'billing_run_id']);
    const paging = parsePaging(q);
    const state = q.get('state');
    if (state !== undefined && !['ISSUED', 'POSTED', 'VOIDED'].includes(state))
      throw AppError.validation('state', 'must be one of ISSUED, POSTED, VOIDED', 'INVALID_ENUM');
    const id = (name: string) => (q.get(name) === undefined ? null : uuidField(name, q.get(name)!));
    const filter = {
      kind,
      contactId: id('contact_id'),
      accountId: q.get('account_id') ?? null,
      state: state ?? null,
      subscriptionId: id('subscription_id'),
      billingRunId: id('billing_run_id'),
    };
    const data = await ctx.gateway.run(LIST_INVOICES, { filter, first: paging.size, offset: (paging.page - 1) * paging.size }, invoicingFields);
    sendJson(ctx.res, 200, pageEnvelope(paging, data['invoices'] as { items: GqlInvoice[]; total: number }, invoiceOf));
  };

/** GET /backoffice/v2/invoices?contact_id=&account_id=&state=… */
export const listInvoices = listOf('INVOICE');
/** GET /backoffice/v2/credit_notes?contact_id=&account_id=&state=… */
export const listCreditNotes = listOf('CREDIT_NOTE');

const getOf =
  (kind: 'INVOICE' | 'CREDIT_NOTE'): Handler =>
  async (ctx) => {
    noQuery(ctx);
    const id = uuidParam(ctx, INVOICE);
    const data = await ctx.gateway.run(GET_INVOICE, { id }, invoicingFields);
    const invoice = data['invoice'] as GqlInvoice | null;
    if (!invoice || invoice.kind !== kind) throw recordNotFound(INVOICE, id);
    sendJson(ctx.res, 200, invoiceOf(invoice));
  };
export const getInvoice = getOf('INVOICE');
export const getCreditNote = getOf('CREDIT_NOTE');

/** POST /backoffice/v2/invoices → 201 `{id}`: a one-off invoice, posted to the account. */
export const createInvoice: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(invoiceBody, await ctx.readBody());
  const data = await ctx.gateway.run(
    CREATE_INVOICE,
    {
      input: {
        contactId: uuidField('contact_id', body.contact_id),
        accountId: body.account_id ?? null,
        currency: body.currency_code,
        notes: body.notes ?? null,
        lines: body.line_items.map((l, i) => ({
          productId: l.product_id ?? null,
          priceTermsId: l.price_terms_id ?? null,
          description: l.description ?? null,
          quantity: l.quantity ?? 1,
          unitPrice: l.price === undefined ? null : decimalIn(`line_items.${i}.price`, l.price),
          taxModel: l.tax_model ?? null,
        })),
      },
      key: idempotencyKeyOf(ctx.req),
    },
    invoicingFields,
  );
  sendJson(ctx.res, 201, { id: (data['createInvoice'] as GqlInvoice).id });
};

/** POST /backoffice/v2/credit_notes → 201 `{id}`. */
export const createCreditNote: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(creditNoteBody, await ctx.readBody());
  const invoiceId = body.invoice_id;
  if (!isUuid(invoiceId)) throw recordNotFound(INVOICE, invoiceId);
  const data = await ctx.gateway.run(
    CREATE_CREDIT_NOTE,
    {
      input: {
        invoiceId: canonicalPathId(invoiceId),
        amount: body.amount === undefined ? null : decimalIn('amount', body.amount),
        notes: body.notes ?? null,
      },
      key: idempotencyKeyOf(ctx.req),
    },
    invoicingFields,
  );
  sendJson(ctx.res, 201, { id: (data['createCreditNote'] as GqlInvoice).id });
};

/** POST /backoffice/v2/invoices/{id}/void → 200 the invoice (VOIDED, with the credit note that voids it). */
export const voidInvoice: Handler = async (ctx) => {
  noQuery(ctx);
  const id = uuidParam(ctx, INVOICE);
  const body = validateBody(voidBody, await ctx.readOptionalBody());
  const data = await ctx.gateway.run(VOID_INVOICE, { id, reason: body.reason ?? null }, invoicingFields);
  sendJson(ctx.res, 200, invoiceOf(data['voidInvoice'] as GqlInvoice));
};

/** POST /backoffice/v2/invoices/{id}/post → 200 the invoice (posting is automatic; this retries it now). */
export const postInvoice: Handler = async (ctx) => {
  noQuery(ctx);
  const id = uuidParam(ctx, INVOICE);
  const data = await ctx.gateway.run(POST_INVOICE, { id }, invoicingFields);
  sendJson(ctx.res, 200, invoiceOf(data['postInvoice'] as GqlInvoice));
};
