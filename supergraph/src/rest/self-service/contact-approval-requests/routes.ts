import { AppError } from '@crm/platform/errors';
import type { Handler } from '../../kit/context';
import { snakeCaseFields } from '../../kit/field-names';
import { query } from '../../kit/openapi';
import { PAGING_PARAMS, parsePaging } from '../../kit/paging';
import { queryParams } from '../../kit/request';
import { defineResource, mergeFragments } from '../../kit/resource';
import { contactNotFound } from '../../domains/contacts/errors';
import { engagementComponents } from '../../domains/engagement/openapi';
import { ascendingOf, checkSort, guidParam } from '../../domains/engagement/handlers';
import { sendPage } from '../../domains/engagement/communications';
import {
  approvalRequestOut,
  approvalRequestPageResponse,
  APPROVALS_TAG,
  APPROVALS_TAG_DOC,
  ENTITY_TYPES,
  LIST_APPROVAL_REQUESTS,
  STATES,
  type GqlApprovalRequest,
} from '../../domains/engagement/approvals';

/** GET /self-service/v2/contacts/{id}/approval_requests (ApprovalRequestSelfServiceResource_list): the requests the contact approves. */
const listApprovalRequests: Handler = async (ctx) => {
  const contactId = guidParam(ctx, 'id', contactNotFound);
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'order', 'sort', 'state', 'entity_types']);
  const paging = parsePaging(params);
  checkSort(params);
  const state = params.get('state')?.toUpperCase();
  if (state !== undefined && !(STATES as readonly string[]).includes(state))
    throw AppError.validation('state', `must be ${STATES.join(', ')}`, 'INVALID_ENUM');
  const typesRaw = params.get('entity_types');
  const entityTypes = typesRaw === undefined ? null : typesRaw.split(',').map((t) => t.trim().toUpperCase());
  if (entityTypes?.some((t) => !(ENTITY_TYPES as readonly string[]).includes(t)))
    throw AppError.validation('entity_types', `must be ${ENTITY_TYPES.join(', ')}`, 'INVALID_ENUM');
  const data = await ctx.gateway.run(
    LIST_APPROVAL_REQUESTS,
    {
      filter: { contactId, state: state ?? null, entityTypes },
      offset: (paging.page - 1) * paging.size,
      limit: paging.size,
      ascending: ascendingOf(params),
    },
    snakeCaseFields,
  );
  const page = data['approvalRequests'] as { total: number; hasMore: boolean; items: GqlApprovalRequest[] } | null;
  if (!page) throw contactNotFound(contactId);
  const envelope: Record<string, unknown> = { page: paging.page, size: paging.size };
  if (paging.includeTotal) envelope['total'] = page.total;
  envelope['has_more'] = page.hasMore;
  sendPage(ctx, envelope, page.items.map(approvalRequestOut));
};

/** The approval requests a contact approves. */
export const resource = defineResource({
  family: 'self-service',
  name: 'contact-approval-requests',
  pathParameters: { id: 'ApprovalContactId' },
  openapi: mergeFragments(engagementComponents, {
    tags: [APPROVALS_TAG_DOC],
    parameters: {
      ApprovalContactId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The approver contact GUID; a contact may name only itself.',
        schema: { type: 'string', minLength: 1, maxLength: 100 },
      },
      ApprovalState: query('state', { type: 'string', enum: [...STATES] }, 'Only requests in this state.'),
      ApprovalEntityTypes: query('entity_types', { type: 'string', example: 'ORDERS' }, 'Comma-separated entity types.'),
    },
    responseSchemas: [{ name: 'ApprovalRequestPageSS', schema: approvalRequestPageResponse }],
  }),
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/contacts/:id/approval_requests',
      handler: listApprovalRequests,
      operations: [LIST_APPROVAL_REQUESTS],
      doc: {
        operationId: 'listContactApprovalRequestsSS',
        summary: 'List a contact’s approval requests',
        description: 'Newest first by default.',
        tag: APPROVALS_TAG,
        audience: 'selfservice',
        query: ['Page', 'Size', 'IncludeTotal', 'SrOrder', 'SrSort', 'ApprovalState', 'ApprovalEntityTypes'],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'A page of approval requests.', schema: 'ApprovalRequestPageSS' },
      },
    },
  ],
});
