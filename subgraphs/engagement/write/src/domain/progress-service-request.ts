import { AppError } from '@crm/platform/errors';
import type { QueueStage } from '@crm/event-bus/contracts/engagement';
import { orderedStages, type QueueState } from './queue';
import { assertOpen, existing, type ServiceRequestChange, type ServiceRequestState } from './service-request';

export interface ProgressServiceRequest {
  action: 'START_PROGRESS' | 'PROGRESS';
  /** The request's queue (loaded by the application). */
  queue: QueueState;
  stageId: string | null;
  comment: string | null;
  closingComment: string | null;
  isResolved: boolean | null;
}

const MAX_COMMENT = 2000;

const refuse = (message: string, reason: 'NOT_STARTED' | 'ALREADY_STARTED' | 'NO_NEXT_STAGE' | 'SAME_STAGE') =>
  new AppError('CONFLICT', message, { reason });

function comment(field: string, raw: string | null): string | null {
  const text = raw?.trim() || null;
  if (text && text.length > MAX_COMMENT) throw AppError.validation(field, `must be at most ${MAX_COMMENT} characters`, 'TOO_LONG');
  return text;
}

/** Where the command moves the request: the named stage; with is_resolved the first closing stage; else the next stage. */
function targetStage(current: ServiceRequestState, cmd: ProgressServiceRequest, stages: QueueStage[]): QueueStage {
  if (cmd.stageId) {
    const named = stages.find((s) => s.id === cmd.stageId);
    if (!named)
      throw new AppError('VALIDATION', `stage_id: ${cmd.stageId} is not a stage of the queue`, { field: 'stage_id', reason: 'STAGE_NOT_IN_QUEUE' });
    return named;
  }
  if (cmd.action === 'START_PROGRESS') return stages.find((s) => s.id === current.stageId) ?? stages[0]!;
  if (cmd.isResolved !== null) return stages.find((s) => s.isClosing)!;
  const at = stages.findIndex((s) => s.id === current.stageId);
  const next = stages[at + 1];
  if (!next) throw refuse('the service request is at the last stage of its queue', 'NO_NEXT_STAGE');
  return next;
}

/**
 * The stage machine (pure). START_PROGRESS: NEW → IN_PROGRESS, at the given open stage or where
 * it is. PROGRESS: moves an IN_PROGRESS request to the given stage, or (no stage) with
 * is_resolved to the queue's first closing stage, or else to the next stage in order. Reaching a
 * closing stage closes it (CLOSED, is_resolved required); an open stage keeps it IN_PROGRESS.
 */
export function progressServiceRequest(state: ServiceRequestState | null, cmd: ProgressServiceRequest): ServiceRequestChange[] {
  const current = existing(state);
  assertOpen(current);
  if (cmd.action === 'START_PROGRESS' && current.state !== 'NEW') throw refuse('the service request is in progress already', 'ALREADY_STARTED');
  if (cmd.action === 'PROGRESS' && current.state === 'NEW') throw refuse('start progress on the service request first', 'NOT_STARTED');
  const stages = orderedStages(cmd.queue);
  const target = targetStage(current, cmd, stages);
  if (cmd.action === 'PROGRESS' && target.id === current.stageId) throw refuse('the service request is at that stage already', 'SAME_STAGE');
  const closing = target.isClosing;
  if (closing && cmd.action === 'START_PROGRESS')
    throw new AppError('VALIDATION', 'stage_id: START_PROGRESS moves to an open stage; close with PROGRESS', {
      field: 'stage_id',
      reason: 'CLOSING_STAGE_NOT_ALLOWED',
    });
  if (closing && cmd.isResolved === null)
    throw AppError.validation('is_resolved', 'is required when the service request reaches a closing stage', 'REQUIRED');
  if (!closing && cmd.isResolved !== null)
    throw new AppError('VALIDATION', 'is_resolved: only a closing stage resolves a service request', {
      field: 'is_resolved',
      reason: 'ONLY_WHEN_CLOSING',
    });
  const closingComment = comment('closing_comment', cmd.closingComment);
  if (!closing && closingComment)
    throw new AppError('VALIDATION', 'closing_comment: only when the service request reaches a closing stage', {
      field: 'closing_comment',
      reason: 'ONLY_WHEN_CLOSING',
    });
  return [
    {
      type: 'service_request.progressed',
      data: {
        action: cmd.action,
        state: closing ? 'CLOSED' : 'IN_PROGRESS',
        stageId: target.id,
        comment: comment('comment', cmd.comment),
        closingComment,
        isResolved: closing ? cmd.isResolved : null,
      },
    },
  ];
}
