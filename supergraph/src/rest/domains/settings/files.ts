import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';

/**
 * The settings domain's file operations, shared by the resources that take uploads (files,
 * contact attachments, contact image): the bytes cross the gateway base64-encoded.
 */
export const UPLOAD_FILE = op(
  'mutation',
  'RestUploadFile',
  `mutation RestUploadFile($input: UploadFileInput!) { uploadFile(input: $input) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const DELETE_FILE = op(
  'mutation',
  'RestDeleteFile',
  `mutation RestDeleteFile($id: ID!) { deleteFile(id: $id) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const GET_FILE_CONTENT = op(
  'query',
  'RestGetFileContent',
  `query RestGetFileContent($id: ID!) { fileContent(id: $id) { id name contentType sizeBytes contentBase64 } }`,
);

export interface GqlFileContent {
  id: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  contentBase64: string;
}

export interface GqlFilePayload {
  id: string | null;
  consistencyToken: string | null;
  errors: GqlUserError[];
}

/**
 * The facade's own bound on an uploaded file (bytes): settings-write's FILE_MAX_BYTES may be at
 * most this (its default is 512 KiB and it refuses past its own setting with 413 too).
 */
export const FACADE_MAX_FILE_BYTES = 700_000;
