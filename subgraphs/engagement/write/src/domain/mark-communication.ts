import type { CommunicationChange, CommunicationState } from './communication';
import { existingCommunication } from './communication';

/** The recipient’s flags: null keeps the current value. */
export interface MarkCommunication {
  viewed: boolean | null;
  archived: boolean | null;
}

/** Marks a communication viewed and/or archived (pure); the same flags again change nothing. */
export function markCommunication(state: CommunicationState | null, cmd: MarkCommunication): CommunicationChange[] {
  const current = existingCommunication(state);
  const viewed = cmd.viewed ?? current.viewed;
  const archived = cmd.archived ?? current.archived;
  if (viewed === current.viewed && archived === current.archived) return [];
  return [{ type: 'communication.marked', data: { viewed, archived } }];
}
