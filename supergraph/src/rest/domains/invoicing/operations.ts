import { op } from '../../kit/operation';

const LINE_FIELDS = 'kind serviceId productId description periodStart periodEnd quantity days periodDays unitPrice taxModel net tax gross';
export const INVOICE_FIELDS = `id kind number state contactId accountId subscriptionId billingRunId periodStart periodEnd creditsInvoiceId currency net tax total credited
  issuedOn dueOn notes ledgerTransactionId createdAt updatedAt lines { ${LINE_FIELDS} }`;
const RUN_FIELDS = 'id state billingDate contactIds scheduled total done documents failures { subscriptionId reason } createdAt completedAt';

export const START_BILLING_RUN = op(
  'mutation',
  'RestStartBillingRun',
  `mutation RestStartBillingRun($billingDate: String, $contactIds: [ID!]) { startBillingRun(billingDate: $billingDate, contactIds: $contactIds) { ${RUN_FIELDS} } }`,
);
export const GET_BILLING_RUN = op('query', 'RestGetBillingRun', `query RestGetBillingRun($id: ID!) { billingRun(id: $id) { ${RUN_FIELDS} } }`);
export const LIST_BILLING_RUNS = op(
  'query',
  'RestListBillingRuns',
  `query RestListBillingRuns($first: Int, $offset: Int) { billingRuns(first: $first, offset: $offset) { total items { ${RUN_FIELDS} } } }`,
);
export const GET_INVOICE = op('query', 'RestGetInvoice', `query RestGetInvoice($id: ID!) { invoice(id: $id) { ${INVOICE_FIELDS} } }`);
export const LIST_INVOICES = op(
  'query',
  'RestListInvoices',
  `query RestListInvoices($filter: InvoiceFilterInput, $first: Int, $offset: Int) { invoices(filter: $filter, first: $first, offset: $offset) { total items { ${INVOICE_FIELDS} } } }`,
);
export const CREATE_INVOICE = op(
  'mutation',
  'RestCreateInvoice',
  `mutation RestCreateInvoice($input: CreateInvoiceInput!, $key: String) { createInvoice(input: $input, idempotencyKey: $key) { ${INVOICE_FIELDS} } }`,
);
export const CREATE_CREDIT_NOTE = op(
  'mutation',
  'RestCreateCreditNote',
  `mutation RestCreateCreditNote($input: CreditNoteInput!, $key: String) { createCreditNote(input: $input, idempotencyKey: $key) { ${INVOICE_FIELDS} } }`,
);
export const VOID_INVOICE = op(
  'mutation',
  'RestVoidInvoice',
  `mutation RestVoidInvoice($id: ID!, $reason: String) { voidInvoice(id: $id, reason: $reason) { ${INVOICE_FIELDS} } }`,
);
export const POST_INVOICE = op('mutation', 'RestPostInvoice', `mutation RestPostInvoice($id: ID!) { postInvoice(id: $id) { ${INVOICE_FIELDS} } }`);
export const BILLING_ESTIMATE = op(
  'query',
  'RestBillingEstimate',
  `query RestBillingEstimate($contactId: ID, $subscriptionId: ID, $accountId: String, $asOf: String, $cycles: Int) {
    billingEstimate(contactId: $contactId, subscriptionId: $subscriptionId, accountId: $accountId, asOf: $asOf, cycles: $cycles) {
      subscriptionId contactId currency periodStart periodEnd net tax total lines { ${LINE_FIELDS} } } }`,
);
export const INVOICING_ESTIMATE = op(
  'query',
  'RestInvoicingEstimate',
  `query RestInvoicingEstimate($lines: [InvoiceLineInput!]!, $currency: String) {
    invoicingEstimate(lines: $lines, currency: $currency) { currency net tax total taxRate issuedOn dueOn
      lines { productId description quantity unitPrice taxModel net tax gross } } }`,
);

export interface GqlLine {
  kind: string;
  serviceId: string | null;
  productId: string | null;
  description: string;
  periodStart: string | null;
  periodEnd: string | null;
  quantity: number;
  days: number | null;
  periodDays: number | null;
  unitPrice: string;
  taxModel: string;
  net: string;
  tax: string;
  gross: string;
}

export interface GqlInvoice {
  id: string;
  kind: 'INVOICE' | 'CREDIT_NOTE';
  number: string;
  state: 'ISSUED' | 'POSTED' | 'VOIDED';
  contactId: string;
  accountId: string | null;
  subscriptionId: string | null;
  billingRunId: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  creditsInvoiceId: string | null;
  currency: string;
  net: string;
  tax: string;
  total: string;
  credited: string;
  issuedOn: string;
  dueOn: string;
  notes: string | null;
  ledgerTransactionId: string | null;
  createdAt: string;
  updatedAt: string;
  lines: GqlLine[];
}

export interface GqlBillingRun {
  id: string;
  state: 'RUNNING' | 'COMPLETED';
  billingDate: string;
  contactIds: string[] | null;
  scheduled: boolean;
  total: number;
  done: number;
  documents: number;
  failures: { subscriptionId: string; reason: string }[];
  createdAt: string;
  completedAt: string | null;
}

export interface GqlBillingEstimate {
  subscriptionId: string;
  contactId: string;
  currency: string;
  periodStart: string;
  periodEnd: string;
  net: string;
  tax: string;
  total: string;
  lines: GqlLine[];
}

export interface GqlInvoicingEstimate {
  currency: string;
  net: string;
  tax: string;
  total: string;
  taxRate: string;
  issuedOn: string;
  dueOn: string;
  lines: {
    productId: string | null;
    description: string;
    quantity: number;
    unitPrice: string;
    taxModel: string;
    net: string;
    tax: string;
    gross: string;
  }[];
}

export const EXPORT_STATEMENT = op(
  'mutation',
  'RestExportStatement',
  `mutation RestExportStatement($contactId: ID!, $accountId: String, $fromMonth: Int!, $fromYear: Int!, $toMonth: Int!, $toYear: Int!) {
    exportStatement(contactId: $contactId, accountId: $accountId, fromMonth: $fromMonth, fromYear: $fromYear, toMonth: $toMonth, toYear: $toYear) }`,
);
export const GET_STATEMENT = op(
  'query',
  'RestGetStatement',
  `query RestGetStatement($id: ID!) { statement(id: $id) { id contactId mediaType contentBase64 } }`,
);
