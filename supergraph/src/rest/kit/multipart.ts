import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { AppError } from '@crm/platform/errors';
import { headerValue } from './request';

export interface MultipartFile {
  /** As the client named it (informational only). */
  filename: string;
  /** What the client's part header claims; never trusted for the stored type. */
  claimedType: string;
  bytes: Buffer;
}

export interface MultipartSpec {
  /** The one file part's field name (`file`, `image`). */
  fileField: string;
  /** The text fields the route takes; any other part is refused (400 naming it). */
  fields: readonly string[];
  /** Largest file accepted (413 past it). */
  maxFileBytes: number;
}

export interface MultipartBody {
  file: MultipartFile | null;
  fields: Record<string, string>;
}

const MAX_FIELD_BYTES = 1024;

/**
 * Reads a `multipart/form-data` body with busboy under limits: one file part of at most
 * `maxFileBytes` (413 PAYLOAD_TOO_LARGE, the rest of the upload is not kept), the named text
 * fields (each at most 1 KiB, once), nothing else (400 naming the part). Another content type is 415.
 */
export function readMultipart(req: IncomingMessage, spec: MultipartSpec): Promise<MultipartBody> {
  const contentType = headerValue(req, 'content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    return Promise.reject(
      new AppError('UNSUPPORTED_MEDIA_TYPE', 'the request body must be multipart/form-data', { reason: 'UNSUPPORTED_MEDIA_TYPE' }),
    );
  }
  return new Promise<MultipartBody>((resolve, reject) => {
    let failed: AppError | null = null;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // one spare of each: the parts past what the route takes are refused by name below
        limits: { fileSize: spec.maxFileBytes, files: 2, fields: spec.fields.length + 1, fieldSize: MAX_FIELD_BYTES, parts: spec.fields.length + 3 },
      });
    } catch {
      reject(new AppError('VALIDATION', 'the multipart body has no boundary', { reason: 'MALFORMED_BODY' }));
      return;
    }
    const fields: Record<string, string> = {};
    let file: MultipartFile | null = null;
    let fileParts = 0;
    const fail = (err: AppError) => {
      if (failed) return;
      failed = err;
      req.unpipe(parser);
      req.resume(); // drain what the client still sends; nothing more is kept
      reject(err);
    };
    parser.on('file', (name, stream, info) => {
      if (name !== spec.fileField) {
        stream.resume();
        fail(new AppError('VALIDATION', `${name}: is not a known field`, { field: name, reason: 'UNKNOWN_FIELD' }));
        return;
      }
      if (++fileParts > 1) {
        stream.resume();
        fail(new AppError('VALIDATION', `${name}: is given twice`, { field: name, reason: 'DUPLICATE' }));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (!failed) chunks.push(chunk);
      });
      stream.on('limit', () => {
        fail(new AppError('PAYLOAD_TOO_LARGE', `${name}: larger than ${spec.maxFileBytes} bytes`, { field: name, reason: 'BODY_TOO_LARGE' }));
      });
      stream.on('end', () => {
        if (!failed) file = { filename: info.filename ?? '', claimedType: info.mimeType, bytes: Buffer.concat(chunks) };
      });
    });
    parser.on('field', (name, value, info) => {
      if (!spec.fields.includes(name))
        return fail(new AppError('VALIDATION', `${name}: is not a known field`, { field: name, reason: 'UNKNOWN_FIELD' }));
      if (name in fields) return fail(new AppError('VALIDATION', `${name}: is given twice`, { field: name, reason: 'DUPLICATE' }));
      if (info.valueTruncated) return fail(AppError.validation(name, `must be at most ${MAX_FIELD_BYTES} bytes`, 'TOO_LONG'));
      fields[name] = value;
    });
    const tooMany = () =>
      fail(new AppError('VALIDATION', `only one ${spec.fileField} and the fields ${spec.fields.join(', ')} are taken`, { reason: 'TOO_MANY' }));
    parser.on('filesLimit', tooMany);
    parser.on('fieldsLimit', tooMany);
    parser.on('partsLimit', tooMany);
    parser.on('error', () => fail(new AppError('VALIDATION', 'the multipart body is malformed', { reason: 'MALFORMED_BODY' })));
    parser.on('close', () => {
      if (!failed) resolve({ file, fields });
    });
    req.on('error', () => fail(new AppError('VALIDATION', 'the request body was cut short', { reason: 'MALFORMED_BODY' })));
    req.pipe(parser);
  });
}
