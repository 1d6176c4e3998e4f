import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { BILLING_TOPIC } from './topics';

/** One invoice or credit note (numbered per tenant, posted to the contact's account through the ledger). */
export const INVOICE_AGGREGATE = 'invoice';
/** One billing run (bills every due service period once). */
export const BILLING_RUN_AGGREGATE = 'billing_run';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A signed decimal string exact to the currency's minor unit ("-12.50"). */
const signedDecimal = z.string().regex(/^-?\d+(\.\d+)?$/);

export const invoiceLineSchema = z.strictObject({
  kind: z.enum(['CHARGE', 'ADJUSTMENT', 'MANUAL']),
  serviceId: z.uuid().nullable(),
  productId: z.string().min(1).max(64).nullable(),
  description: z.string().max(300),
  periodStart: day.nullable(),
  periodEnd: day.nullable(),
  quantity: z.int().min(0),
  days: z.int().min(0).nullable(),
  periodDays: z.int().min(0).nullable(),
  unitPrice: z.string().max(40),
  taxModel: z.enum(['TAX_INCLUSIVE', 'TAX_EXCLUSIVE']),
  net: signedDecimal,
  tax: signedDecimal,
  gross: signedDecimal,
});

export const invoiceDocumentSchema = z.strictObject({
  kind: z.enum(['INVOICE', 'CREDIT_NOTE']),
  number: z.string().min(1).max(40),
  contactId: z.uuid(),
  accountId: z.string().max(64).nullable(),
  subscriptionId: z.uuid().nullable(),
  billingRunId: z.uuid().nullable(),
  /** The service period this document bills (one document per subscription and period). */
  periodStart: day.nullable(),
  periodEnd: day.nullable(),
  /** The invoice a credit note credits (manual credit notes and voids). */
  creditsInvoiceId: z.uuid().nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  lines: z.array(invoiceLineSchema).max(500),
  net: signedDecimal,
  tax: signedDecimal,
  total: signedDecimal,
  issuedOn: day,
  dueOn: day,
  notes: z.string().max(500).nullable(),
});

export const InvoiceIssuedV1 = defineEvent({
  type: 'invoice.issued',
  schemaVersion: 1,
  aggregateType: INVOICE_AGGREGATE,
  topic: BILLING_TOPIC,
  description:
    'An invoice or credit note was issued (numbered per tenant); a billing run issues at most one per subscription and service period. Posting to the account through the ledger follows.',
  data: invoiceDocumentSchema,
});
export type InvoiceIssuedV1 = EventOf<typeof InvoiceIssuedV1>;

export const InvoicePostedV1 = defineEvent({
  type: 'invoice.posted',
  schemaVersion: 1,
  aggregateType: INVOICE_AGGREGATE,
  topic: BILLING_TOPIC,
  description: "The document was posted once to the contact's account through the ledger (journal INVOICE or CREDIT_NOTE).",
  data: z.strictObject({ ledgerTransactionId: z.uuid().nullable() }),
});
export type InvoicePostedV1 = EventOf<typeof InvoicePostedV1>;

export const InvoiceVoidedV1 = defineEvent({
  type: 'invoice.voided',
  schemaVersion: 1,
  aggregateType: INVOICE_AGGREGATE,
  topic: BILLING_TOPIC,
  description: 'The invoice was voided: a credit note for its total was issued (its id), so the account owes nothing for it.',
  data: z.strictObject({ creditNoteId: z.uuid(), reason: z.string().max(500).nullable() }),
});
export type InvoiceVoidedV1 = EventOf<typeof InvoiceVoidedV1>;

export const InvoiceCreditedV1 = defineEvent({
  type: 'invoice.credited',
  schemaVersion: 1,
  aggregateType: INVOICE_AGGREGATE,
  topic: BILLING_TOPIC,
  description: 'A credit note was issued against the invoice for part of its total.',
  data: z.strictObject({ creditNoteId: z.uuid(), amount: signedDecimal }),
});
export type InvoiceCreditedV1 = EventOf<typeof InvoiceCreditedV1>;

export const BillingRunRequestedV1 = defineEvent({
  type: 'billing_run.requested',
  schemaVersion: 1,
  aggregateType: BILLING_RUN_AGGREGATE,
  topic: BILLING_TOPIC,
  description: 'A billing run was asked for: every service period due on the billing date is billed once (optionally for some contacts only).',
  data: z.strictObject({ billingDate: day, contactIds: z.array(z.uuid()).max(1000).nullable(), scheduled: z.boolean() }),
});
export type BillingRunRequestedV1 = EventOf<typeof BillingRunRequestedV1>;

export const BillingRunCompletedV1 = defineEvent({
  type: 'billing_run.completed',
  schemaVersion: 1,
  aggregateType: BILLING_RUN_AGGREGATE,
  topic: BILLING_TOPIC,
  description: 'A billing run went through every subscription: how many, how many documents it issued, and the failures with their reasons.',
  data: z.strictObject({
    subscriptions: z.int().min(0),
    documents: z.int().min(0),
    failures: z.array(z.strictObject({ subscriptionId: z.uuid(), reason: z.string().max(500) })).max(1000),
  }),
});
export type BillingRunCompletedV1 = EventOf<typeof BillingRunCompletedV1>;

export const invoiceEvents = [InvoiceIssuedV1, InvoicePostedV1, InvoiceVoidedV1, InvoiceCreditedV1] as const;
export const billingRunEvents = [BillingRunRequestedV1, BillingRunCompletedV1] as const;
/** Events of an invoice or credit note. */
export type InvoiceEvent = EventOf<(typeof invoiceEvents)[number]>;
/** Events of a billing run. */
export type BillingRunEvent = EventOf<(typeof billingRunEvents)[number]>;
