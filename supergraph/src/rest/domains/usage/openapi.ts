import type { OpenApiFragment } from '../../kit/resource';
import { query } from '../../kit/openapi';
import { allowanceEstimateBody, postUsageBody, usageAllowanceBody } from './bodies';
import { allowanceEstimateResponse, usageMetricsResponse, usageRecordPageResponse } from './schemas';

const epochQuery = (name: string, what: string) => query(name, { type: 'integer', minimum: 0 }, what);

/** The components every usage route names. */
export const usageComponents: OpenApiFragment = {
  parameters: {
    UsageOrder: query(
      'order',
      { type: 'string', enum: ['ASC', 'DESC'], default: 'DESC' },
      'By usage timestamp: DESC (newest first, the default) or ASC.',
    ),
    UsageSort: query('sort', { type: 'string', enum: ['CREATED_DATE'], default: 'CREATED_DATE' }, 'The only sort served.'),
    UsageServiceFilter: query('service_id', { type: 'string', minLength: 1, maxLength: 64 }, 'Only usage of this service (a UUID).'),
    UsageSubscriptionFilter: query('subscription_id', { type: 'string', minLength: 1, maxLength: 64 }, 'Only usage of this subscription (a UUID).'),
    UsageBillingDirective: query(
      'billing_directive',
      { type: 'string', enum: ['TO_BE_BILLED', 'NOT_TO_BE_BILLED', 'TO_BE_CREDITED'] },
      'Only records with this directive.',
    ),
    UsageTimestampGte: epochQuery('usage_timestamp[gte]', 'Used at or after (epoch seconds).'),
    UsageTimestampGt: epochQuery('usage_timestamp[gt]', 'Used after (epoch seconds).'),
    UsageTimestampLt: epochQuery('usage_timestamp[lt]', 'Used before (epoch seconds).'),
    UsageTimestampLte: epochQuery('usage_timestamp[lte]', 'Used at or before (epoch seconds).'),
    UsageCreatedOnGte: epochQuery('created_on[gte]', 'Usage at or after (epoch seconds; the usage timestamp).'),
    UsageCreatedOnGt: epochQuery('created_on[gt]', 'Usage after (epoch seconds).'),
    UsageCreatedOnLt: epochQuery('created_on[lt]', 'Usage before (epoch seconds).'),
    UsageCreatedOnLte: epochQuery('created_on[lte]', 'Usage at or before (epoch seconds).'),
  },
  requestSchemas: [
    { name: 'PostUsageRecordRequest', schema: postUsageBody },
    { name: 'UsageAllowanceRequest', schema: usageAllowanceBody },
    { name: 'AllowanceEstimateRequest', schema: allowanceEstimateBody },
  ],
  responseSchemas: [
    { name: 'UsageRecordPage', schema: usageRecordPageResponse },
    { name: 'UsageMetrics', schema: usageMetricsResponse },
    { name: 'AllowanceEstimate', schema: allowanceEstimateResponse },
  ],
};

export const USAGE_LIST_QUERY = [
  'UsageServiceFilter',
  'UsageSubscriptionFilter',
  'UsageBillingDirective',
  'UsageTimestampGte',
  'UsageTimestampGt',
  'UsageTimestampLt',
  'UsageTimestampLte',
  'Page',
  'Size',
  'IncludeTotal',
  'UsageOrder',
  'UsageSort',
];
