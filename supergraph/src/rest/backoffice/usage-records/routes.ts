import { defineResource, mergeFragments } from '../../kit/resource';
import { listUsageRecords, postUsageRecord, USAGE_OPERATIONS as OPS } from '../../domains/usage/handlers';
import { USAGE_LIST_QUERY, usageComponents } from '../../domains/usage/openapi';

const TAG = 'Back-office usage';

/** Usage records: posted by mediation against EFFECTIVE services, listed per contact. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'usage-records',
  pathParameters: { id: 'DirectoryId' },
  openapi: mergeFragments(usageComponents, {
    tags: [{ name: TAG, description: 'Usage detail records of usage services (the subscriptions domain).' }],
  }),
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/usage_records',
      handler: postUsageRecord,
      operations: OPS.postUsageRecord,
      doc: {
        operationId: 'postUsageRecordBO',
        summary: 'Post a usage record',
        description:
          'Against an EFFECTIVE service (409 SERVICE_NOT_EFFECTIVE otherwise). Amounts are exact decimals: send strings to keep every digit (at most 6 decimals). An Idempotency-Key posts a record once (a retry answers the first id). Needs subscriptions.write.',
        tag: TAG,
        audience: 'backoffice',
        body: 'PostUsageRecordRequest',
        idempotencyKey: true,
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'The usage record.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/contacts/:id/usage_records',
      handler: listUsageRecords,
      operations: OPS.listUsageRecords,
      doc: {
        operationId: 'listContactUsageRecordsBO',
        summary: "List a contact's usage records",
        description: 'The Self-Service shape; newest first. Needs subscriptions.read.',
        tag: TAG,
        audience: 'backoffice',
        query: USAGE_LIST_QUERY,
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'A page of usage records.', schema: 'UsageRecordPage' },
      },
    },
  ],
});
