import { query } from '../../kit/openapi';
import type { OpenApiFragment } from '../../kit/resource';
import {
  billingEstimateBody,
  billingEstimateResponse,
  billingRunBody,
  billingRunPageResponse,
  billingRunResponse,
  creditNoteBody,
  invoiceBody,
  invoicePageResponse,
  invoiceResponse,
  invoicingEstimateBody,
  invoicingEstimateResponse,
  voidBody,
  exportStatementBody,
} from './schemas';

const pathId = (description: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', minLength: 1, maxLength: 64 },
});
const uuidQuery = (name: string, description: string) => query(name, { type: 'string', minLength: 1, maxLength: 64 }, description);

/** The components the invoicing resources name (identical wherever registered). */
export const invoicingComponents: OpenApiFragment = {
  parameters: {
    InvoiceId: pathId('The invoice or credit note (a UUID).'),
    BillingRunId: pathId('The billing run (a UUID).'),
    StatementId: pathId('The statement (a UUID).'),
    StatementContactId: pathId('The contact (a UUID); a contact may name only itself.'),
    InvoiceContactIdFilter: uuidQuery('contact_id', "Only this contact's documents (a UUID)."),
    InvoiceAccountIdFilter: uuidQuery('account_id', 'Only documents posted to this account.'),
    InvoiceStateFilter: query('state', { type: 'string', enum: ['ISSUED', 'POSTED', 'VOIDED'] }, 'Only documents in this state.'),
    InvoiceSubscriptionIdFilter: uuidQuery('subscription_id', "Only this subscription's documents."),
    InvoiceBillingRunIdFilter: uuidQuery('billing_run_id', 'Only documents this billing run issued.'),
  },
  requestSchemas: [
    { name: 'BillingRunRequest', schema: billingRunBody },
    { name: 'InvoiceRequest', schema: invoiceBody },
    { name: 'CreditNoteRequest', schema: creditNoteBody },
    { name: 'VoidInvoiceRequest', schema: voidBody },
    { name: 'BillingEstimateRequest', schema: billingEstimateBody },
    { name: 'InvoicingEstimateRequest', schema: invoicingEstimateBody },
    { name: 'ExportStatementRequest', schema: exportStatementBody },
  ],
  responseSchemas: [
    { name: 'Invoice', schema: invoiceResponse },
    { name: 'InvoicePage', schema: invoicePageResponse },
    { name: 'BillingRun', schema: billingRunResponse },
    { name: 'BillingRunPage', schema: billingRunPageResponse },
    { name: 'BillingEstimate', schema: billingEstimateResponse },
    { name: 'InvoicingEstimate', schema: invoicingEstimateResponse },
  ],
};

export const INVOICE_LIST_QUERY = [
  'InvoiceContactIdFilter',
  'InvoiceAccountIdFilter',
  'InvoiceStateFilter',
  'InvoiceSubscriptionIdFilter',
  'InvoiceBillingRunIdFilter',
  'Page',
  'Size',
  'IncludeTotal',
];
