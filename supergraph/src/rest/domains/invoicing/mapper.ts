import { snakeCaseFields } from '../../kit/field-names';
import type { GqlBillingEstimate, GqlBillingRun, GqlInvoice, GqlInvoicingEstimate, GqlLine } from './operations';

/** Epoch seconds of a day (UTC midnight). */
export const epochOfDay = (day: string): number => Math.floor(Date.parse(`${day}T00:00:00.000Z`) / 1000);
const epochOf = (iso: string): number => Math.floor(Date.parse(iso) / 1000);
const amount = (decimal: string): number => Number(decimal);

/** GraphQL argument names back to the REST fields clients sent. */
const FIELD_NAMES: Record<string, string> = {
  billingDate: 'billing_date',
  contactIds: 'contact_ids',
  invoiceId: 'invoice_id',
  contactId: 'contact_id',
  accountId: 'account_id',
  subscriptionId: 'subscription_id',
  asOf: 'as_of_date',
  cycles: 'upcoming_billing_cycles',
  lines: 'line_items',
};
export const invoicingFields = (field: string): string | undefined => FIELD_NAMES[field] ?? snakeCaseFields(field);

const lineOf = (l: GqlLine) => ({
  type: l.kind,
  description: l.description,
  service_id: l.serviceId,
  product_id: l.productId,
  period: l.periodStart && l.periodEnd ? { from_date: epochOfDay(l.periodStart), to_date: epochOfDay(l.periodEnd) } : null,
  quantity: l.quantity,
  days: l.days,
  period_days: l.periodDays,
  unit_price: amount(l.unitPrice),
  tax_model: l.taxModel,
  net_amount: amount(l.net),
  tax_amount: amount(l.tax),
  total_amount: amount(l.gross),
});

export const invoiceOf = (i: GqlInvoice) => ({
  id: i.id,
  type: i.kind,
  number: i.number,
  state: i.state,
  contact: { id: i.contactId },
  account_id: i.accountId,
  subscription_id: i.subscriptionId,
  billing_run_id: i.billingRunId,
  period: i.periodStart && i.periodEnd ? { from_date: epochOfDay(i.periodStart), to_date: epochOfDay(i.periodEnd) } : null,
  credits_invoice_id: i.creditsInvoiceId,
  currency_code: i.currency,
  net_amount: amount(i.net),
  tax_amount: amount(i.tax),
  total_amount: amount(i.total),
  credited_amount: amount(i.credited),
  issued_date: epochOfDay(i.issuedOn),
  due_date: epochOfDay(i.dueOn),
  notes: i.notes,
  journal_id: i.ledgerTransactionId,
  lines: i.lines.map(lineOf),
  created_date: epochOf(i.createdAt),
  updated_date: epochOf(i.updatedAt),
});

export const billingRunOf = (r: GqlBillingRun) => ({
  id: r.id,
  state: r.state,
  billing_date: epochOfDay(r.billingDate),
  contact_ids: r.contactIds,
  scheduled: r.scheduled,
  progress: { total: r.total, done: r.done },
  documents: r.documents,
  failures: r.failures.map((f) => ({ subscription_id: f.subscriptionId, reason: f.reason })),
  created_date: epochOf(r.createdAt),
  completed_date: r.completedAt ? epochOf(r.completedAt) : null,
});

/** One estimated billing cycle in the contract's `billing_estimate` item shape. */
export const billingEstimateOf = (e: GqlBillingEstimate, dueDays = 0) => {
  const credit = e.total.startsWith('-');
  return {
    billed_period: { from_date: epochOfDay(e.periodStart), to_date: epochOfDay(e.periodEnd) },
    totals: { total_amount: amount(e.total), tax_amount: amount(e.tax), net_amount: amount(e.net), discount_amount: 0 },
    invoicing: [
      {
        issued_date: epochOfDay(e.periodStart),
        due_date: epochOfDay(e.periodStart) + dueDays * 86400,
        currency_code: e.currency,
        is_credit: credit,
        total_net_amount: amount(e.net),
        total_discount_amount: 0,
        total_tax_amount: amount(e.tax),
        total_amount: amount(e.total),
        amount_due: credit ? 0 : amount(e.total),
        amount_to_collect: credit ? 0 : amount(e.total),
        tax_calculation_failed: false,
        line_items: e.lines.map((l) => ({
          quantity: l.quantity,
          unit_price: amount(l.unitPrice),
          net_amount: amount(l.net),
          tax_amount: amount(l.tax),
          sub_total: amount(l.gross),
          ...(l.productId ? { product: { id: l.productId, name: l.description } } : {}),
          ...(l.periodStart && l.periodEnd ? { period: { from: epochOfDay(l.periodStart), to: epochOfDay(l.periodEnd) } } : {}),
        })),
      },
    ],
  };
};

/** The contract's invoicing estimate (POST /estimates/invoicing). */
export const invoicingEstimateOf = (e: GqlInvoicingEstimate) => {
  const rate = Number(e.taxRate);
  const credit = e.total.startsWith('-');
  return {
    currency_code: e.currency,
    issued_date: epochOfDay(e.issuedOn),
    due_date: epochOfDay(e.dueOn),
    is_credit: credit,
    total_price: e.lines.reduce((s, l) => s + amount(l.unitPrice) * l.quantity, 0),
    total_net_amount: amount(e.net),
    total_tax_amount: amount(e.tax),
    total_amount: amount(e.total),
    total_discount_amount: 0,
    total_discount_incl_tax: 0,
    amount_due: credit ? 0 : amount(e.total),
    amount_to_collect: credit ? 0 : amount(e.total),
    wallet_funds_amount: 0,
    account_funds: 0,
    discounts: [],
    taxes_breakdown: rate > 0 ? [{ tax_rate: { name: `VAT ${e.taxRate}%`, tax_code: 'VAT', percentage: rate }, tax_amount: amount(e.tax) }] : [],
    lines: e.lines.map((l) => ({
      quantity: l.quantity,
      unit_price: amount(l.unitPrice),
      net: amount(l.net),
      tax: amount(l.tax),
      sub_total: amount(l.gross),
      ...(l.productId ? { product: { id: l.productId, name: l.description } } : {}),
    })),
  };
};
