import { defineResource, mergeFragments } from '../../kit/resource';
import { estimateAllowance, listUsageRecords, USAGE_OPERATIONS as OPS, usageMetrics } from '../../domains/usage/handlers';
import { USAGE_LIST_QUERY, usageComponents } from '../../domains/usage/openapi';
import { selfServiceRoutes } from '../../domains/subscriptions/openapi';

const TAG = 'Usage';
const route = selfServiceRoutes(
  TAG,
  'selfservice',
  'As the signed-in contact (api_key + bearer), for its own usage: another contact reads as a 404.',
);

/** The Usage tag: a contact's usage records, their total, and usage allowance estimates (the subscriptions domain). */
export const resource = defineResource({
  family: 'self-service',
  name: 'usage',
  pathParameters: { id: 'DirectoryId' },
  openapi: mergeFragments(usageComponents, {
    tags: [{ name: TAG, description: "A contact's usage records (posted by mediation against usage services) and usage allowance estimates." }],
  }),
  routes: [
    route('GET', '/contacts/:id/usage_records', listUsageRecords, OPS.listUsageRecords, {
      operationId: 'listUsageRecordsSS',
      summary: "List a contact's usage records",
      description: 'Newest first. Amounts are stored exactly (decimal); billing is another domain, so every record is POSTED and PENDING billing.',
      query: USAGE_LIST_QUERY,
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'A page of usage records.', schema: 'UsageRecordPage' },
    }),
    route('GET', '/contacts/:id/usage_records/metrics', usageMetrics, OPS.usageMetrics, {
      operationId: 'getUsageMetricsSS',
      summary: "A contact's total usage",
      description:
        'The exact sum of usage amounts in the window (created_on filters apply to the usage timestamp); product when one product was used.',
      query: ['UsageCreatedOnGte', 'UsageCreatedOnGt', 'UsageCreatedOnLt', 'UsageCreatedOnLte'],
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The total.', schema: 'UsageMetrics' },
    }),
    route('POST', '/estimates/allowance', estimateAllowance, OPS.estimateAllowance, {
      operationId: 'estimateAllowanceSS',
      summary: 'Estimate a usage allowance',
      description:
        "What remains of the service's usage allowance per product (per transaction, per day, per billing cycle: limit − usage so far, exact) and how much of each requested usage it authorises now; authorise_consumption when all of it. Cash allowances and communities are not served (400 for their fields). Nothing is saved.",
      body: 'AllowanceEstimateRequest',
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The estimate.', schema: 'AllowanceEstimate' },
    }),
  ],
});
