import { relationshipNotFound, requireOwned, type RelationshipChange, type RelationshipState } from './relationship';

/** The owner removes a person (invited or member) from the community (pure). */
export function removePerson(state: RelationshipState | null, cmd: { ownerId: string }, ref: string): RelationshipChange[] {
  requireOwned(state, cmd.ownerId, ref);
  return [{ type: 'community.person_removed', data: { by: 'OWNER' } }];
}

/** A member leaves the owner's community; an unanswered invitation is not a membership (pure). */
export function leaveCommunity(state: RelationshipState | null, cmd: { memberId: string; ownerId: string }, ref: string): RelationshipChange[] {
  if (!state || state.state !== 'ACCEPTED' || state.memberId !== cmd.memberId || state.ownerId !== cmd.ownerId) throw relationshipNotFound(ref);
  return [{ type: 'community.person_removed', data: { by: 'MEMBER' } }];
}
