import { AppError } from '@crm/platform/errors';
import type { FileEntityType, FileOwner } from '@crm/event-bus/contracts/settings';
import { ALLOWED_CONTENT_TYPES, MAX_FILE_NAME_LENGTH, type FileLimits } from './file-policy';
import type { FileChange, FileState } from './file';

export interface UploadFile {
  owner: FileOwner;
  entityType: FileEntityType;
  name: string;
  /** Sniffed from the bytes (null: not recognised). */
  sniffedContentType: string | null;
  sizeBytes: number;
  sha256: string;
  /** Files the owner keeps now (counted under the owner's lock). */
  ownerFileCount: number;
  limits: FileLimits;
}

/** Stores a file: a known content type, within the size limit and the owner's file count (pure). */
export function uploadFile(state: FileState | null, cmd: UploadFile): FileChange[] {
  if (state) throw new AppError('CONFLICT', 'the file exists already', { reason: 'FILE_EXISTS' });
  if (cmd.sizeBytes === 0) throw AppError.validation('file', 'is empty', 'REQUIRED');
  if (cmd.sizeBytes > cmd.limits.maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `file: larger than ${cmd.limits.maxBytes} bytes`, { field: 'file', reason: 'FILE_TOO_LARGE' });
  }
  if (!cmd.sniffedContentType || !ALLOWED_CONTENT_TYPES.has(cmd.sniffedContentType)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `file: content ${cmd.sniffedContentType ?? 'of an unknown type'} is not accepted`, {
      field: 'file',
      reason: 'FILE_TYPE_NOT_ALLOWED',
    });
  }
  if (cmd.owner.kind === 'contact' && cmd.ownerFileCount >= cmd.limits.maxFilesPerContact) {
    throw AppError.validation('file', `a contact keeps at most ${cmd.limits.maxFilesPerContact} files`, 'TOO_MANY');
  }
  const name = cmd.name.trim() || 'file';
  if (name.length > MAX_FILE_NAME_LENGTH) throw AppError.validation('name', `must be at most ${MAX_FILE_NAME_LENGTH} characters`, 'TOO_LONG');
  return [
    {
      type: 'file.uploaded',
      data: { owner: cmd.owner, entityType: cmd.entityType, name, contentType: cmd.sniffedContentType, sizeBytes: cmd.sizeBytes, sha256: cmd.sha256 },
    },
  ];
}
