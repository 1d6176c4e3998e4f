import { op, USER_ERROR_FIELDS } from '../../kit/operation';

const RECORD_FIELDS = `id contactId subscriptionId serviceId usageProductId usageAmount measurementUnit usageTimestamp chargedAmount currencyCode billingDirective createdAt`;

export const LIST_USAGE = op(
  'query',
  'RestListUsageRecords',
  `query RestListUsageRecords($contactId: ID!, $serviceId: ID, $subscriptionId: ID, $billingDirective: String, $from: DateTimeISO, $to: DateTimeISO, $limit: Int!, $offset: Int!, $newestFirst: Boolean!) { usageRecords(contactId: $contactId, serviceId: $serviceId, subscriptionId: $subscriptionId, billingDirective: $billingDirective, from: $from, to: $to, limit: $limit, offset: $offset, newestFirst: $newestFirst) { total items { ${RECORD_FIELDS} } } }`,
);

export const USAGE_TOTALS = op(
  'query',
  'RestUsageTotals',
  `query RestUsageTotals($contactId: ID!, $from: DateTimeISO, $to: DateTimeISO) { usageTotals(contactId: $contactId, from: $from, to: $to) { usageProductId amount } }`,
);

export const ALLOWANCE_ESTIMATE = op(
  'query',
  'RestUsageAllowanceEstimate',
  `query RestUsageAllowanceEstimate($contactId: ID!, $serviceId: ID!, $usage: [RequestedUsageInput!]!) { usageAllowanceEstimate(contactId: $contactId, serviceId: $serviceId, usage: $usage) { serviceId productId authoriseConsumption products { productId measurementUnit perTransaction perDay perBillingCycle } authorised { productId requested authorised } } }`,
);

export const POST_USAGE = op(
  'mutation',
  'RestPostUsageRecord',
  `mutation RestPostUsageRecord($serviceId: ID!, $input: UsageRecordInput!, $idempotencyKey: String) { postUsageRecord(serviceId: $serviceId, input: $input, idempotencyKey: $idempotencyKey) { usageRecordId consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const SET_ALLOWANCE = op(
  'mutation',
  'RestSetUsageAllowance',
  `mutation RestSetUsageAllowance($serviceId: ID!, $allowances: [UsageAllowanceInput!]!) { setServiceUsageAllowance(serviceId: $serviceId, allowances: $allowances) { serviceId consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export interface GqlUsageRecord {
  id: string;
  contactId: string;
  subscriptionId: string;
  serviceId: string;
  usageProductId: string;
  usageAmount: string;
  measurementUnit: string | null;
  usageTimestamp: string;
  chargedAmount: string | null;
  currencyCode: string | null;
  billingDirective: string;
  createdAt: string;
}

export interface GqlAllowanceEstimate {
  serviceId: string;
  productId: string;
  authoriseConsumption: boolean;
  products: {
    productId: string;
    measurementUnit: string | null;
    perTransaction: string | null;
    perDay: string | null;
    perBillingCycle: string | null;
  }[];
  authorised: { productId: string; requested: string; authorised: string }[];
}
