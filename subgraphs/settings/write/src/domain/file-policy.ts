/**
 * What the platform stores (pure data, shared by the deciders and the service's limits). The
 * content type is the one sniffed from the bytes; what the client's header claims is never used.
 */
export const ALLOWED_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);

/** Default largest file (bytes): a file travels base64-encoded through the gateway, under the 1 MiB subgraph body limit. */
export const DEFAULT_MAX_FILE_BYTES = 512 * 1024;
/** Default number of files one contact may keep. */
export const DEFAULT_MAX_FILES_PER_CONTACT = 200;
export const MAX_FILE_NAME_LENGTH = 255;

export interface FileLimits {
  maxBytes: number;
  maxFilesPerContact: number;
}
