import type { ActivityEvent, ActivityStateName } from '@crm/event-bus/contracts/engagement';

/** The read model of one activity (task). */
export interface ActivityView {
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
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** Folds one activity event into the view (pure). */
export function projectActivity(
  view: ActivityView | null,
  event: Pick<ActivityEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>,
): ActivityView {
  const at = event.occurredAt;
  const e = event as ActivityEvent;
  if (e.type === 'activity.created')
    return { id: e.aggregateId, version: e.aggregateVersion, ...e.data, state: 'PENDING', createdAt: at, updatedAt: at, closedAt: null };
  if (!view) throw new Error(`${e.type} of activity ${e.aggregateId} before it was created`);
  const next = { ...view, version: e.aggregateVersion, updatedAt: at };
  return e.type === 'activity.updated' ? { ...next, ...e.data } : { ...next, state: e.data.state, closedAt: at };
}
