import { AppError } from '@crm/platform/errors';
import { PREFERENCE_TYPES, type ContactProfileEvent, type PreferenceType } from '@crm/event-bus/contracts/settings';
import { oneOf } from './checks';
import type { FileState } from './file';

/** Write-side state of a contact's profile extras; the aggregate's id is the contact's. */
export interface ContactProfileState {
  id: string;
  version: number;
  image: { id: string; name: string; contentType: string } | null;
  preferences: { id: string; type: PreferenceType; organisationId: string }[];
  createdAt: Date;
  updatedAt: Date;
}

export type ContactProfileChange = ContactProfileEvent extends infer E ? (E extends ContactProfileEvent ? Pick<E, 'type' | 'data'> : never) : never;

const empty = (id: string, at: Date): ContactProfileState => ({ id, version: 0, image: null, preferences: [], createdAt: at, updatedAt: at });

/** Applies one event to the state (pure). */
export function evolveContactProfile(
  state: ContactProfileState | null,
  event: ContactProfileChange,
  meta: { version: number; at: Date },
): ContactProfileState {
  const s = state ?? empty(event.data.contactId, meta.at);
  const next = { ...s, version: meta.version, updatedAt: meta.at };
  switch (event.type) {
    case 'contact_profile.image_set':
      return { ...next, image: event.data.file };
    case 'contact_profile.image_removed':
      return { ...next, image: null };
    case 'contact_profile.preference_set': {
      const { id, type, organisationId } = event.data;
      return { ...next, preferences: [...s.preferences.filter((p) => p.type !== type), { id, type, organisationId }] };
    }
  }
}

/** Image types a profile image may be (sniffed at upload). */
export const PROFILE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

/** Sets the contact's image to a stored image file the contact owns (pure); the same file again is no event. */
export function setContactImage(
  state: ContactProfileState | null,
  cmd: { contactId: string; fileId: string; file: FileState | null },
): ContactProfileChange[] {
  const file = cmd.file;
  if (!file || file.deleted) throw AppError.validation('image', `file ${cmd.fileId} was not found`, 'INVALID_VALUE');
  if (!(PROFILE_IMAGE_TYPES as readonly string[]).includes(file.contentType))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `image: ${file.contentType} is not an image (png, jpeg, gif or webp)`, {
      field: 'image',
      reason: 'NOT_AN_IMAGE',
    });
  if (state?.image?.id === file.id) return [];
  return [
    {
      type: 'contact_profile.image_set',
      data: {
        contactId: cmd.contactId,
        file: { id: file.id, name: file.name, contentType: file.contentType },
        previousFileId: state?.image?.id ?? null,
      },
    },
  ];
}

/** Removes the contact's image (pure); none set is a 404. */
export function removeContactImage(state: ContactProfileState | null, cmd: { contactId: string }): ContactProfileChange[] {
  if (!state?.image) throw new AppError('NOT_FOUND', `contact ${cmd.contactId} has no image`, { reason: 'CONTACT_IMAGE_NOT_FOUND' });
  return [{ type: 'contact_profile.image_removed', data: { contactId: cmd.contactId, fileId: state.image.id } }];
}

/**
 * Sets the preferred organisation of a type (pure). The same organisation again is no event;
 * `id` is the preference's new id (chosen by the caller, so the decider stays pure).
 */
export function setPreference(
  state: ContactProfileState | null,
  cmd: { contactId: string; id: string; type: string; organisationId: string },
): ContactProfileChange[] {
  const type = oneOf('type', cmd.type, PREFERENCE_TYPES);
  if (state?.preferences.some((p) => p.type === type && p.organisationId === cmd.organisationId)) return [];
  return [{ type: 'contact_profile.preference_set', data: { contactId: cmd.contactId, id: cmd.id, type, organisationId: cmd.organisationId } }];
}
