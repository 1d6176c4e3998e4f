import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assignServiceRequest } from './assign-service-request';
import { categoriseServiceRequest } from './categorise-service-request';
import { tagServiceRequest } from './tag-service-request';
import { addServiceRequestNote } from './add-service-request-note';
import { attachToServiceRequest, detachFromServiceRequest } from './attach-to-service-request';
import { CATEGORY, STAGE, queue, raised, serviceRequestSpec } from './decider-test-kit';
import type { ServiceRequestChange } from './service-request';

const TEAM = '00000000-0000-4000-8000-000000000501';
const USER = '00000000-0000-4000-8000-000000000502';
const NOTE = '00000000-0000-4000-8000-000000000601';
const FILE_ATT = '00000000-0000-4000-8000-000000000701';
const closed: ServiceRequestChange = {
  type: 'service_request.progressed',
  data: { action: 'PROGRESS', state: 'CLOSED', stageId: STAGE.resolved, comment: null, closingComment: null, isResolved: true },
};

describe('assignServiceRequest', () => {
  const { given } = serviceRequestSpec(assignServiceRequest);
  it('assigns to a team and a user; the same assignment again emits nothing', () => {
    const state = given(raised)
      .when({ teamId: TEAM, userId: USER })
      .then([{ type: 'service_request.assigned', data: { teamId: TEAM, userId: USER } }]);
    assert.equal(state.teamId, TEAM);
    given(raised, { type: 'service_request.assigned', data: { teamId: TEAM, userId: USER } })
      .when({ teamId: TEAM, userId: USER })
      .then([]);
  });
  it('refuses an empty assignment, an unknown request and a closed one', () => {
    given(raised).when({ teamId: null, userId: null }).thenFails({ field: 'assigned_to', reason: 'REQUIRED' });
    given().when({ teamId: TEAM, userId: null }).thenFails({ reason: 'SERVICE_REQUEST_NOT_FOUND' });
    given(raised, closed).when({ teamId: TEAM, userId: null }).thenFails({ reason: 'SERVICE_REQUEST_CLOSED' });
  });
});

describe('categoriseServiceRequest and tagServiceRequest', () => {
  it('replaces the categories with the queue’s own only', () => {
    const { given } = serviceRequestSpec(categoriseServiceRequest);
    given(raised)
      .when({ queue, categoryIds: [CATEGORY.billing] })
      .then([{ type: 'service_request.categorised', data: { categoryIds: [CATEGORY.billing] } }]);
    given(raised)
      .when({ queue, categoryIds: ['00000000-0000-4000-8000-000000000999'] })
      .thenFails({ field: 'categories', reason: 'CATEGORY_NOT_IN_QUEUE' });
  });
  it('replaces the tags, trimmed and without duplicates', () => {
    const { given } = serviceRequestSpec(tagServiceRequest);
    given(raised)
      .when({ tags: [' vip ', 'vip', 'fibre'] })
      .then([{ type: 'service_request.tagged', data: { tags: ['vip', 'fibre'] } }]);
    given(raised)
      .when({ tags: [' '] })
      .thenFails({ field: 'tags', reason: 'REQUIRED' });
  });
});

describe('addServiceRequestNote', () => {
  const { given } = serviceRequestSpec(addServiceRequestNote);
  it('adds a pinned note by a user, also on a closed request', () => {
    given(raised, closed)
      .when({ noteId: NOTE, note: ' Called back ', pinned: true, by: { kind: 'user', id: USER } })
      .then([{ type: 'service_request.note_added', data: { noteId: NOTE, note: 'Called back', pinned: true, byKind: 'user', byId: USER } }]);
  });
  it('refuses an empty note, and a pinned note from the contact', () => {
    given(raised)
      .when({ noteId: NOTE, note: ' ', pinned: false, by: { kind: 'user', id: USER } })
      .thenFails({ field: 'note', reason: 'REQUIRED' });
    given(raised)
      .when({ noteId: NOTE, note: 'x', pinned: true, by: { kind: 'contact', id: 'c1' } })
      .thenFails({ field: 'pinned' });
  });
});

describe('attachments', () => {
  it('attaches a file id or a link (one of them) and removes only a known attachment', () => {
    const attach = serviceRequestSpec(attachToServiceRequest).given;
    const added: ServiceRequestChange = {
      type: 'service_request.attachment_added',
      data: { attachmentId: FILE_ATT, fileId: 'file-1', link: null, description: 'photo' },
    };
    attach(raised).when({ attachmentId: FILE_ATT, fileId: 'file-1', link: null, description: ' photo ' }).then([added]);
    attach(raised).when({ attachmentId: FILE_ATT, fileId: null, link: null, description: null }).thenFails({ field: 'file_id', reason: 'REQUIRED' });
    attach(raised)
      .when({ attachmentId: FILE_ATT, fileId: 'f', link: 'https://x.test/a', description: null })
      .thenFails({ field: 'link', reason: 'INVALID_VALUE' });
    attach(raised)
      .when({ attachmentId: FILE_ATT, fileId: null, link: 'javascript:alert(1)', description: null })
      .thenFails({ field: 'link', reason: 'INVALID_VALUE' });
    const detach = serviceRequestSpec(detachFromServiceRequest).given;
    const state = detach(raised, added)
      .when({ attachmentId: FILE_ATT })
      .then([{ type: 'service_request.attachment_removed', data: { attachmentId: FILE_ATT } }]);
    assert.deepEqual(state.attachmentIds, []);
    detach(raised).when({ attachmentId: FILE_ATT }).thenFails({ code: 'NOT_FOUND', reason: 'ATTACHMENT_NOT_FOUND' });
  });
});
