import type { ContactProfileEvent, PreferenceType } from '@crm/event-bus/contracts/settings';

/** The read model of a contact's profile extras (id = the contact's id). */
export interface ContactProfileView {
  id: string;
  version: number;
  removed: boolean;
  image: { id: string; name: string; contentType: string } | null;
  preferences: { id: string; type: PreferenceType; organisationId: string; setAt: string }[];
  createdAt: Date;
  updatedAt: Date;
}

/** Folds one event into the view (pure; events arrive in aggregate-version order). */
export function projectContactProfile(
  view: ContactProfileView | null,
  event: ContactProfileEvent extends infer E
    ? E extends ContactProfileEvent
      ? Pick<E, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>
      : never
    : never,
): ContactProfileView {
  const at = new Date(event.occurredAt);
  const v: ContactProfileView = {
    ...(view ?? { image: null, preferences: [], createdAt: at, removed: false }),
    id: event.aggregateId,
    version: event.aggregateVersion,
    updatedAt: at,
  } as ContactProfileView;
  switch (event.type) {
    case 'contact_profile.image_set':
      return { ...v, image: event.data.file };
    case 'contact_profile.image_removed':
      return { ...v, image: null };
    case 'contact_profile.preference_set': {
      const { id, type, organisationId } = event.data;
      return { ...v, preferences: [...v.preferences.filter((p) => p.type !== type), { id, type, organisationId, setAt: at.toISOString() }] };
    }
  }
}
