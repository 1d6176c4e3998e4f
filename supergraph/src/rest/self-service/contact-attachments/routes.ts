import { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';
import { parsePagingQuery } from '../../kit/paging';
import { canonicalPathId } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { pagingResponse } from '../../kit/response-schemas';

const TAG = 'Self-service contact attachments';

const LIST = op(
  'query',
  'RestListContactAttachments',
  `query RestListContactAttachments($contactId: ID!) { contactAttachments(contactId: $contactId) { id file { id name contentType } link description createdAt } }`,
);
const ADD = op(
  'mutation',
  'RestAddContactAttachment',
  `mutation RestAddContactAttachment($contactId: ID!, $input: AddContactAttachmentInput!) { addContactAttachment(contactId: $contactId, input: $input) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);
const REMOVE = op(
  'mutation',
  'RestRemoveContactAttachment',
  `mutation RestRemoveContactAttachment($contactId: ID!, $id: ID!) { removeContactAttachment(contactId: $contactId, id: $id) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

interface GqlAttachment {
  id: string;
  file: { id: string; name: string; contentType: string } | null;
  link: string | null;
  description: string | null;
}

/** The contract's `mime` values for the stored (sniffed) content types; others are left out. */
const MIME = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'text/plain': 'TXT',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
} as const;
const MIMES = ['DOC', 'DOCX', 'XLS', 'XLSX', 'PDF', 'JSON', 'TXT', 'LOG', 'CSV', 'JPEG', 'PNG', 'MSG', 'EML', 'SVG'] as const;

const attachmentBody = z.strictObject({
  file_id: z.string().max(64).nullable(),
  link: z.string().max(2000).nullable(),
  description: z.string().max(500).nullable().optional(),
});
const attachmentItem = z.strictObject({
  id: z.string(),
  file: z.strictObject({ id: z.string(), name: z.string(), mime: z.enum(MIMES).optional() }).optional(),
  link: z.string().optional(),
  description: z.string().optional(),
});
const attachmentPage = z.strictObject({ content: z.array(attachmentItem), paging: pagingResponse });

function attachmentOut(a: GqlAttachment): z.infer<typeof attachmentItem> {
  const mime = a.file ? (MIME as Record<string, (typeof MIMES)[number]>)[a.file.contentType] : undefined;
  return {
    id: a.id,
    ...(a.file ? { file: { id: a.file.id, name: a.file.name, ...(mime ? { mime } : {}) } } : {}),
    ...(a.link ? { link: a.link } : {}),
    ...(a.description ? { description: a.description } : {}),
  };
}

/** GET /self-service/v2/contacts/{id}/attachments → the paging envelope, oldest first. */
const list: Handler = async (ctx) => {
  const paging = parsePagingQuery(ctx.url.searchParams);
  const contactId = canonicalPathId(param(ctx, 'id'));
  const data = await ctx.gateway.run(LIST, { contactId }, snakeCaseFields);
  const all = (data['contactAttachments'] as GqlAttachment[] | null | undefined) ?? [];
  const start = (paging.page - 1) * paging.size;
  const envelope: Record<string, unknown> = { page: paging.page, size: paging.size };
  if (paging.includeTotal) envelope['total'] = all.length;
  envelope['has_more'] = start + paging.size < all.length;
  sendJson(ctx.res, 200, { content: all.slice(start, start + paging.size).map(attachmentOut), paging: envelope });
};

/** POST /self-service/v2/contacts/{id}/attachments `{file_id | link, description}` → 201 `{id}`. */
const add: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = canonicalPathId(param(ctx, 'id'));
  const body = validateBody(attachmentBody, await ctx.readBody());
  if ((body.file_id === null) === (body.link === null)) throw AppError.validation('file_id', 'give exactly one of file_id and link', 'INVALID_VALUE');
  const input = { fileId: body.file_id, link: body.link, description: body.description ?? null };
  const payload = await ctx.gateway.mutate<{ id: string | null; consistencyToken: string | null; errors: GqlUserError[] }>(
    ADD,
    { contactId, input },
    'addContactAttachment',
    snakeCaseFields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

/** DELETE /self-service/v2/contacts/{id}/attachments/{attachment_id} → 204. */
const remove: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = canonicalPathId(param(ctx, 'id'));
  const id = canonicalPathId(param(ctx, 'attachment_id'));
  await ctx.gateway.mutate(REMOVE, { contactId, id }, 'removeContactAttachment', snakeCaseFields);
  sendJson(ctx.res, 204, undefined);
};

export const resource = defineResource({
  family: 'self-service',
  name: 'contact-attachments',
  pathParameters: { id: 'AttachmentContactId', attachment_id: 'ContactAttachmentId' },
  openapi: {
    tags: [{ name: TAG, description: 'Files (uploaded first with POST /upload/files) and links attached to a contact.' }],
    parameters: {
      AttachmentContactId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The contact id (uuid).',
        schema: { type: 'string', format: 'uuid' },
      },
      ContactAttachmentId: {
        name: 'attachment_id',
        in: 'path',
        required: true,
        description: 'The attachment id (uuid).',
        schema: { type: 'string', format: 'uuid' },
      },
    },
    requestSchemas: [{ name: 'ContactAttachmentRequest', schema: attachmentBody }],
    responseSchemas: [{ name: 'ContactAttachmentPage', schema: attachmentPage }],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/contacts/:id/attachments',
      handler: list,
      operations: [LIST],
      doc: {
        operationId: 'listContactAttachmentsSS',
        summary: "List a contact's attachments",
        tag: TAG,
        audience: 'contactOrSecret',
        query: ['Page', 'Size', 'IncludeTotal'],
        reads: true,
        success: { status: 200, description: 'A page of attachments, oldest first.', schema: 'ContactAttachmentPage' },
      },
    },
    {
      method: 'POST',
      path: '/self-service/v2/contacts/:id/attachments',
      handler: add,
      operations: [ADD],
      doc: {
        operationId: 'addContactAttachmentSS',
        summary: 'Attach a file or a link to a contact',
        description: 'Exactly one of file_id (a file the caller uploaded) and link (http/https).',
        tag: TAG,
        audience: 'contactOrSecret',
        body: 'ContactAttachmentRequest',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 201, description: 'Attached; the id of the attachment.', schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: '/self-service/v2/contacts/:id/attachments/:attachment_id',
      handler: remove,
      operations: [REMOVE],
      doc: {
        operationId: 'removeContactAttachmentSS',
        summary: 'Remove an attachment',
        tag: TAG,
        audience: 'contactOrSecret',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 204, description: 'Removed. No body.' },
      },
    },
  ],
});
