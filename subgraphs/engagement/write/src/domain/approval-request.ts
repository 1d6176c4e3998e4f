import { AppError } from '@crm/platform/errors';
import type { ApprovalEntityType, ApprovalRequestEvent, ApprovalStateName, ChangeOf } from '@crm/event-bus/contracts/engagement';

/** Write-side state of one approval request: PENDING → APPROVED | REJECTED, once, before it expires. */
export interface ApprovalRequestState {
  id: string;
  version: number;
  approverContactId: string;
  entityType: ApprovalEntityType;
  entityId: string;
  reference: string | null;
  requestedBy: { kind: string; id: string | null };
  expiresAt: string;
  state: ApprovalStateName;
  comments: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type ApprovalRequestChange = ChangeOf<ApprovalRequestEvent>;

export function evolveApprovalRequest(
  state: ApprovalRequestState | null,
  event: ApprovalRequestChange,
  meta: { version: number; at: Date },
): ApprovalRequestState {
  if (event.type === 'approval_request.created')
    return { id: state?.id ?? '', version: meta.version, ...event.data, state: 'PENDING', comments: null, createdAt: meta.at, updatedAt: meta.at };
  if (!state) throw new Error(`${event.type} before approval_request.created`);
  return { ...state, version: meta.version, updatedAt: meta.at, state: event.data.state, comments: event.data.comments };
}

export const approvalNotFound = (): AppError =>
  new AppError('NOT_FOUND', 'the approval request was not found', { reason: 'APPROVAL_REQUEST_NOT_FOUND' });

export interface CreateApprovalRequest {
  approverContactId: string;
  entityType: ApprovalEntityType;
  entityId: string;
  reference: string | null;
  requestedBy: { kind: string; id: string | null };
  /** How long the approver has, in seconds (60 s to 30 days). */
  expiresInSeconds: number;
  now: Date;
}

/** Creates a pending approval request (pure). */
export function createApprovalRequest(state: ApprovalRequestState | null, cmd: CreateApprovalRequest): ApprovalRequestChange[] {
  if (state) throw new AppError('CONFLICT', 'the approval request exists', { reason: 'APPROVAL_REQUEST_EXISTS' });
  const entityId = cmd.entityId.trim();
  if (!entityId || entityId.length > 100) throw AppError.validation('entity.id', 'must be 1 to 100 characters', 'INVALID_LENGTH');
  const reference = cmd.reference?.trim() || null;
  if (reference && reference.length > 100) throw AppError.validation('entity.reference', 'must be at most 100 characters', 'TOO_LONG');
  if (!Number.isInteger(cmd.expiresInSeconds) || cmd.expiresInSeconds < 1 || cmd.expiresInSeconds > 30 * 86400)
    throw AppError.validation('expires_in', 'must be 1 second to 30 days', 'INVALID_VALUE');
  const expiresAt = new Date(cmd.now.getTime() + cmd.expiresInSeconds * 1000).toISOString();
  return [
    {
      type: 'approval_request.created',
      data: { approverContactId: cmd.approverContactId, entityType: cmd.entityType, entityId, reference, requestedBy: cmd.requestedBy, expiresAt },
    },
  ];
}

export interface DecideApprovalRequest {
  decision: 'APPROVED' | 'REJECTED';
  comments: string | null;
  via: 'LINK' | 'ACTION';
  /** The deciding contact (null: a back-office user or service acting for the approver). */
  contactId: string | null;
  now: Date;
}

/**
 * Decides a pending request, once (pure): only its approver (a contact deciding for another is told
 * it does not exist), only while PENDING (a second decision, whichever, is refused), only before
 * it expires.
 */
export function decideApprovalRequest(state: ApprovalRequestState | null, cmd: DecideApprovalRequest): ApprovalRequestChange[] {
  if (!state) throw approvalNotFound();
  if (cmd.contactId !== null && cmd.contactId !== state.approverContactId) throw approvalNotFound();
  if (state.state !== 'PENDING')
    throw new AppError('CONFLICT', `the approval request was already ${state.state.toLowerCase()}`, { reason: 'APPROVAL_REQUEST_DECIDED' });
  if (cmd.now.getTime() >= Date.parse(state.expiresAt))
    throw new AppError('CONFLICT', 'the approval request has expired', { reason: 'APPROVAL_REQUEST_EXPIRED' });
  const comments = cmd.comments?.trim() || null;
  if (comments && comments.length > 1000) throw AppError.validation('comments', 'must be at most 1000 characters', 'TOO_LONG');
  return [{ type: 'approval_request.decided', data: { state: cmd.decision, comments, via: cmd.via } }];
}
