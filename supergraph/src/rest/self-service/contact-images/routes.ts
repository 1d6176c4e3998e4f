import { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { snakeCaseFields } from '../../kit/field-names';
import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';
import { canonicalPathId } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { DELETE_FILE, FACADE_MAX_FILE_BYTES, UPLOAD_FILE, type GqlFilePayload } from '../../domains/settings/files';

const TAG = 'Self-service contact images';

const SET_IMAGE = op(
  'mutation',
  'RestSetContactImage',
  `mutation RestSetContactImage($contactId: ID!, $fileId: ID!) { setContactImage(contactId: $contactId, fileId: $fileId) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);
const REMOVE_IMAGE = op(
  'mutation',
  'RestRemoveContactImage',
  `mutation RestRemoveContactImage($contactId: ID!) { removeContactImage(contactId: $contactId) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

type Payload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };

const imageParts = z.strictObject({ image: z.string().describe('The image (png, jpeg, gif or webp, sniffed from the bytes).') });

/** The upload's input fields as the multipart part names them. */
const imageFields = (field: string | null | undefined): string | undefined => {
  if (!field) return undefined;
  if (field === 'input.contentBase64' || field === 'contentBase64' || field === 'file' || field === 'fileId') return 'image';
  return snakeCaseFields(field);
};

/**
 * PUT /self-service/v2/contacts/{id}/image (multipart `image`) → 200 `{id}` (the image's file id;
 * GET /files/{id} streams it). The bytes are stored as a file of the contact, then made its image;
 * the previous image's file is deleted. A file that is not an image is 415 and nothing is kept.
 */
const upload: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = canonicalPathId(param(ctx, 'id'));
  const body = await ctx.readMultipart({ fileField: 'image', fields: [], maxFileBytes: FACADE_MAX_FILE_BYTES });
  if (!body.file) throw AppError.validation('image', 'is required', 'REQUIRED');
  const input = { entityType: 'CONTACTS', name: body.file.filename || 'image', contentBase64: body.file.bytes.toString('base64') };
  const file = await ctx.gateway.mutate<GqlFilePayload>(UPLOAD_FILE, { input }, 'uploadFile', imageFields);
  try {
    const set = await ctx.gateway.mutate<Payload>(SET_IMAGE, { contactId, fileId: file.id }, 'setContactImage', imageFields);
    sendJson(ctx.res, 200, { id: set.id });
  } catch (err) {
    // not made the image (not an image, another contact's): the uploaded file goes
    await ctx.gateway.mutate(DELETE_FILE, { id: file.id }, 'deleteFile', snakeCaseFields).catch(() => undefined);
    throw err;
  }
};

/** DELETE /self-service/v2/contacts/{id}/image → 204; the image's file is deleted (none set: 404). */
const remove: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = canonicalPathId(param(ctx, 'id'));
  await ctx.gateway.mutate<Payload>(REMOVE_IMAGE, { contactId }, 'removeContactImage', snakeCaseFields);
  sendJson(ctx.res, 204, undefined);
};

export const resource = defineResource({
  family: 'self-service',
  name: 'contact-images',
  pathParameters: { id: 'ImageContactId' },
  openapi: {
    tags: [{ name: TAG, description: "A contact's profile image." }],
    parameters: {
      ImageContactId: { name: 'id', in: 'path', required: true, description: 'The contact id (uuid).', schema: { type: 'string', format: 'uuid' } },
    },
    requestSchemas: [{ name: 'ContactImageParts', schema: imageParts, extend: { properties: { image: { type: 'string', format: 'binary' } } } }],
  },
  routes: [
    {
      method: 'PUT',
      path: '/self-service/v2/contacts/:id/image',
      handler: upload,
      operations: [UPLOAD_FILE, SET_IMAGE, DELETE_FILE],
      doc: {
        operationId: 'uploadContactImageSS',
        summary: "Upload the contact's image",
        description:
          'multipart/form-data with one `image` part: png, jpeg, gif or webp, sniffed from the bytes (anything else 415, nothing kept; past the file size limit 413). Replaces the previous image, whose file is deleted. Answers the id of the image file (GET /files/{id} streams it).',
        tag: TAG,
        audience: 'contact',
        body: 'ContactImageParts',
        bodyMedia: 'multipart/form-data',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 200, description: "The image's file id.", schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: '/self-service/v2/contacts/:id/image',
      handler: remove,
      operations: [REMOVE_IMAGE],
      doc: {
        operationId: 'deleteContactImageSS',
        summary: "Delete the contact's image",
        description: 'Removes the image and deletes its file. No image: 404.',
        tag: TAG,
        audience: 'contact',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 204, description: 'Deleted. No body.' },
      },
    },
  ],
});
