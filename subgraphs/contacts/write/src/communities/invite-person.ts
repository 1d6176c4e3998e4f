import { AppError } from '@crm/platform/errors';
import { groupOf, settingsOf, type SettingsInput } from './settings';
import type { RelationshipChange, RelationshipState } from './relationship';

export interface InvitePerson {
  ownerId: string;
  /** The invitee found by the application (by phone or email among the tenant's live contacts); null when none. */
  memberId: string | null;
  relation: { id: string; name: string } | null;
  group: string | null;
  settings: SettingsInput;
  /** The owner's live relationships (pending or accepted) with members, to refuse a second invitation. */
  existingMemberIds: readonly string[];
}

/** The owner invites a contact into their community: PENDING until the invitee answers (pure). */
export function invitePerson(state: RelationshipState | null, cmd: InvitePerson): RelationshipChange[] {
  if (state) throw new AppError('CONFLICT', 'the relationship exists already', { reason: 'COMMUNITY_RELATIONSHIP_EXISTS' });
  if (!cmd.memberId)
    throw new AppError('VALIDATION', 'phone: no contact of this organisation has that phone number or email address', {
      field: 'phone',
      reason: 'INVITEE_NOT_FOUND',
    });
  if (cmd.memberId === cmd.ownerId) throw AppError.validation('phone', 'a contact cannot invite itself', 'INVALID_VALUE');
  if (cmd.existingMemberIds.includes(cmd.memberId))
    throw new AppError('CONFLICT', 'this contact is already in the community or invited', { field: 'phone', reason: 'ALREADY_COMMUNITY_MEMBER' });
  return [
    {
      type: 'community.person_invited',
      data: {
        ownerId: cmd.ownerId,
        memberId: cmd.memberId,
        relation: cmd.relation,
        group: groupOf(cmd.group),
        settings: settingsOf(cmd.settings, null),
      },
    },
  ];
}
