import { z } from 'zod';
import type { NotFoundSubject } from '@crm/platform/errors';
import { AppError } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { isUuid } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { FILE_ENTITY_TYPES } from '@crm/event-bus/contracts/settings';
import {
  DELETE_FILE,
  FACADE_MAX_FILE_BYTES,
  GET_FILE_CONTENT,
  UPLOAD_FILE,
  type GqlFileContent,
  type GqlFilePayload,
} from '../../domains/settings/files';

const TAG = 'Self-service files';
/** FILE_NOT_FOUND is catalogued by settings-write (src/errors.ts), which the facade loads through the registry. */
const FILE = 'file' as NotFoundSubject;

/** The multipart parts of POST /upload/files (documented; the handler reads them with busboy). */
const uploadFileParts = z.strictObject({
  file: z.string().describe('The file (binary). Its type is sniffed from the bytes; the part header is not trusted.'),
  fileEntityType: z.enum(FILE_ENTITY_TYPES).optional().describe('What the file is for (default OTHER).'),
  signature: z.string().optional().describe('A media upload signature (POST /media/upload/signature); verified when given.'),
  signedFields: z.string().optional().describe('The signed_fields the signature covers.'),
});

/** POST /self-service/v2/upload/files (multipart `file`, `fileEntityType`) → 201 `{id}`. */
const uploadFile: Handler = async (ctx) => {
  noQuery(ctx);
  const body = await ctx.readMultipart({
    fileField: 'file',
    fields: ['fileEntityType', 'signature', 'signedFields'],
    maxFileBytes: FACADE_MAX_FILE_BYTES,
  });
  if (!body.file) throw AppError.validation('file', 'is required', 'REQUIRED');
  const entityType = body.fields['fileEntityType'] ?? 'OTHER';
  if (!(FILE_ENTITY_TYPES as readonly string[]).includes(entityType)) {
    throw AppError.validation('fileEntityType', `must be one of ${FILE_ENTITY_TYPES.join(', ')}`, 'INVALID_ENUM');
  }
  const signature = body.fields['signature'] ?? null;
  const signedFields = body.fields['signedFields'] ?? null;
  const input = {
    entityType,
    name: body.file.filename || 'file',
    contentBase64: body.file.bytes.toString('base64'),
    ...(signature !== null || signedFields !== null ? { signature, signedFields } : {}),
  };
  const payload = await ctx.gateway.mutate<GqlFilePayload>(UPLOAD_FILE, { input }, 'uploadFile', fileFields);
  sendJson(ctx.res, 201, { id: payload.id });
};

/** GET /self-service/v2/files/{id}: the bytes with their (sniffed) content type; another tenant's or contact's file is 404. */
const getFile: Handler = async (ctx) => {
  noQuery(ctx);
  const id = fileId(param(ctx, 'id'));
  const data = await ctx.gateway.run(GET_FILE_CONTENT, { id }, snakeCaseFields);
  const file = data['fileContent'] as GqlFileContent | null | undefined;
  if (!file) throw recordNotFound(FILE, id);
  const bytes = Buffer.from(file.contentBase64, 'base64');
  ctx.res.writeHead(200, {
    'content-type': file.contentType,
    'content-length': String(bytes.length),
    'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  });
  ctx.res.end(bytes);
};

/** DELETE /self-service/v2/files/{id} → 204. */
const deleteFile: Handler = async (ctx) => {
  noQuery(ctx);
  const id = fileId(param(ctx, 'id'));
  await ctx.gateway.mutate<GqlFilePayload>(DELETE_FILE, { id }, 'deleteFile', snakeCaseFields);
  sendJson(ctx.res, 204, undefined);
};

/** A file id is a uuid; anything else is no file (404, as an unknown one). */
function fileId(raw: string): string {
  if (!isUuid(raw)) throw recordNotFound(FILE, raw);
  return raw.toLowerCase();
}

/** The upload mutation's input fields as the multipart parts name them. */
const fileFields = (field: string | null | undefined): string | undefined => {
  if (!field) return undefined;
  if (field === 'input.contentBase64' || field === 'contentBase64' || field === 'file') return 'file';
  if (field === 'input.entityType' || field === 'entityType') return 'fileEntityType';
  if (field === 'input.signature' || field === 'signature') return 'signature';
  return snakeCaseFields(field);
};

export const resource = defineResource({
  family: 'self-service',
  name: 'files',
  pathParameters: { id: 'FileId' },
  openapi: {
    tags: [{ name: TAG, description: 'Files a contact uploads (then links, e.g. as an attachment), reads back and deletes.' }],
    parameters: {
      FileId: { name: 'id', in: 'path', required: true, description: 'The file id (uuid).', schema: { type: 'string', format: 'uuid' } },
    },
    requestSchemas: [
      {
        name: 'UploadFileParts',
        schema: uploadFileParts,
        extend: {
          properties: {
            file: { type: 'string', format: 'binary' },
            fileEntityType: { type: 'string', enum: [...FILE_ENTITY_TYPES] },
            signature: { type: 'string' },
            signedFields: { type: 'string' },
          },
        },
      },
    ],
  },
  routes: [
    {
      method: 'POST',
      path: '/self-service/v2/upload/files',
      handler: uploadFile,
      operations: [UPLOAD_FILE],
      doc: {
        operationId: 'uploadFileSS',
        summary: 'Upload a file',
        description:
          'multipart/form-data with one `file` part (at most FILE_MAX_BYTES of settings-write, 512 KiB by default: 413 past it, nothing stored) and an optional `fileEntityType`. The content type is sniffed from the bytes (png, jpeg, gif, webp, pdf, docx, xlsx, plain text; anything else, e.g. an executable whatever its part header claims, is 415). A contact keeps at most FILES_PER_CONTACT_MAX files (400 past it).',
        tag: TAG,
        audience: 'contact',
        body: 'UploadFileParts',
        bodyMedia: 'multipart/form-data',
        writes: true,
        success: { status: 201, description: 'Stored; the id of the file.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/files/:id',
      handler: getFile,
      operations: [GET_FILE_CONTENT],
      doc: {
        operationId: 'getFileSS',
        summary: 'Download a file',
        description: "The bytes, with the content type sniffed at upload. Another tenant's or another contact's file is 404.",
        tag: TAG,
        audience: 'contact',
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The file.', binary: true },
      },
    },
    {
      method: 'DELETE',
      path: '/self-service/v2/files/:id',
      handler: deleteFile,
      operations: [DELETE_FILE],
      doc: {
        operationId: 'deleteFileSS',
        summary: 'Delete a file',
        description: "Deletes the file and its bytes. Another tenant's or another contact's file is 404.",
        tag: TAG,
        audience: 'contact',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 204, description: 'Deleted. No body.' },
      },
    },
  ],
});
