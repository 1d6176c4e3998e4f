import { AppError, type NotFoundSubject } from '@crm/platform/errors';
import { param, sendJson, type RestContext } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds } from '../../kit/format';
import { PAGING_PARAMS, parsePaging } from '../../kit/paging';
import { canonicalPathId, isUuid, queryParams } from '../../kit/request';
import { attachmentBody } from './bodies';
import {
  ADD_SERVICE_REQUEST_ATTACHMENT,
  ADD_SERVICE_REQUEST_NOTE,
  GET_SERVICE_REQUEST_ATTACHMENTS,
  GET_SERVICE_REQUEST_NOTES,
  LIST_SERVICE_REQUESTS,
  REMOVE_SERVICE_REQUEST_ATTACHMENT,
  type GqlAttachment,
  type GqlCategory,
  type GqlEngagementPayload,
  type GqlNote,
  type GqlQueue,
  type GqlServiceRequest,
  type GqlServiceRequestPage,
  type GqlStage,
} from './operations';
import type { Operation } from '../../kit/operation';

/** Subjects of the engagement services' catalogued <SUBJECT>_NOT_FOUND reasons (src/errors.ts, loaded through the registry). */
export const SERVICE_REQUEST = 'service request' as NotFoundSubject;
export const QUEUE = 'queue' as NotFoundSubject;
const ATTACHMENT = 'attachment' as NotFoundSubject;

export const serviceRequestNotFound = (id: string): AppError => recordNotFound(SERVICE_REQUEST, id);

/** A GUID path parameter, canonical; anything that is not a GUID names nothing (`notFound`). */
export function guidParam(ctx: RestContext, name: string, notFound: (raw: string) => AppError): string {
  const raw = param(ctx, name);
  if (!isUuid(raw)) throw notFound(raw);
  return canonicalPathId(raw);
}

/** The service request id of the path (`{id}`). */
export const serviceRequestId = (ctx: RestContext): string => guidParam(ctx, 'id', serviceRequestNotFound);

/** Runs an engagement mutation (a UserError becomes a 4xx naming the REST field; the token is remembered). */
export function mutate(ctx: RestContext, op: Operation, variables: Record<string, unknown>, field: string): Promise<GqlEngagementPayload> {
  return ctx.gateway.mutate<GqlEngagementPayload>(op, variables, field, snakeCaseFields);
}

export const categoryOut = (c: GqlCategory) => ({ id: c.id, name: c.name, ...(c.description ? { description: c.description } : {}) });
export const stageOut = (s: GqlStage) => ({ id: s.id, name: s.name, order: s.order });
export const defaultPriorityOut = (q: GqlQueue) => ({ urgency: q.defaultUrgency, impact: q.defaultImpact, priority: q.defaultPriority });

/** The Back-Office shape of a service request. */
export function serviceRequestOut(r: GqlServiceRequest): Record<string, unknown> {
  return {
    id: r.id,
    number: r.number,
    state: r.state,
    ...(r.isResolved === null ? {} : { is_resolved: r.isResolved }),
    ...(r.closingComment ? { closing_comment: r.closingComment } : {}),
    description: r.description,
    queue: { id: r.queueId, ...(r.queueName ? { name: r.queueName } : {}) },
    ...(r.stage ? { stage: { ...stageOut(r.stage), is_closing: r.stage.isClosing } } : {}),
    urgency: r.urgency,
    impact: r.impact,
    priority: r.priority,
    categories: r.categories.map(categoryOut),
    contact: { id: r.contactId },
    ...(r.addressId ? { address: { id: r.addressId } } : {}),
    assigned_to: {
      ...(r.assignedTeamId ? { team: { id: r.assignedTeamId } } : {}),
      ...(r.assignedUserId ? { user: { id: r.assignedUserId } } : {}),
    },
    tags: r.tags,
    created_date: epochSeconds(r.createdAt),
    updated_date: epochSeconds(r.updatedAt),
    ...(r.closedAt ? { closed_date: epochSeconds(r.closedAt) } : {}),
  };
}

/** `order` of a list: DESC (default, newest first) or ASC; any case. */
export function ascendingOf(params: Map<string, string>): boolean {
  const raw = params.get('order')?.toUpperCase();
  if (raw === undefined || raw === 'DESC') return false;
  if (raw === 'ASC') return true;
  throw AppError.validation('order', 'must be ASC or DESC', 'INVALID_ENUM');
}

/** `sort`: only CREATED_DATE (the contract's default) is supported. */
export function checkSort(params: Map<string, string>): void {
  const raw = params.get('sort');
  if (raw !== undefined && raw.toUpperCase() !== 'CREATED_DATE') throw AppError.validation('sort', 'only CREATED_DATE is supported', 'INVALID_ENUM');
}

export const LIST_PARAMS = [...PAGING_PARAMS, 'order', 'sort'] as const;

/**
 * Runs the service request list query for one page of `filter` (`params`: page, size,
 * include_total, order, sort) → the page (null: a contact asked for another contact's) and its
 * paging envelope.
 */
export async function serviceRequestPage(
  ctx: RestContext,
  params: Map<string, string>,
  filter: Record<string, unknown>,
): Promise<{ page: GqlServiceRequestPage | null; paging: Record<string, unknown> }> {
  const paging = parsePaging(params);
  checkSort(params);
  const data = await ctx.gateway.run(
    LIST_SERVICE_REQUESTS,
    { filter, offset: (paging.page - 1) * paging.size, limit: paging.size, ascending: ascendingOf(params) },
    snakeCaseFields,
  );
  const page = (data['serviceRequests'] as GqlServiceRequestPage | null | undefined) ?? null;
  const envelope: Record<string, unknown> = { page: paging.page, size: paging.size };
  if (page && paging.includeTotal) envelope['total'] = page.total;
  envelope['has_more'] = page?.hasMore ?? false;
  return { page, paging: envelope };
}

/** A page of an in-memory list (notes, attachments; given newest first) in the paging envelope; `order=ASC` reverses it. */
function pageOf<T>(ctx: RestContext, newestFirst: T[]): { paging: Record<string, unknown>; content: T[] } {
  const params = queryParams(ctx.url.searchParams, LIST_PARAMS);
  const paging = parsePaging(params);
  checkSort(params);
  const items = ascendingOf(params) ? [...newestFirst].reverse() : newestFirst;
  const start = (paging.page - 1) * paging.size;
  const envelope: Record<string, unknown> = { page: paging.page, size: paging.size };
  if (paging.includeTotal) envelope['total'] = items.length;
  envelope['has_more'] = start + paging.size < items.length;
  return { paging: envelope, content: items.slice(start, start + paging.size) };
}

/**
 * GET …/service_requests/{id}/notes → the paging envelope, newest first (`order=ASC`: oldest first).
 * `contactNotesOnly`: Self-Service shows the notes contacts wrote (NOTES §2.1 "contact notes only").
 */
export async function listNotes(ctx: RestContext, opts: { contactNotesOnly: boolean }): Promise<void> {
  const id = serviceRequestId(ctx);
  const data = await ctx.gateway.run(GET_SERVICE_REQUEST_NOTES, { id }, snakeCaseFields);
  const found = data['serviceRequest'] as { notes: GqlNote[] } | null | undefined;
  if (!found) throw serviceRequestNotFound(id);
  const notes = found.notes.filter((n) => !opts.contactNotesOnly || n.byKind === 'contact').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const page = pageOf(ctx, notes);
  sendJson(ctx.res, 200, {
    paging: page.paging,
    content: page.content.map((n) => ({
      id: n.id,
      note: n.note,
      pinned: n.pinned,
      created_on: epochSeconds(n.createdAt),
      ...(n.byId ? { created_by: { id: n.byId } } : {}),
    })),
  });
}

/** POST …/service_requests/{id}/notes → `{id}` of the note. */
export async function addNote(ctx: RestContext, body: { note: string; pinned?: boolean }, status: 200 | 201): Promise<void> {
  const id = serviceRequestId(ctx);
  const payload = await mutate(ctx, ADD_SERVICE_REQUEST_NOTE, { id, note: body.note, pinned: body.pinned ?? false }, 'addServiceRequestNote');
  sendJson(ctx.res, status, { id: payload.childId });
}

/** GET …/service_requests/{id}/attachments → the paging envelope, newest first. */
export async function listAttachments(ctx: RestContext): Promise<void> {
  const id = serviceRequestId(ctx);
  const data = await ctx.gateway.run(GET_SERVICE_REQUEST_ATTACHMENTS, { id }, snakeCaseFields);
  const found = data['serviceRequest'] as { attachments: GqlAttachment[] } | null | undefined;
  if (!found) throw serviceRequestNotFound(id);
  const page = pageOf(ctx, [...found.attachments].reverse());
  sendJson(ctx.res, 200, {
    paging: page.paging,
    content: page.content.map((a) => ({
      id: a.id,
      ...(a.description ? { description: a.description } : {}),
      ...(a.link ? { link: a.link } : {}),
      ...(a.fileId ? { file: { id: a.fileId } } : {}),
    })),
  });
}

/** POST …/service_requests/{id}/attachments → 201 `{id}` of the attachment. */
export async function addAttachment(ctx: RestContext): Promise<void> {
  const id = serviceRequestId(ctx);
  const body = validateBody(attachmentBody, await ctx.readBody());
  const input = { fileId: body.file_id ?? null, link: body.link ?? null, description: body.description ?? null };
  const payload = await mutate(ctx, ADD_SERVICE_REQUEST_ATTACHMENT, { id, input }, 'addServiceRequestAttachment');
  sendJson(ctx.res, 201, { id: payload.childId });
}

/** DELETE …/service_requests/{id}/attachments/{attachment_id} → 204. */
export async function removeAttachment(ctx: RestContext): Promise<void> {
  const id = serviceRequestId(ctx);
  const attachmentId = guidParam(ctx, 'attachment_id', (raw) => recordNotFound(ATTACHMENT, raw));
  await mutate(ctx, REMOVE_SERVICE_REQUEST_ATTACHMENT, { id, attachmentId }, 'removeServiceRequestAttachment');
  sendJson(ctx.res, 204, undefined);
}
