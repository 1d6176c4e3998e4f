import { z } from 'zod';
import { noQuery, sendJson, type Handler } from '../../kit/context';
import { guid, validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds } from '../../kit/format';
import { idempotencyKeyOf } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { epoch } from '../../kit/response-schemas';
import { guidParam } from '../../domains/engagement/handlers';
import {
  approvalNotFound,
  approvalRequestOut,
  approvalRequestResponse,
  BO_APPROVALS_TAG as TAG,
  BO_APPROVALS_TAG_DOC,
  ENTITY_TYPES,
  GET_APPROVAL_REQUEST,
  REQUEST_APPROVAL,
  type GqlApprovalRequest,
} from '../../domains/engagement/approvals';

/** POST /backoffice/v2/approval_requests: an action waits for a contact's approval. */
export const approvalRequestBody = z.strictObject({
  contact_id: guid.describe('The approver.'),
  entity: z.strictObject({ type: z.enum(ENTITY_TYPES), id: z.string().min(1).max(100), reference: z.string().max(100).optional() }),
  expires_in: z.int().min(1).max(2_592_000).optional().describe('Seconds the approver has (default one day).'),
});

export const createdApprovalResponse = z.strictObject({
  id: z.string(),
  accept_token: z.string().describe('For /self-service/v2/approval_requests/accept/{token}'),
  reject_token: z.string().describe('For /self-service/v2/approval_requests/reject/{token}'),
  expires_on: epoch,
});

interface CreatedPayload {
  id: string;
  acceptToken: string;
  rejectToken: string;
  expiresAt: string;
  consistencyToken: string | null;
  errors: { code: string; reason: string | null; field: string | null; message: string }[];
}

/** POST /backoffice/v2/approval_requests → 201 `{id, accept_token, reject_token, expires_on}`. */
const createApprovalRequest: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(approvalRequestBody, await ctx.readBody());
  const input = {
    approverContactId: body.contact_id,
    entityType: body.entity.type,
    entityId: body.entity.id,
    reference: body.entity.reference ?? null,
    expiresInSeconds: body.expires_in ?? 86400,
  };
  const payload = await ctx.gateway.mutate<CreatedPayload>(
    REQUEST_APPROVAL,
    { input, idempotencyKey: idempotencyKeyOf(ctx.req) },
    'requestApproval',
    snakeCaseFields,
  );
  sendJson(ctx.res, 201, {
    id: payload.id,
    accept_token: payload.acceptToken,
    reject_token: payload.rejectToken,
    expires_on: epochSeconds(payload.expiresAt),
  });
};

/** GET /backoffice/v2/approval_requests/{id}. */
const getApprovalRequest: Handler = async (ctx) => {
  noQuery(ctx);
  const id = guidParam(ctx, 'id', approvalNotFound);
  const found = (await ctx.gateway.run(GET_APPROVAL_REQUEST, { id }, snakeCaseFields))['approvalRequest'] as GqlApprovalRequest | null;
  if (!found) throw approvalNotFound(id);
  sendJson(ctx.res, 200, { ...approvalRequestOut(found), contact: { id: found.approverContactId } });
};

/** Approval requests from the back office (or another domain's service through it). */
export const resource = defineResource({
  family: 'backoffice',
  name: 'approval-requests',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [BO_APPROVALS_TAG_DOC],
    requestSchemas: [{ name: 'ApprovalRequestRequest', schema: approvalRequestBody }],
    responseSchemas: [
      { name: 'ApprovalRequestCreated', schema: createdApprovalResponse },
      { name: 'ApprovalRequest', schema: approvalRequestResponse.extend({ contact: z.strictObject({ id: z.string() }) }) },
    ],
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/approval_requests',
      handler: createApprovalRequest,
      operations: [REQUEST_APPROVAL],
      doc: {
        operationId: 'createApprovalRequestBO',
        summary: 'Create an approval request',
        description: 'Needs engagement.write. Answers with the signed, expiring accept/reject link tokens to send to the approver.',
        tag: TAG,
        audience: 'backoffice',
        body: 'ApprovalRequestRequest',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Created, with its link tokens.', schema: 'ApprovalRequestCreated' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/approval_requests/:id',
      handler: getApprovalRequest,
      operations: [GET_APPROVAL_REQUEST],
      doc: {
        operationId: 'getApprovalRequestBO',
        summary: 'Get an approval request',
        description: 'Needs engagement.read.',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The approval request.', schema: 'ApprovalRequest' },
      },
    },
  ],
});
