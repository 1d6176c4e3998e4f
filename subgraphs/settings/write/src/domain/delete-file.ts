import { AppError } from '@crm/platform/errors';
import type { FileOwner } from '@crm/event-bus/contracts/settings';
import { visibleTo, type FileChange, type FileState } from './file';

export interface DeleteFile {
  id: string;
  caller: FileOwner;
}

/** Deletes a file the caller may see; another contact's, another tenant's or a deleted file is not found (pure). */
export function deleteFile(state: FileState | null, cmd: DeleteFile): FileChange[] {
  if (!visibleTo(state, cmd.caller)) throw AppError.notFound('file', cmd.id);
  return [{ type: 'file.deleted', data: {} }];
}
