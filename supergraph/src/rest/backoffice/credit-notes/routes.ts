import { defineResource, mergeFragments, type RestRoute } from '../../kit/resource';
import { createCreditNote, getCreditNote, listCreditNotes } from '../../domains/invoicing/handlers';
import { INVOICE_LIST_QUERY, invoicingComponents } from '../../domains/invoicing/openapi';
import { CREATE_CREDIT_NOTE, GET_INVOICE, LIST_INVOICES } from '../../domains/invoicing/operations';

const TAG = 'Back-office credit notes';
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

/** Credit notes: against an invoice (never more than is left of it), posted once to the account (journal CREDIT_NOTE). */
export const resource = defineResource({
  family: 'backoffice',
  name: 'credit-notes',
  pathParameters: { id: 'InvoiceId' },
  openapi: mergeFragments(invoicingComponents, {
    tags: [
      {
        name: TAG,
        description:
          'Credit notes (the billing domain): by hand against an invoice, from voids, and from billing runs whose true-ups owe the contact.',
      },
    ],
  }),
  routes: [
    route('GET', '/credit_notes', listCreditNotes, [LIST_INVOICES], {
      operationId: 'listCreditNotesBO',
      summary: 'List credit notes',
      description: 'Newest first; contact_id, account_id, state, subscription_id and billing_run_id filter.',
      query: INVOICE_LIST_QUERY,
      reads: true,
      success: { status: 200, description: 'A page of credit notes.', schema: 'InvoicePage' },
    }),
    route('POST', '/credit_notes', createCreditNote, [CREATE_CREDIT_NOTE], {
      operationId: 'createCreditNoteBO',
      summary: 'Create a credit note',
      description:
        'Credits amount (all that is left when left out) of invoice_id; more than is left, or a voided invoice, is a 400. Posted once to the account (journal CREDIT_NOTE). Idempotency-Key honoured.',
      body: 'CreditNoteRequest',
      idempotencyKey: true,
      writes: true,
      notFound: 'RecordNotFound',
      success: { status: 201, description: 'Created; the id of the credit note.', schema: 'IdResult' },
    }),
    route('GET', '/credit_notes/:id', getCreditNote, [GET_INVOICE], {
      operationId: 'getCreditNoteBO',
      summary: 'Get a credit note',
      description: 'With its lines, totals (negative: owed to the contact) and the invoice it credits.',
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The credit note.', schema: 'Invoice' },
    }),
  ],
});
