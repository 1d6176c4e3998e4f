import { noQuery, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { defineResource, mergeFragments } from '../../kit/resource';
import { attachmentBody, selfServiceNoteBody } from '../../domains/engagement/bodies';
import { addAttachment, addNote, listAttachments, listNotes, removeAttachment } from '../../domains/engagement/handlers';
import {
  ADD_SERVICE_REQUEST_ATTACHMENT,
  ADD_SERVICE_REQUEST_NOTE,
  GET_SERVICE_REQUEST_ATTACHMENTS,
  GET_SERVICE_REQUEST_NOTES,
  REMOVE_SERVICE_REQUEST_ATTACHMENT,
} from '../../domains/engagement/operations';
import { engagementComponents, SS_TAG, SS_TAG_DOC } from '../../domains/engagement/openapi';
import { attachmentPageResponse, notePageResponse } from '../../domains/engagement/schemas';

/** GET /self-service/v2/service_requests/{id}/notes: the notes contacts wrote (NOTES §2.1). */
const getNotes: Handler = (ctx) => listNotes(ctx, { contactNotesOnly: true });

/** POST /self-service/v2/service_requests/{id}/notes → 200 `{id}` (the contract's status); contacts cannot pin. */
const createNote: Handler = async (ctx) => {
  noQuery(ctx);
  await addNote(ctx, validateBody(selfServiceNoteBody, await ctx.readBody()), 200);
};

const createFile: Handler = async (ctx) => {
  noQuery(ctx);
  await addAttachment(ctx);
};

const removeFile: Handler = async (ctx) => {
  noQuery(ctx);
  await removeAttachment(ctx);
};

const PATH = '/self-service/v2/service_requests/:id';
const LIST_QUERY = ['Page', 'Size', 'IncludeTotal', 'SrOrder', 'SrSort'];

/** Notes and attachments of a contact's own service request. */
export const resource = defineResource({
  family: 'self-service',
  name: 'service-request-files',
  pathParameters: { id: 'ServiceRequestId', attachment_id: 'AttachmentId' },
  openapi: mergeFragments(engagementComponents, {
    tags: [SS_TAG_DOC],
    parameters: {
      ServiceRequestId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The service request GUID; a contact sees only its own (404 otherwise).',
        schema: { type: 'string', minLength: 1, maxLength: 100 },
      },
    },
    requestSchemas: [
      { name: 'ServiceRequestNoteSS', schema: selfServiceNoteBody },
      { name: 'ServiceRequestAttachment', schema: attachmentBody },
    ],
    responseSchemas: [
      { name: 'ServiceRequestNotePage', schema: notePageResponse },
      { name: 'ServiceRequestAttachmentPage', schema: attachmentPageResponse },
    ],
  }),
  routes: [
    {
      method: 'GET',
      path: `${PATH}/notes`,
      handler: getNotes,
      operations: [GET_SERVICE_REQUEST_NOTES],
      doc: {
        operationId: 'listServiceRequestNotesSS',
        summary: 'List the notes of a service request',
        description: 'The notes contacts wrote, newest first.',
        tag: SS_TAG,
        audience: 'selfservice',
        query: LIST_QUERY,
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'A page of notes.', schema: 'ServiceRequestNotePage' },
      },
    },
    {
      method: 'POST',
      path: `${PATH}/notes`,
      handler: createNote,
      operations: [ADD_SERVICE_REQUEST_NOTE],
      doc: {
        operationId: 'addServiceRequestNoteSS',
        summary: 'Add a note',
        tag: SS_TAG,
        audience: 'selfservice',
        body: 'ServiceRequestNoteSS',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 200, description: 'Added; the id of the note.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: `${PATH}/attachments`,
      handler: listAttachments,
      operations: [GET_SERVICE_REQUEST_ATTACHMENTS],
      doc: {
        operationId: 'listServiceRequestAttachmentsSS',
        summary: 'List the attachments of a service request',
        tag: SS_TAG,
        audience: 'selfservice',
        query: LIST_QUERY,
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'A page of attachments.', schema: 'ServiceRequestAttachmentPage' },
      },
    },
    {
      method: 'POST',
      path: `${PATH}/attachments`,
      handler: createFile,
      operations: [ADD_SERVICE_REQUEST_ATTACHMENT],
      doc: {
        operationId: 'addServiceRequestAttachmentSS',
        summary: 'Attach a file or a link',
        description: 'Exactly one of file_id (a stored file) and link (an http(s) URL).',
        tag: SS_TAG,
        audience: 'selfservice',
        body: 'ServiceRequestAttachment',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 201, description: 'Attached; the id of the attachment.', schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: `${PATH}/attachments/:attachment_id`,
      handler: removeFile,
      operations: [REMOVE_SERVICE_REQUEST_ATTACHMENT],
      doc: {
        operationId: 'removeServiceRequestAttachmentSS',
        summary: 'Remove an attachment',
        tag: SS_TAG,
        audience: 'selfservice',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 204, description: 'Removed. No body.' },
      },
    },
  ],
});
