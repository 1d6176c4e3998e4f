import type { IdentityEvent } from '@crm/event-bus/contracts/identity';
import { AppError } from '@crm/platform/errors';

/** Sessions and their refresh tokens: the rules of the session aggregate (tokens are minted and hashed by the caller). */
export type Audience = 'crm-backoffice' | 'crm-self-service';
export type SubjectKind = 'user' | 'contact';
export type RevokeReason = 'SIGN_OUT' | 'REFRESH_REUSE' | 'PASSWORD_CHANGED' | 'USER_DISABLED' | 'ADMIN';

/** Write-side state of one session. It starts without an event (version 0); its revocation is version 1. */
export interface SessionState {
  id: string;
  subjectKind: SubjectKind;
  subjectId: string;
  audience: Audience;
  organisationId: string | null;
  createdAt: Date;
  /** The sign-in this session stems from (null on sessions older than that column: `createdAt`). */
  authenticatedAt: Date | null;
  absoluteExpiresAt: Date;
  revoked: boolean;
  revokedAt: Date | null;
  revokeReason: RevokeReason | null;
  version: number;
}

type SessionEvent = Extract<IdentityEvent, { type: 'session.revoked' }>;
/** What a session decider returns: event types with their data, before the envelope is added. */
export type SessionChange = Pick<SessionEvent, 'type' | 'data'>;

/** Applies one event to the state (pure). */
export function evolveSession(state: SessionState | null, change: SessionChange, meta: { version: number; at: Date }): SessionState {
  switch (change.type) {
    case 'session.revoked':
      if (!state) throw new Error('cannot revoke a missing session');
      return { ...state, revoked: true, revokedAt: meta.at, revokeReason: change.data.reason, version: meta.version };
  }
}

/** When the session's subject signed in (refreshes and organisation switches keep it). */
export const signedInAt = (session: Pick<SessionState, 'createdAt' | 'authenticatedAt'>): Date =>
  new Date(session.authenticatedAt ?? session.createdAt);

/** Ends a live session; a missing or already ended one changes nothing. */
export function revokeSession(state: SessionState | null, cmd: { reason: RevokeReason }): SessionChange[] {
  if (!state || state.revoked) return [];
  return [{ type: 'session.revoked', data: { subjectKind: state.subjectKind, subjectId: state.subjectId, reason: cmd.reason } }];
}

/** One refresh token of a session, as the refresh decision needs it. */
export interface RefreshTokenState {
  expiresAt: Date;
  usedAt: Date | null;
  graceUntil: Date | null;
  /** The sealed child pair handed out when it was used, while the grace window lasts. */
  gracePayload: string | null;
}

export const invalidRefresh = () => new AppError('UNAUTHENTICATED', 'the refresh token is invalid or expired', { reason: 'INVALID_REFRESH_TOKEN' });

/**
 * What presenting a refresh token does: `rotate` (mint a child pair and spend the token), `replay`
 * (a spent token again within the grace window: the same child pair), or `reuse` (a spent token
 * after the window, a theft signal: the session ends, with `changes`). An unknown, ended,
 * expired token or one of another audience is refused.
 */
export type RefreshOutcome = { kind: 'rotate' } | { kind: 'replay'; sealedPair: string } | { kind: 'reuse'; changes: SessionChange[] };

export function refreshSession(
  session: SessionState | null,
  cmd: { token: RefreshTokenState; audience: Audience | null; now: Date },
): RefreshOutcome {
  if (!session || session.revoked) throw invalidRefresh();
  if (cmd.audience && session.audience !== cmd.audience) throw invalidRefresh();
  const { token, now } = cmd;
  if (token.usedAt) {
    if (token.graceUntil && token.graceUntil > now && token.gracePayload) return { kind: 'replay', sealedPair: token.gracePayload };
    return { kind: 'reuse', changes: revokeSession(session, { reason: 'REFRESH_REUSE' }) };
  }
  if (token.expiresAt <= now || session.absoluteExpiresAt <= now) throw invalidRefresh();
  return { kind: 'rotate' };
}

/**
 * Sudo mode: a password may change without the current one only while the caller's session
 * (signed in at `signedIn`, null: no live session) signed in less than the window ago; otherwise
 * 403 naming both ways out.
 */
export function requireRecentSignIn(signedIn: Date | null, now: Date, reauthWindowMs: number): void {
  if (signedIn && now.getTime() - signedIn.getTime() < reauthWindowMs) return;
  const window = Math.round(reauthWindowMs / 1000);
  throw new AppError(
    'FORBIDDEN',
    window > 0
      ? `currentPassword: is required, as this session signed in more than ${window} seconds ago; send the current password, or sign in again and retry within ${window} seconds`
      : 'currentPassword: is required to change the password',
    { reason: 'REAUTHENTICATION_REQUIRED', field: 'currentPassword' },
  );
}
