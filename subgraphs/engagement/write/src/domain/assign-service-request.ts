import { AppError } from '@crm/platform/errors';
import { assertOpen, existing, type ServiceRequestChange, type ServiceRequestState } from './service-request';

export interface AssignServiceRequest {
  /** Identity's team and user ids (checked against identity by the caller; here: present and changed). */
  teamId: string | null;
  userId: string | null;
}

/** Assigns an open service request to a team and/or a user (pure); assigning what is already assigned emits nothing. */
export function assignServiceRequest(state: ServiceRequestState | null, cmd: AssignServiceRequest): ServiceRequestChange[] {
  const current = existing(state);
  assertOpen(current);
  if (!cmd.teamId && !cmd.userId)
    throw new AppError('VALIDATION', 'assigned_to: name a team_id, a user_id or both', { field: 'assigned_to', reason: 'REQUIRED' });
  if (current.teamId === cmd.teamId && current.userId === cmd.userId) return [];
  return [{ type: 'service_request.assigned', data: { teamId: cmd.teamId, userId: cmd.userId } }];
}
