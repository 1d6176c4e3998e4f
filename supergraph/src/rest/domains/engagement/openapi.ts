import { errorResponseOf, query } from '../../kit/openapi';
import type { OpenApiFragment } from '../../kit/resource';

/** The Back-Office tag of the engagement resources (queues and service requests). */
export const BO_TAG = 'Service requests (Back-Office)';
export const BO_TAG_DOC = { name: BO_TAG, description: 'Queues, service requests, their notes, attachments and history (the engagement domain).' };

/** The Self-Service tag, as the contract names it. */
export const SS_TAG = 'Service Requests';
export const SS_TAG_DOC = { name: SS_TAG, description: 'Queues, and a contact’s service requests with their notes and attachments.' };

/** Query and path parameters the engagement resources share (each resource spreads this into its fragment). */
export const engagementComponents: OpenApiFragment = {
  parameters: {
    AttachmentId: {
      name: 'attachment_id',
      in: 'path',
      required: true,
      description: 'The GUID of the attachment.',
      schema: { type: 'string', minLength: 1, maxLength: 100 },
    },
    SrOrder: query('order', { type: 'string', enum: ['ASC', 'DESC'], default: 'DESC' }, 'By creation time, newest first by default.'),
    SrSort: query('sort', { type: 'string', enum: ['CREATED_DATE'], default: 'CREATED_DATE' }, 'Only CREATED_DATE.'),
  },
  responses: {
    QueueNameTaken: errorResponseOf('A queue with that name (case-insensitive) exists (CRM.EXCEPTIONS.CONFLICTEXCEPTION).'),
    ServiceRequestClosed: errorResponseOf('The service request is closed (CRM.EXCEPTIONS.CONFLICTEXCEPTION, reason SERVICE_REQUEST_CLOSED).'),
    ServiceRequestActionRefused: errorResponseOf(
      'The action is not possible in the request’s state: NOT_STARTED, ALREADY_STARTED, SERVICE_REQUEST_CLOSED, NO_NEXT_STAGE or SAME_STAGE (CRM.EXCEPTIONS.CONFLICTEXCEPTION).',
    ),
  },
};
