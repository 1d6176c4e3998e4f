import type { ApprovalEntityType, ApprovalRequestEvent, ApprovalStateName } from '@crm/event-bus/contracts/engagement';

/** The read model of one approval request. */
export interface ApprovalRequestView {
  id: string;
  version: number;
  approverContactId: string;
  entityType: ApprovalEntityType;
  entityId: string;
  reference: string | null;
  expiresAt: string;
  state: ApprovalStateName;
  comments: string | null;
  decidedVia: 'LINK' | 'ACTION' | null;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
}

/** Folds one approval request event into the view (pure). */
export function projectApprovalRequest(
  view: ApprovalRequestView | null,
  event: Pick<ApprovalRequestEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>,
): ApprovalRequestView {
  const at = event.occurredAt;
  const e = event as ApprovalRequestEvent;
  if (e.type === 'approval_request.created') {
    const { requestedBy: _by, ...data } = e.data;
    return {
      id: e.aggregateId,
      version: e.aggregateVersion,
      ...data,
      state: 'PENDING',
      comments: null,
      decidedVia: null,
      createdAt: at,
      updatedAt: at,
      decidedAt: null,
    };
  }
  if (!view) throw new Error(`${e.type} of approval request ${e.aggregateId} before it was created`);
  return {
    ...view,
    version: e.aggregateVersion,
    updatedAt: at,
    state: e.data.state,
    comments: e.data.comments,
    decidedVia: e.data.via,
    decidedAt: at,
  };
}
