import { defineResource, mergeFragments, type RestRoute } from '../../kit/resource';
import { createInvoice, getInvoice, listInvoices, postInvoice, voidInvoice } from '../../domains/invoicing/handlers';
import { INVOICE_LIST_QUERY, invoicingComponents } from '../../domains/invoicing/openapi';
import { CREATE_INVOICE, GET_INVOICE, LIST_INVOICES, POST_INVOICE, VOID_INVOICE } from '../../domains/invoicing/operations';

const TAG = 'Back-office invoices';
const BO = '/backoffice/v2';

const route = (
  method: RestRoute['method'],
  path: string,
  handler: RestRoute['handler'],
  operations: RestRoute['operations'],
  doc: Omit<RestRoute['doc'], 'tag' | 'audience'>,
): RestRoute => ({
  method,
  path: `${BO}${path}`,
  handler,
  operations,
  doc: { ...doc, description: `${doc.description} Needs billing.read (reads) or billing.write.`, tag: TAG, audience: 'backoffice' },
});

/** Invoices: numbered per tenant, lines with periods, posted once to the contact's account (journal INVOICE). */
export const resource = defineResource({
  family: 'backoffice',
  name: 'invoices',
  pathParameters: { id: 'InvoiceId' },
  openapi: mergeFragments(invoicingComponents, {
    tags: [
      {
        name: TAG,
        description:
          "Invoices of the business's contacts (the billing domain): issued by billing runs or by hand, exact to the currency's minor unit, posted once to the account through the ledger.",
      },
    ],
  }),
  routes: [
    route('GET', '/invoices', listInvoices, [LIST_INVOICES], {
      operationId: 'listInvoicesBO',
      summary: 'List invoices',
      description: 'Newest first; contact_id, account_id, state, subscription_id and billing_run_id filter.',
      query: INVOICE_LIST_QUERY,
      reads: true,
      success: { status: 200, description: 'A page of invoices.', schema: 'InvoicePage' },
    }),
    route('POST', '/invoices', createInvoice, [CREATE_INVOICE], {
      operationId: 'createInvoiceBO',
      summary: 'Create an invoice',
      description:
        "A one-off invoice: line_items priced as given or at the product's catalogue price, taxed like the runs' lines, posted once to the contact's account (its account in the currency unless account_id). Idempotency-Key honoured.",
      body: 'InvoiceRequest',
      idempotencyKey: true,
      writes: true,
      success: { status: 201, description: 'Created; the id of the invoice.', schema: 'IdResult' },
    }),
    route('GET', '/invoices/:id', getInvoice, [GET_INVOICE], {
      operationId: 'getInvoiceBO',
      summary: 'Get an invoice',
      description: 'With its lines (each with its service period), totals, credited amount and ledger journal.',
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The invoice.', schema: 'Invoice' },
    }),
    route('POST', '/invoices/:id/void', voidInvoice, [VOID_INVOICE], {
      operationId: 'voidInvoiceBO',
      summary: 'Void an invoice',
      description:
        'Issues a credit note for what is left of the invoice (posted once) and marks it VOIDED; voiding a voided invoice changes nothing.',
      body: 'VoidInvoiceRequest',
      bodyOptional: true,
      writes: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The voided invoice.', schema: 'Invoice' },
    }),
    route('POST', '/invoices/:id/post', postInvoice, [POST_INVOICE], {
      operationId: 'postInvoiceBO',
      summary: 'Post an invoice',
      description: 'Posting to the account is automatic (and retried); this posts an ISSUED document now, with the same key (never twice).',
      writes: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The invoice.', schema: 'Invoice' },
    }),
  ],
});
