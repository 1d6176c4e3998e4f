import { z } from 'zod';
import { noQuery, param, sendJson, type Handler, type RestContext } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { defineResource } from '../../kit/resource';
import { guidParam, mutate } from '../../domains/engagement/handlers';
import { headerValue } from '../../kit/request';
import {
  APPROVAL_LINK,
  approvalFormBody,
  approvalNotFound,
  APPROVALS_TAG,
  APPROVALS_TAG_DOC,
  DECIDE_APPROVAL_BY_LINK,
  DECIDE_APPROVAL_REQUEST,
  GET_APPROVAL_REQUEST,
  readFormBody,
  type GqlApprovalRequest,
} from '../../domains/engagement/approvals';

/** POST /self-service/v2/approval_requests/{id}/actions: `{action: ACCEPT | REJECT, comments?}`. */
export const approvalActionBody = z.strictObject({ action: z.enum(['ACCEPT', 'REJECT']), comments: z.string().max(1000).optional() });

const tokenOf = (ctx: RestContext): string => {
  const token = param(ctx, 'token');
  if (token.length === 0 || token.length > 100) throw approvalNotFound(token.slice(0, 40));
  return token;
};

/** GET …/accept|reject/{token}: what the link would decide, on which request (the approver's own, still in the tenant). */
const showLink =
  (action: 'ACCEPT' | 'REJECT'): Handler =>
  async (ctx) => {
    noQuery(ctx);
    const token = tokenOf(ctx);
    const data = await ctx.gateway.run(APPROVAL_LINK, { token }, snakeCaseFields);
    const link = data['approvalLink'] as { requestId: string; action: 'ACCEPT' | 'REJECT' } | null;
    if (!link || link.action !== action) throw approvalNotFound('(link)');
    const found = (await ctx.gateway.run(GET_APPROVAL_REQUEST, { id: link.requestId }, snakeCaseFields))[
      'approvalRequest'
    ] as GqlApprovalRequest | null;
    if (!found) throw approvalNotFound(link.requestId);
    // the contract's 200 has no content: API clients get none; a browser (Accept: text/html) gets the form
    if (!/text\/html/i.test(headerValue(ctx.req, 'accept') ?? '')) {
      ctx.res.writeHead(200).end();
      return;
    }
    const html = approvalFormHtml(found, action, token);
    ctx.res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The approval form a link shows: what waits for approval, and a button posting the link's decision with optional comments. */
function approvalFormHtml(a: GqlApprovalRequest, action: 'ACCEPT' | 'REJECT', token: string): string {
  const verb = action === 'ACCEPT' ? 'Approve' : 'Reject';
  const what = `${a.entityType.toLowerCase().replace(/_/g, ' ')} ${a.reference ?? a.entityId}`;
  const body =
    a.state === 'PENDING'
      ? `<form method="post" action="${escapeHtml(encodeURIComponent(token))}/action"><label>Comments <textarea name="comments" maxlength="1000"></textarea></label><button type="submit">${verb}</button></form>`
      : `<p>This request was already ${a.state.toLowerCase()}.</p>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${verb} ${escapeHtml(what)}</title></head><body><h1>${verb} ${escapeHtml(what)}?</h1>${body}</body></html>`;
}

/** POST …/accept|reject/{token}/action (form `comments`): decides with the link's decision, once → 200 `{id}`. */
const decideByLink =
  (action: 'ACCEPT' | 'REJECT'): Handler =>
  async (ctx) => {
    noQuery(ctx);
    const token = tokenOf(ctx);
    const body = validateBody(approvalFormBody, await readFormBody(ctx.req));
    await mutate(ctx, DECIDE_APPROVAL_BY_LINK, { token, action, comments: body.comments ?? null }, 'decideApprovalByLink');
    // the contract's 200 has no content
    ctx.res.writeHead(200).end();
  };

/** POST /self-service/v2/approval_requests/{id}/actions → 200 `{id}`. */
const performAction: Handler = async (ctx) => {
  noQuery(ctx);
  const id = guidParam(ctx, 'id', approvalNotFound);
  const body = validateBody(approvalActionBody, await ctx.readBody());
  await mutate(ctx, DECIDE_APPROVAL_REQUEST, { id, action: body.action, comments: body.comments ?? null }, 'decideApprovalRequest');
  sendJson(ctx.res, 200, { id });
};

const tokenParam = {
  name: 'token',
  in: 'path',
  required: true,
  description: 'The signed, expiring link token (forged or another tenant’s: 404; expired: 400).',
  schema: { type: 'string', minLength: 1, maxLength: 100 },
};

const linkRoutes = (action: 'ACCEPT' | 'REJECT') => {
  const word = action === 'ACCEPT' ? 'accept' : 'reject';
  const verb = action === 'ACCEPT' ? 'Approve' : 'Reject';
  return [
    {
      method: 'GET' as const,
      path: `/self-service/v2/approval_requests/${word}/:token`,
      handler: showLink(action),
      operations: [APPROVAL_LINK, GET_APPROVAL_REQUEST],
      pathParameters: { token: 'ApprovalToken' },
      doc: {
        operationId: `${word}ApprovalRequestFormSS`,
        summary: `Show what the ${word} link decides`,
        description:
          'Checks the link for the signed-in approver: 200 with no content (the contract’s); with `Accept: text/html`, the approval form. Forged or another’s: 404; expired: 400.',
        tag: APPROVALS_TAG,
        audience: 'selfservice' as const,
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200 as const, description: 'The link is valid (text/html: the form).' },
      },
    },
    {
      method: 'POST' as const,
      path: `/self-service/v2/approval_requests/${word}/:token/action`,
      handler: decideByLink(action),
      operations: [DECIDE_APPROVAL_BY_LINK],
      pathParameters: { token: 'ApprovalToken' },
      doc: {
        operationId: `${word}ApprovalRequestActionSS`,
        summary: `${verb} an approval request through its link`,
        description: 'Decides once: a second decision (by link or action) is 409; expired: 409 (request) or 400 (link).',
        tag: APPROVALS_TAG,
        audience: 'selfservice' as const,
        body: 'ApprovalFormSS',
        bodyMedia: 'application/x-www-form-urlencoded' as const,
        bodyOptional: true,
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200 as const, description: 'Decided (no content, as the contract says).' },
      },
    },
  ];
};

/** Approval requests: decided once by signed, expiring links or by action. */
export const resource = defineResource({
  family: 'self-service',
  name: 'approval-requests',
  pathParameters: { id: 'ApprovalRequestId' },
  openapi: {
    tags: [APPROVALS_TAG_DOC],
    parameters: {
      ApprovalToken: tokenParam,
      ApprovalRequestId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The approval request GUID.',
        schema: { type: 'string', minLength: 1, maxLength: 100 },
      },
    },
    requestSchemas: [
      { name: 'ApprovalFormSS', schema: approvalFormBody },
      { name: 'ApprovalActionSS', schema: approvalActionBody },
    ],
  },
  routes: [
    ...linkRoutes('ACCEPT'),
    ...linkRoutes('REJECT'),
    {
      method: 'POST',
      path: '/self-service/v2/approval_requests/:id/actions',
      handler: performAction,
      operations: [DECIDE_APPROVAL_REQUEST],
      doc: {
        operationId: 'performApprovalRequestActionsSS',
        summary: 'Accept or reject an approval request',
        description: 'The approver decides once; a second decision is 409; after the expiry 409.',
        tag: APPROVALS_TAG,
        audience: 'selfservice',
        body: 'ApprovalActionSS',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Decided; the id of the request.', schema: 'IdResult' },
      },
    },
  ],
});
