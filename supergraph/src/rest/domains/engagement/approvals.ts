import { z } from 'zod';
import type { IncomingMessage } from 'node:http';
import { AppError, type NotFoundSubject } from '@crm/platform/errors';
import { readBody } from '@crm/platform/http';
import { headerValue } from '../../kit/request';
import { recordNotFound } from '../../kit/errors';
import { epochSeconds } from '../../kit/format';
import { op, USER_ERROR_FIELDS } from '../../kit/operation';
import { epoch, pagingResponse } from '../../kit/response-schemas';

export const APPROVAL_REQUEST = 'approval request' as NotFoundSubject;
export const approvalNotFound = (id: string): AppError => recordNotFound(APPROVAL_REQUEST, id);

export const APPROVALS_TAG = 'Approval Requests';
export const APPROVALS_TAG_DOC = {
  name: APPROVALS_TAG,
  description: 'Actions waiting for a contact’s approval, decided once by signed link or action.',
};
export const BO_APPROVALS_TAG = 'Approval requests (Back-Office)';
export const BO_APPROVALS_TAG_DOC = {
  name: BO_APPROVALS_TAG,
  description: 'Creating approval requests (with their signed, expiring links) and following them.',
};

const FIELDS = `id approverContactId entityType entityId reference state comments decidedVia expiresAt createdAt decidedAt`;
const PAYLOAD = `id childId consistencyToken ${USER_ERROR_FIELDS}`;

export const GET_APPROVAL_REQUEST = op(
  'query',
  'RestGetApprovalRequest',
  `query RestGetApprovalRequest($id: ID!) { approvalRequest(id: $id) { ${FIELDS} } }`,
);
export const LIST_APPROVAL_REQUESTS = op(
  'query',
  'RestListApprovalRequests',
  `query RestListApprovalRequests($filter: ApprovalRequestFilterInput, $offset: Int!, $limit: Int!, $ascending: Boolean!) {
    approvalRequests(filter: $filter, offset: $offset, limit: $limit, ascending: $ascending) { total hasMore items { ${FIELDS} } } }`,
);
export const APPROVAL_LINK = op(
  'query',
  'RestApprovalLink',
  `query RestApprovalLink($token: String!) { approvalLink(token: $token) { requestId action expiresAt } }`,
);
export const REQUEST_APPROVAL = op(
  'mutation',
  'RestRequestApproval',
  `mutation RestRequestApproval($input: RequestApprovalInput!, $idempotencyKey: String) { requestApproval(input: $input, idempotencyKey: $idempotencyKey) {
    id acceptToken rejectToken expiresAt consistencyToken ${USER_ERROR_FIELDS} } }`,
);
export const DECIDE_APPROVAL_REQUEST = op(
  'mutation',
  'RestDecideApprovalRequest',
  `mutation RestDecideApprovalRequest($id: ID!, $action: ApprovalAction!, $comments: String) { decideApprovalRequest(id: $id, action: $action, comments: $comments) { ${PAYLOAD} } }`,
);
export const DECIDE_APPROVAL_BY_LINK = op(
  'mutation',
  'RestDecideApprovalByLink',
  `mutation RestDecideApprovalByLink($token: String!, $action: ApprovalAction!, $comments: String) { decideApprovalByLink(token: $token, action: $action, comments: $comments) { ${PAYLOAD} } }`,
);

export interface GqlApprovalRequest {
  id: string;
  approverContactId: string;
  entityType: 'REWARD_OFFERS' | 'ORGANISATIONS' | 'SERVICE_REQUESTS' | 'ORDERS';
  entityId: string;
  reference: string | null;
  state: 'PENDING' | 'APPROVED' | 'REJECTED';
  comments: string | null;
  decidedVia: string | null;
  expiresAt: string;
  createdAt: string;
  decidedAt: string | null;
}

export const ENTITY_TYPES = ['REWARD_OFFERS', 'ORGANISATIONS', 'SERVICE_REQUESTS', 'ORDERS'] as const;
export const STATES = ['PENDING', 'APPROVED', 'REJECTED'] as const;

/** An approval request as Self-Service lists it (the contract's item, plus when it expires). */
export const approvalRequestResponse = z.strictObject({
  id: z.string(),
  state: z.enum(STATES),
  entity: z.strictObject({ id: z.string(), type: z.enum(ENTITY_TYPES), reference: z.string().optional() }),
  comments: z.string().optional(),
  expires_on: epoch,
  created_on: epoch,
});
export const approvalRequestPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(approvalRequestResponse) });

export function approvalRequestOut(a: GqlApprovalRequest): z.infer<typeof approvalRequestResponse> {
  return {
    id: a.id,
    state: a.state,
    entity: { id: a.entityId, type: a.entityType, ...(a.reference ? { reference: a.reference } : {}) },
    ...(a.comments ? { comments: a.comments } : {}),
    expires_on: epochSeconds(a.expiresAt),
    created_on: epochSeconds(a.createdAt),
  };
}

/** The form of an approval link's POST: `comments` (application/x-www-form-urlencoded, as the contract says; JSON is taken too). */
export const approvalFormBody = z.strictObject({ comments: z.string().max(1000).optional() });

const FORM_LIMIT_BYTES = 16 * 1024;

/** Reads an `application/x-www-form-urlencoded` (or JSON) body into an object of strings; empty: `{}`. */
export async function readFormBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = (await readBody(req, FORM_LIMIT_BYTES)).toString('utf8');
  if (raw.length === 0) return {};
  const type = (headerValue(req, 'content-type') ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      /* refused below */
    }
    throw new AppError('VALIDATION', 'the request body must be a JSON object', { reason: 'MALFORMED_BODY' });
  }
  if (!type.startsWith('application/x-www-form-urlencoded'))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'the request body must be application/x-www-form-urlencoded', { reason: 'UNSUPPORTED_MEDIA_TYPE' });
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    if (k in out) throw AppError.validation(k, 'is repeated', 'INVALID_VALUE');
    out[k] = v;
  }
  return out;
}
