import { AppError } from '@crm/platform/errors';
import { existing, type ServiceRequestChange, type ServiceRequestState } from './service-request';

export interface AddServiceRequestNote {
  noteId: string;
  note: string;
  pinned: boolean;
  by: { kind: 'user' | 'contact' | 'service'; id: string | null };
}

export const MAX_NOTE_LENGTH = 2000;

/** Adds a note (pure). Contacts write unpinned notes only; notes may be added to closed requests too. */
export function addServiceRequestNote(state: ServiceRequestState | null, cmd: AddServiceRequestNote): ServiceRequestChange[] {
  existing(state);
  const note = cmd.note.trim();
  if (note.length === 0) throw AppError.validation('note', 'must not be empty', 'REQUIRED');
  if (note.length > MAX_NOTE_LENGTH) throw AppError.validation('note', `must be at most ${MAX_NOTE_LENGTH} characters`, 'TOO_LONG');
  if (cmd.pinned && cmd.by.kind === 'contact') throw AppError.validation('pinned', 'contacts cannot pin notes', 'INVALID_VALUE');
  return [{ type: 'service_request.note_added', data: { noteId: cmd.noteId, note, pinned: cmd.pinned, byKind: cmd.by.kind, byId: cmd.by.id } }];
}
