import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ServiceRequestEvent } from '@crm/event-bus/contracts/engagement';
import { projectServiceRequest, type ServiceRequestView } from './service-request-view.projection';
import { projectQueue } from './queue-view.projection';

const id = '00000000-0000-4000-8000-000000000001';
const Q = '00000000-0000-4000-8000-000000000010';
const S1 = '00000000-0000-4000-8000-000000000011';
const S2 = '00000000-0000-4000-8000-000000000012';
const C = '00000000-0000-4000-8000-000000000020';
const A = '00000000-0000-4000-8000-000000000030';
const user = { kind: 'user' as const, id: 'u1' };

let version = 0;
const ev = <T extends ServiceRequestEvent['type']>(type: T, data: Extract<ServiceRequestEvent, { type: T }>['data'], minute: number) =>
  ({
    type,
    data,
    aggregateId: id,
    aggregateVersion: ++version,
    occurredAt: `2024-05-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
    actor: user,
  }) as never;

describe('service request view projection', () => {
  it('folds raise, assign, progress to close, notes and attachments, with one history line per event', () => {
    version = 0;
    const events = [
      ev(
        'service_request.raised',
        {
          number: '3',
          contactId: C,
          queueId: Q,
          stageId: S1,
          description: 'No signal',
          urgency: 'HIGH',
          impact: 'LOW',
          priority: 'MEDIUM',
          categoryIds: [],
          addressId: null,
        },
        0,
      ),
      ev('service_request.assigned', { teamId: null, userId: C }, 1),
      ev('service_request.note_added', { noteId: A, note: 'hello', pinned: true, byKind: 'user', byId: 'u1' }, 2),
      ev('service_request.attachment_added', { attachmentId: A, fileId: null, link: 'https://x.test/a', description: null }, 3),
      ev(
        'service_request.progressed',
        { action: 'START_PROGRESS', state: 'IN_PROGRESS', stageId: S1, comment: 'go', closingComment: null, isResolved: null },
        4,
      ),
      ev(
        'service_request.progressed',
        { action: 'PROGRESS', state: 'CLOSED', stageId: S2, comment: null, closingComment: 'done', isResolved: true },
        5,
      ),
      ev('service_request.attachment_removed', { attachmentId: A }, 6),
    ];
    const view = events.reduce<ServiceRequestView | null>((v, e) => projectServiceRequest(v, e), null)!;
    assert.equal(view.number, '3');
    assert.equal(view.state, 'CLOSED');
    assert.equal(view.stageId, S2);
    assert.equal(view.isResolved, true);
    assert.equal(view.closingComment, 'done');
    assert.equal(view.closedAt, '2024-05-01T10:05:00.000Z');
    assert.equal(view.userId, C);
    assert.equal(view.version, 7);
    assert.equal(view.updatedAt, '2024-05-01T10:06:00.000Z');
    assert.deepEqual(view.notes, [{ id: A, note: 'hello', pinned: true, byKind: 'user', byId: 'u1', createdAt: '2024-05-01T10:02:00.000Z' }]);
    assert.deepEqual(view.attachments, []);
    assert.deepEqual(
      view.history.map((h) => [h.event, h.state, h.comment]),
      [
        ['service_request.raised', 'NEW', null],
        ['service_request.assigned', 'NEW', null],
        ['service_request.note_added', 'NEW', null],
        ['service_request.attachment_added', 'NEW', null],
        ['service_request.progressed', 'IN_PROGRESS', 'go'],
        ['service_request.progressed', 'CLOSED', null],
        ['service_request.attachment_removed', 'CLOSED', null],
      ],
    );
  });

  it('a queue view keeps its stages in order', () => {
    const view = projectQueue(null, {
      type: 'queue.created',
      data: {
        name: 'Support',
        stages: [
          { id: S2, name: 'Done', order: 2, isClosing: true },
          { id: S1, name: 'Open', order: 1, isClosing: false },
        ],
        categories: [],
        defaultUrgency: 'MEDIUM',
        defaultImpact: 'MEDIUM',
      },
      aggregateId: Q,
      aggregateVersion: 1,
      occurredAt: '2024-05-01T10:00:00.000Z',
    });
    assert.deepEqual(
      view.stages.map((s) => s.name),
      ['Open', 'Done'],
    );
  });
});
