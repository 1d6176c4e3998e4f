import type { FileEntityType, FileEvent, FileOwner } from '@crm/event-bus/contracts/settings';

/** Write-side state of one file aggregate (its bytes live in the file content store, not here). */
export interface FileState {
  id: string;
  version: number;
  owner: FileOwner;
  entityType: FileEntityType;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  deleted: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** What a decider returns: event types with their data, before the envelope is added. */
export type FileChange = FileEvent extends infer E ? (E extends FileEvent ? Pick<E, 'type' | 'data'> : never) : never;

/** Applies one event to the state (pure; the read-side projection applies the same rule). */
export function evolve(state: FileState | null, event: FileChange, meta: { version: number; at: Date }): FileState {
  switch (event.type) {
    case 'file.uploaded':
      return { id: state?.id ?? '', version: meta.version, ...event.data, deleted: false, createdAt: meta.at, updatedAt: meta.at };
    case 'file.deleted':
      if (!state) throw new Error('file.deleted before file.uploaded');
      return { ...state, deleted: true, version: meta.version, updatedAt: meta.at };
  }
}

/** A contact sees only the files it uploaded; users and keys of the tenant see every file. Not-found hides the rest. */
export function visibleTo(state: FileState | null, caller: FileOwner): state is FileState {
  if (!state || state.deleted) return false;
  return caller.kind !== 'contact' || (state.owner.kind === 'contact' && state.owner.id === caller.id);
}
