import { AppError } from '@crm/platform/errors';
import { activityFields, type ActivityChange, type ActivityState } from './activity';
import type { ServiceRequestState } from './service-request';

export interface CreateActivity {
  name: string;
  description: string | null;
  /** The contact it is for; may be left out when it is on a service request (then the request's contact). */
  contactId: string | null;
  /** The service request it is on, loaded by the application (null: none named; `missing`: named but the tenant has none). */
  serviceRequest: ServiceRequestState | 'missing' | null;
  teamId: string | null;
  userId: string | null;
  dueAt: string | null;
}

/** Creates a pending activity for a contact, optionally on one of its service requests (pure). */
export function createActivity(state: ActivityState | null, cmd: CreateActivity): ActivityChange[] {
  if (state) throw new AppError('CONFLICT', 'the activity exists already', { reason: 'ACTIVITY_EXISTS' });
  const fields = activityFields(cmd);
  if (cmd.serviceRequest === 'missing')
    throw new AppError('VALIDATION', 'linked_to: no such service request', { field: 'linked_to', reason: 'SERVICE_REQUEST_NOT_FOUND' });
  const request = cmd.serviceRequest;
  if (request && cmd.contactId && request.contactId !== cmd.contactId)
    throw AppError.validation('linked_to', 'the service request is another contact’s', 'INVALID_VALUE');
  const contactId = cmd.contactId ?? request?.contactId ?? null;
  if (!contactId) throw AppError.validation('linked_to', 'link a contact or a service request', 'REQUIRED');
  return [
    {
      type: 'activity.created',
      data: { ...fields, contactId, serviceRequestId: request?.id ?? null, teamId: cmd.teamId, userId: cmd.userId },
    },
  ];
}
