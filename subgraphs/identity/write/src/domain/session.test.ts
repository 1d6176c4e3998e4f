import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { identityDeciders, T0 } from './decider-test-kit';
import { evolveSession, refreshSession, requireRecentSignIn, revokeSession, type SessionChange, type SessionState } from './session';

/** A valid (v4-shaped) UUID numbered `n`. */
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ID = uuid(1);
const spec = identityDeciders(AGGREGATES.session, ID, evolveSession);
const at = (ms: number) => new Date(T0.getTime() + ms);

const live: SessionState = {
  id: ID,
  subjectKind: 'user',
  subjectId: uuid(2),
  audience: 'crm-backoffice',
  organisationId: null,
  createdAt: T0,
  authenticatedAt: null,
  absoluteExpiresAt: at(3_600_000),
  revoked: false,
  revokedAt: null,
  revokeReason: null,
  version: 0,
};
const revoked: SessionChange = { type: 'session.revoked', data: { subjectKind: 'user', subjectId: uuid(2), reason: 'SIGN_OUT' } };
const token = { expiresAt: at(60_000), usedAt: null, graceUntil: null, gracePayload: null };

describe('session deciders', () => {
  it('revokeSession: a live session ends once (its one event, version 1); an ended or missing one changes nothing', () => {
    const state = spec(revokeSession)
      .from(live)
      .when({ reason: 'PASSWORD_CHANGED' })
      .then([{ type: 'session.revoked', data: { subjectKind: 'user', subjectId: uuid(2), reason: 'PASSWORD_CHANGED' } }]);
    assert.deepEqual([state.revoked, state.revokedAt, state.revokeReason], [true, T0, 'PASSWORD_CHANGED']);
    assert.equal(evolveSession(live, revoked, { version: live.version + 1, at: T0 }).version, 1);
    spec(revokeSession)
      .from({ ...live, revoked: true, revokedAt: T0, revokeReason: 'SIGN_OUT', version: 1 })
      .when({ reason: 'SIGN_OUT' })
      .then([]);
    spec(revokeSession).given().when({ reason: 'SIGN_OUT' }).then([]);
  });

  it('refreshSession: an unspent, unexpired token of a live session rotates', () => {
    assert.deepEqual(refreshSession(live, { token, audience: null, now: T0 }), { kind: 'rotate' });
    assert.deepEqual(refreshSession(live, { token, audience: 'crm-backoffice', now: T0 }), { kind: 'rotate' });
  });

  it('refreshSession: a spent token within the grace window replays the same pair; after it, the session ends (reuse)', () => {
    const spent = { ...token, usedAt: T0, graceUntil: at(5_000), gracePayload: 'sealed' };
    assert.deepEqual(refreshSession(live, { token: spent, audience: null, now: at(1_000) }), { kind: 'replay', sealedPair: 'sealed' });
    assert.deepEqual(refreshSession(live, { token: spent, audience: null, now: at(5_000) }), {
      kind: 'reuse',
      changes: [{ type: 'session.revoked', data: { subjectKind: 'user', subjectId: uuid(2), reason: 'REFRESH_REUSE' } }],
    });
    assert.equal(refreshSession(live, { token: { ...spent, gracePayload: null }, audience: null, now: at(1_000) }).kind, 'reuse');
  });

  it('refreshSession: an ended session, another audience, an expired token or session is refused', () => {
    const refused = { code: 'UNAUTHENTICATED', reason: 'INVALID_REFRESH_TOKEN' };
    assert.throws(() => refreshSession(null, { token, audience: null, now: T0 }), refused);
    assert.throws(() => refreshSession({ ...live, revoked: true }, { token, audience: null, now: T0 }), refused);
    assert.throws(() => refreshSession(live, { token, audience: 'crm-self-service', now: T0 }), refused);
    assert.throws(() => refreshSession(live, { token, audience: null, now: at(60_000) }), refused);
    assert.throws(() => refreshSession({ ...live, absoluteExpiresAt: T0 }, { token, audience: null, now: T0 }), refused);
  });

  it('requireRecentSignIn: only within the window after the sign-in; otherwise 403 naming the way out', () => {
    requireRecentSignIn(T0, at(299_999), 300_000);
    const refused = { code: 'FORBIDDEN', reason: 'REAUTHENTICATION_REQUIRED', field: 'currentPassword' };
    assert.throws(() => requireRecentSignIn(T0, at(300_000), 300_000), { ...refused, message: /within 300 seconds/ });
    assert.throws(() => requireRecentSignIn(null, T0, 300_000), refused);
    assert.throws(() => requireRecentSignIn(T0, T0, 0), { ...refused, message: 'currentPassword: is required to change the password' });
  });
});
