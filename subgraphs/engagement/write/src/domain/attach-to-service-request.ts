import { AppError } from '@crm/platform/errors';
import { existing, type ServiceRequestChange, type ServiceRequestState } from './service-request';

export interface AttachToServiceRequest {
  attachmentId: string;
  fileId: string | null;
  link: string | null;
  description: string | null;
}

export const MAX_ATTACHMENTS = 50;

/** Attaches a stored file (by id) or a link, exactly one of them (pure). */
export function attachToServiceRequest(state: ServiceRequestState | null, cmd: AttachToServiceRequest): ServiceRequestChange[] {
  const current = existing(state);
  const fileId = cmd.fileId?.trim() || null;
  const link = cmd.link?.trim() || null;
  if (!fileId && !link) throw AppError.validation('file_id', 'name a file_id or a link', 'REQUIRED');
  if (fileId && link) throw AppError.validation('link', 'name a file_id or a link, not both', 'INVALID_VALUE');
  if (link && !/^https?:\/\/\S+$/i.test(link)) throw AppError.validation('link', 'must be an http(s) URL', 'INVALID_VALUE');
  const description = cmd.description?.trim() || null;
  if (description && description.length > 500) throw AppError.validation('description', 'must be at most 500 characters', 'TOO_LONG');
  if (current.attachmentIds.length >= MAX_ATTACHMENTS)
    throw AppError.validation('file_id', `a service request has at most ${MAX_ATTACHMENTS} attachments`, 'TOO_MANY');
  return [{ type: 'service_request.attachment_added', data: { attachmentId: cmd.attachmentId, fileId, link, description } }];
}

/** Removes an attachment of the request (pure); an unknown attachment is a 404. */
export function detachFromServiceRequest(state: ServiceRequestState | null, cmd: { attachmentId: string }): ServiceRequestChange[] {
  const current = existing(state);
  if (!current.attachmentIds.includes(cmd.attachmentId))
    throw new AppError('NOT_FOUND', `attachment ${cmd.attachmentId} was not found`, { reason: 'ATTACHMENT_NOT_FOUND' });
  return [{ type: 'service_request.attachment_removed', data: { attachmentId: cmd.attachmentId } }];
}
