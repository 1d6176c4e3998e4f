import { z } from 'zod';
import { epoch, pagingResponse } from '../../kit/response-schemas';

const period = z.strictObject({ from_date: epoch, to_date: epoch });

export const invoiceLineResponse = z.strictObject({
  type: z.enum(['CHARGE', 'ADJUSTMENT', 'MANUAL']),
  description: z.string(),
  service_id: z.string().nullable(),
  product_id: z.string().nullable(),
  period: period.nullable(),
  quantity: z.number(),
  days: z.int().nullable(),
  period_days: z.int().nullable(),
  unit_price: z.number(),
  tax_model: z.enum(['TAX_INCLUSIVE', 'TAX_EXCLUSIVE']),
  net_amount: z.number(),
  tax_amount: z.number(),
  total_amount: z.number(),
});

export const invoiceResponse = z.strictObject({
  id: z.string(),
  type: z.enum(['INVOICE', 'CREDIT_NOTE']),
  number: z.string(),
  state: z.enum(['ISSUED', 'POSTED', 'VOIDED']),
  contact: z.strictObject({ id: z.string() }),
  account_id: z.string().nullable(),
  subscription_id: z.string().nullable(),
  billing_run_id: z.string().nullable(),
  period: period.nullable(),
  credits_invoice_id: z.string().nullable(),
  currency_code: z.string(),
  net_amount: z.number(),
  tax_amount: z.number(),
  total_amount: z.number(),
  credited_amount: z.number(),
  issued_date: epoch,
  due_date: epoch,
  notes: z.string().nullable(),
  journal_id: z.string().nullable(),
  lines: z.array(invoiceLineResponse),
  created_date: epoch,
  updated_date: epoch,
});
export const invoicePageResponse = z.strictObject({ paging: pagingResponse, content: z.array(invoiceResponse) });

export const billingRunResponse = z.strictObject({
  id: z.string(),
  state: z.enum(['RUNNING', 'COMPLETED']),
  billing_date: epoch,
  contact_ids: z.array(z.string()).nullable(),
  scheduled: z.boolean(),
  progress: z.strictObject({ total: z.int(), done: z.int() }),
  documents: z.int(),
  failures: z.array(z.strictObject({ subscription_id: z.string(), reason: z.string() })),
  created_date: epoch,
  completed_date: epoch.nullable(),
});
export const billingRunPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(billingRunResponse) });

/** POST /backoffice/v2/billing_runs. */
export const billingRunBody = z.strictObject({
  billing_date: z.int().min(0).optional().describe('Epoch seconds; the day (UTC) whose due periods are billed. Today when left out.'),
  contact_ids: z.array(z.string().min(1).max(64)).min(1).max(1000).optional().describe('Only these contacts.'),
});

const lineItem = z.strictObject({
  product_id: z.string().min(1).max(64).optional(),
  price_terms_id: z.string().min(1).max(64).optional(),
  description: z.string().min(1).max(300).optional(),
  quantity: z.int().min(1).max(10000).optional(),
  price: z.number().min(0).optional(),
  tax_model: z.enum(['TAX_INCLUSIVE', 'TAX_EXCLUSIVE']).optional(),
});

/** POST /backoffice/v2/invoices. */
export const invoiceBody = z.strictObject({
  contact_id: z.string().min(1).max(64),
  account_id: z.string().min(1).max(64).optional(),
  currency_code: z.string().regex(/^[A-Z]{3}$/),
  line_items: z.array(lineItem).min(1).max(100),
  notes: z.string().max(500).optional(),
});

/** POST /backoffice/v2/credit_notes. */
export const creditNoteBody = z.strictObject({
  invoice_id: z.string().min(1).max(64),
  amount: z.number().positive().optional().describe('What to credit; all that is left of the invoice when left out.'),
  notes: z.string().max(500).optional(),
});

/** POST /backoffice/v2/invoices/{id}/void. */
export const voidBody = z.strictObject({ reason: z.string().max(500).optional() });

/** POST /self-service/v2/estimates/billing (the contract's request). */
export const billingEstimateBody = z.strictObject({
  account_id: z.string().min(1).max(64).optional(),
  as_of_date: z.int().min(0).optional(),
  contact_id: z.string().min(1).max(64).optional(),
  organisation_id: z.string().max(64).optional(),
  pass: z.strictObject({ code: z.string().max(64), pin: z.string().max(64).optional() }).optional(),
  subscription_id: z.string().min(1).max(64).optional(),
  upcoming_billing_cycles: z.int().min(1).max(24).optional(),
});

/** POST /self-service/v2/estimates/invoicing (the contract's request). */
export const invoicingEstimateBody = z.strictObject({
  account_id: z.string().max(64).optional(),
  supply_method: z.enum(['DELIVERY', 'PICK_UP', 'DIRECT_SALE']).optional(),
  address_id: z.string().max(64).optional(),
  discount: z.strictObject({ amount: z.number().min(0).optional(), type: z.enum(['AMOUNT', 'PERCENTAGE']).optional() }).optional(),
  line_items: z
    .array(
      z.strictObject({
        product_id: z.string().min(1).max(64),
        quantity: z.number().int().min(1).max(10000).optional(),
        price: z.number().min(0).optional(),
        discount_value: z.number().min(0).optional(),
        discount_option: z.enum(['AMOUNT', 'PERCENTAGE']).optional(),
        tax_model: z.enum(['TAX_INCLUSIVE', 'TAX_EXCLUSIVE']).optional(),
        bundle_product_id: z.string().max(64).optional(),
        price_terms_id: z.string().max(64).optional(),
      }),
    )
    .min(1)
    .max(100),
});

const estimateLine = z.strictObject({
  quantity: z.number(),
  unit_price: z.number(),
  net_amount: z.number(),
  tax_amount: z.number(),
  sub_total: z.number(),
  product: z.strictObject({ id: z.string(), name: z.string() }).optional(),
  period: z.strictObject({ from: epoch, to: epoch }).optional(),
});
export const billingEstimateResponse = z.strictObject({
  billing_estimate: z.array(
    z.strictObject({
      billed_period: z.strictObject({ from_date: epoch, to_date: epoch }),
      totals: z.strictObject({ total_amount: z.number(), tax_amount: z.number(), net_amount: z.number(), discount_amount: z.number() }),
      invoicing: z.array(
        z.strictObject({
          issued_date: epoch,
          due_date: epoch,
          currency_code: z.string(),
          is_credit: z.boolean(),
          total_net_amount: z.number(),
          total_discount_amount: z.number(),
          total_tax_amount: z.number(),
          total_amount: z.number(),
          amount_due: z.number(),
          amount_to_collect: z.number(),
          tax_calculation_failed: z.boolean(),
          line_items: z.array(estimateLine),
        }),
      ),
    }),
  ),
});

export const invoicingEstimateResponse = z.strictObject({
  currency_code: z.string(),
  issued_date: epoch,
  due_date: epoch,
  is_credit: z.boolean(),
  total_price: z.number(),
  total_net_amount: z.number(),
  total_tax_amount: z.number(),
  total_amount: z.number(),
  total_discount_amount: z.number(),
  total_discount_incl_tax: z.number(),
  amount_due: z.number(),
  amount_to_collect: z.number(),
  wallet_funds_amount: z.number(),
  account_funds: z.number(),
  discounts: z.array(z.never()),
  taxes_breakdown: z.array(
    z.strictObject({
      tax_rate: z.strictObject({ name: z.string(), tax_code: z.enum(['VAT', 'TAX_EXEMPT', 'SALES_TAX', 'OTHER']), percentage: z.number() }),
      tax_amount: z.number(),
    }),
  ),
  lines: z.array(
    z.strictObject({
      quantity: z.number(),
      unit_price: z.number(),
      net: z.number(),
      tax: z.number(),
      sub_total: z.number(),
      product: z.strictObject({ id: z.string(), name: z.string() }).optional(),
    }),
  ),
});

/** POST /self-service/v2/contacts/{id}/export_statement (the contract's request). */
export const exportStatementBody = z.strictObject({
  account_id: z.string().min(1).max(64).nullable().optional(),
  format: z.enum(['PDF', 'EMAIL']),
  from_month: z.int().min(1).max(12),
  from_year: z.int().min(2000).max(2100),
  to_month: z.int().min(1).max(12),
  to_year: z.int().min(2000).max(2100),
});
