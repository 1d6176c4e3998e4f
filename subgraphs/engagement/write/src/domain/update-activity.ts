import { AppError } from '@crm/platform/errors';
import { activityFields, type ActivityChange, type ActivityState } from './activity';

/** A change of a pending activity: the fields given replace the current ones; `state` completes or cancels it. */
export interface UpdateActivity {
  name?: string;
  description?: string | null;
  teamId?: string | null;
  userId?: string | null;
  dueAt?: string | null;
  state?: 'COMPLETED' | 'CANCELLED';
}

/** Updates and/or closes a pending activity (pure); a completed or cancelled one changes no more. */
export function updateActivity(state: ActivityState | null, cmd: UpdateActivity): ActivityChange[] {
  if (!state) throw new AppError('NOT_FOUND', 'the activity was not found', { reason: 'ACTIVITY_NOT_FOUND' });
  if (state.state !== 'PENDING') throw new AppError('CONFLICT', `the activity is ${state.state.toLowerCase()}`, { reason: 'ACTIVITY_CLOSED' });
  const changes: ActivityChange[] = [];
  const fields = activityFields({
    name: cmd.name ?? state.name,
    description: cmd.description === undefined ? state.description : cmd.description,
    dueAt: cmd.dueAt === undefined ? state.dueAt : cmd.dueAt,
  });
  const next = {
    ...fields,
    teamId: cmd.teamId === undefined ? state.teamId : cmd.teamId,
    userId: cmd.userId === undefined ? state.userId : cmd.userId,
  };
  const same =
    next.name === state.name &&
    next.description === state.description &&
    next.dueAt === state.dueAt &&
    next.teamId === state.teamId &&
    next.userId === state.userId;
  if (!same) changes.push({ type: 'activity.updated', data: next });
  if (cmd.state) changes.push({ type: 'activity.closed', data: { state: cmd.state } });
  return changes;
}
