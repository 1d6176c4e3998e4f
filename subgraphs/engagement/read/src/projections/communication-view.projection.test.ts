import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { projectCommunication, type CommunicationView } from './communication-view.projection';
import { projectApprovalRequest } from './approval-request-view.projection';

const ID = '00000000-0000-4000-8000-000000000901';
const CONTACT = '00000000-0000-4000-8000-000000000301';
/** An event as the projections take it (the contract validates real ones; here the folding is under test). */
const ev = (version: number, at: string, type: string, data: unknown): never =>
  ({ type, data, aggregateId: ID, aggregateVersion: version, occurredAt: at }) as never;

describe('communication view projection', () => {
  it('folds requested → attempt failed → delivered → marked viewed then archived', () => {
    const requested = ev(1, '2024-05-01T10:00:00.000Z', 'communication.requested', {
      name: 'Welcome',
      trigger: 'CONTACT_REGISTERED',
      channel: 'EMAIL',
      language: 'ENG',
      contactId: CONTACT,
      recipient: 'a@example.test',
      sender: 'shop@example.test',
      subject: 'Hi',
      content: 'Hello',
    });
    let v: CommunicationView = projectCommunication(null, requested);
    assert.deepEqual([v.state, v.attempts, v.viewed], ['PENDING', 0, false]);
    v = projectCommunication(
      v,
      ev(2, '2024-05-01T10:00:01.000Z', 'communication.attempt_failed', { attempt: 1, error: '451', retryAt: '2024-05-01T10:00:31.000Z' }),
    );
    assert.deepEqual([v.state, v.attempts, v.lastError], ['PENDING', 1, '451']);
    v = projectCommunication(v, ev(3, '2024-05-01T10:00:31.000Z', 'communication.delivered', { attempt: 2, providerId: null }));
    assert.deepEqual([v.state, v.attempts, v.lastError], ['COMPLETED', 2, null]);
    v = projectCommunication(v, ev(4, '2024-05-01T11:00:00.000Z', 'communication.marked', { viewed: true, archived: false }));
    v = projectCommunication(v, ev(5, '2024-05-01T12:00:00.000Z', 'communication.marked', { viewed: true, archived: true }));
    assert.deepEqual([v.viewed, v.viewedAt, v.archived, v.version], [true, '2024-05-01T11:00:00.000Z', true, 5]);
  });
  it('refuses an event before the communication was requested', () => {
    assert.throws(() => projectCommunication(null, ev(2, '2024-05-01T10:00:00.000Z', 'communication.delivered', { attempt: 1, providerId: null })));
  });
});

describe('approval request view projection', () => {
  it('folds created → decided', () => {
    const created = ev(1, '2024-05-01T10:00:00.000Z', 'approval_request.created', {
      approverContactId: CONTACT,
      entityType: 'ORDERS',
      entityId: 'o1',
      reference: null,
      requestedBy: { kind: 'user', id: 'u1' },
      expiresAt: '2024-05-02T10:00:00.000Z',
    });
    const v = projectApprovalRequest(null, created);
    assert.deepEqual([v.state, v.decidedAt, 'requestedBy' in v], ['PENDING', null, false]);
    const d = projectApprovalRequest(
      v,
      ev(2, '2024-05-01T10:05:00.000Z', 'approval_request.decided', { state: 'REJECTED', comments: 'no', via: 'LINK' }),
    );
    assert.deepEqual([d.state, d.comments, d.decidedVia, d.decidedAt], ['REJECTED', 'no', 'LINK', '2024-05-01T10:05:00.000Z']);
  });
});
