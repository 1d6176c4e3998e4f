import { AppError } from '@crm/platform/errors';
import type { AttachmentEvent } from '@crm/event-bus/contracts/settings';
import type { FileState } from './file';

/** Write-side state of one contact attachment: a stored file or a link, with a description. */
export interface AttachmentState {
  id: string;
  version: number;
  contactId: string;
  file: { id: string; name: string; contentType: string } | null;
  link: string | null;
  description: string | null;
  removed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type AttachmentChange = AttachmentEvent extends infer E ? (E extends AttachmentEvent ? Pick<E, 'type' | 'data'> : never) : never;

export function evolveAttachment(state: AttachmentState | null, event: AttachmentChange, meta: { version: number; at: Date }): AttachmentState {
  switch (event.type) {
    case 'attachment.added':
      return { id: state?.id ?? '', version: meta.version, ...event.data, removed: false, createdAt: meta.at, updatedAt: meta.at };
    case 'attachment.removed':
      if (!state) throw new Error('attachment.removed before attachment.added');
      return { ...state, removed: true, version: meta.version, updatedAt: meta.at };
  }
}

export interface AddAttachment {
  contactId: string;
  /** The file named by `file_id`, as the caller may see it (null: none named, or not visible). */
  file: FileState | null;
  fileId: string | null;
  link: string | null;
  description: string | null;
}

/** Attaches exactly one of a visible file or an http(s) link to a contact (pure). */
export function addAttachment(state: AttachmentState | null, cmd: AddAttachment): AttachmentChange[] {
  if (state) throw new AppError('CONFLICT', 'the attachment exists already', { reason: 'ATTACHMENT_EXISTS' });
  const link = cmd.link?.trim() || null;
  if ((cmd.fileId === null) === (link === null)) throw AppError.validation('file_id', 'give exactly one of file_id and link', 'INVALID_VALUE');
  if (cmd.fileId !== null && !cmd.file) throw AppError.validation('file_id', `file ${cmd.fileId} was not found`, 'INVALID_VALUE');
  if (link !== null && (!/^https?:\/\/\S+$/i.test(link) || link.length > 2000))
    throw AppError.validation('link', 'must be an http(s) URL', 'INVALID_VALUE');
  const description = cmd.description?.trim() || null;
  if (description && description.length > 500) throw AppError.validation('description', 'must be at most 500 characters', 'TOO_LONG');
  const file = cmd.file ? { id: cmd.file.id, name: cmd.file.name, contentType: cmd.file.contentType } : null;
  return [{ type: 'attachment.added', data: { contactId: cmd.contactId, file, link, description } }];
}

/** Removes an attachment of the given contact (another contact's or a removed one is not found) (pure). */
export function removeAttachment(state: AttachmentState | null, cmd: { id: string; contactId: string }): AttachmentChange[] {
  if (!state || state.removed || state.contactId !== cmd.contactId) throw AppError.notFound('attachment', cmd.id);
  return [{ type: 'attachment.removed', data: {} }];
}
