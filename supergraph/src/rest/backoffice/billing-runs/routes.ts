import { defineResource, mergeFragments, type RestRoute } from '../../kit/resource';
import { getBillingRun, listBillingRuns, startBillingRun } from '../../domains/invoicing/handlers';
import { invoicingComponents } from '../../domains/invoicing/openapi';
import { GET_BILLING_RUN, LIST_BILLING_RUNS, START_BILLING_RUN } from '../../domains/invoicing/operations';

const TAG = 'Back-office billing runs';
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

/** Billing runs: every service period due on a date billed once (a rerun, a racing run or a resumed run bill nothing twice). */
export const resource = defineResource({
  family: 'backoffice',
  name: 'billing-runs',
  pathParameters: { id: 'BillingRunId' },
  openapi: mergeFragments(invoicingComponents, {
    tags: [
      {
        name: TAG,
        description:
          'Runs of the billing engine (the billing domain): each subscription period due on the billing date gets one invoice (or credit note), posted once to the account through the ledger.',
      },
    ],
  }),
  routes: [
    route('POST', '/billing_runs', startBillingRun, [START_BILLING_RUN], {
      operationId: 'startBillingRunBO',
      summary: 'Start a billing run',
      description:
        'Bills every service period due on billing_date (epoch seconds; today by default), optionally for contact_ids only. PRE_BILL periods are due from their first day, POST_BILL ones after their last; mid-period changes are prorated by day and trued up on the next document. Runs in the background: follow it with GET /billing_runs/{id}.',
      body: 'BillingRunRequest',
      bodyOptional: true,
      writes: true,
      success: { status: 201, description: 'Started; the id of the run.', schema: 'IdResult' },
    }),
    route('GET', '/billing_runs', listBillingRuns, [LIST_BILLING_RUNS], {
      operationId: 'listBillingRunsBO',
      summary: 'List billing runs',
      description: 'Newest first (the daily scheduled ones too).',
      query: ['Page', 'Size', 'IncludeTotal'],
      reads: true,
      success: { status: 200, description: 'A page of billing runs.', schema: 'BillingRunPage' },
    }),
    route('GET', '/billing_runs/:id', getBillingRun, [GET_BILLING_RUN], {
      operationId: 'getBillingRunBO',
      summary: 'Get a billing run',
      description: 'State (RUNNING, COMPLETED) and progress: subscriptions done of total, documents issued, failures with their reasons.',
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The billing run.', schema: 'BillingRun' },
    }),
  ],
});
