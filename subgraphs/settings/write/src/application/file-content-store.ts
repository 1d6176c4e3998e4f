import type { Queryable } from '@crm/event-bus/kit';

/**
 * The file content port: where a file's bytes live. Writes take the caller's transaction, so the
 * bytes, the file's row and its event commit together (no orphan bytes, no file without bytes).
 * The default adapter keeps them in the settings database (`PostgresFileContentStore`); an
 * object-store adapter would implement the same three calls.
 */
export interface FileContentStore {
  put(q: Queryable, tenantId: string, fileId: string, bytes: Buffer): Promise<void>;
  get(q: Queryable, tenantId: string, fileId: string): Promise<Buffer | null>;
  remove(q: Queryable, tenantId: string, fileId: string): Promise<void>;
}
