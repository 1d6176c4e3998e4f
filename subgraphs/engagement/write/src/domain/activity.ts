import { AppError } from '@crm/platform/errors';
import type { ActivityEvent, ActivityStateName, ChangeOf } from '@crm/event-bus/contracts/engagement';

/** Write-side state of one activity (a task): Pending → Completed | Cancelled. */
export interface ActivityState {
  id: string;
  version: number;
  name: string;
  description: string | null;
  contactId: string;
  serviceRequestId: string | null;
  teamId: string | null;
  userId: string | null;
  dueAt: string | null;
  state: ActivityStateName;
  createdAt: Date;
  updatedAt: Date;
}

export type ActivityChange = ChangeOf<ActivityEvent>;

/** Applies one event to the state (pure). */
export function evolveActivity(state: ActivityState | null, event: ActivityChange, meta: { version: number; at: Date }): ActivityState {
  if (event.type === 'activity.created')
    return { id: state?.id ?? '', version: meta.version, ...event.data, state: 'PENDING', createdAt: meta.at, updatedAt: meta.at };
  if (!state) throw new Error(`${event.type} before activity.created`);
  const next = { ...state, version: meta.version, updatedAt: meta.at };
  switch (event.type) {
    case 'activity.updated':
      return { ...next, ...event.data };
    case 'activity.closed':
      return { ...next, state: event.data.state };
  }
}

/** The fields a create or an update sets, checked: name 1–200 characters, description up to 2000, a valid due date. */
export function activityFields(cmd: { name: string; description: string | null; dueAt: string | null }): {
  name: string;
  description: string | null;
  dueAt: string | null;
} {
  const name = cmd.name.trim();
  if (name.length === 0) throw AppError.validation('name', 'must not be empty', 'REQUIRED');
  if (name.length > 200) throw AppError.validation('name', 'must be at most 200 characters', 'TOO_LONG');
  const description = cmd.description?.trim() || null;
  if (description && description.length > 2000) throw AppError.validation('description', 'must be at most 2000 characters', 'TOO_LONG');
  if (cmd.dueAt !== null && Number.isNaN(Date.parse(cmd.dueAt))) throw AppError.validation('due_date', 'must be a date', 'INVALID_DATE');
  return { name, description, dueAt: cmd.dueAt === null ? null : new Date(cmd.dueAt).toISOString() };
}
