import { AppError } from '@crm/platform/errors';
import { relationshipNotFound, type RelationshipChange, type RelationshipState } from './relationship';

export interface RespondToInvitation {
  /** The contact answering: must be the invitee. */
  memberId: string;
  action: 'ACCEPT' | 'REJECT';
}

/** The invitee accepts or rejects a pending invitation, once (pure). */
export function respondToInvitation(state: RelationshipState | null, cmd: RespondToInvitation, ref: string): RelationshipChange[] {
  if (!state || state.state === 'REMOVED' || state.memberId !== cmd.memberId) throw relationshipNotFound(ref);
  if (state.state !== 'PENDING')
    throw new AppError('CONFLICT', `the invitation was answered already (${state.state})`, { reason: 'INVITATION_ANSWERED' });
  return [{ type: 'community.person_responded', data: { state: cmd.action === 'ACCEPT' ? 'ACCEPTED' : 'REJECTED' } }];
}
