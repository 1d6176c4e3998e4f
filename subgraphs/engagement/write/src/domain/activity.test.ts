import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deciderSpecification } from '@crm/platform/testing';
import { evolveActivity, type ActivityChange, type ActivityState } from './activity';
import { type CreateActivity, createActivity } from './create-activity';
import { type UpdateActivity, updateActivity } from './update-activity';
import { CONTACT_ID, at, raised, validateAgainstContract } from './decider-test-kit';
import { evolve, type ServiceRequestState } from './service-request';

const spec = <C>(decide: (s: ActivityState | null, c: C) => ActivityChange[]) =>
  deciderSpecification<ActivityState, ActivityChange, C>({ decide, evolve: evolveActivity, at, validate: validateAgainstContract('activity') });
const request: ServiceRequestState = { ...evolve(null, raised, { version: 1, at }), id: '00000000-0000-4000-8000-000000000801' };
const TEAM = '00000000-0000-4000-8000-000000000501';
const created: ActivityChange = {
  type: 'activity.created',
  data: {
    name: 'Call back',
    description: null,
    contactId: CONTACT_ID,
    serviceRequestId: request.id,
    teamId: TEAM,
    userId: null,
    dueAt: '2024-05-02T09:00:00.000Z',
  },
};

describe('createActivity', () => {
  const { given } = spec<CreateActivity>(createActivity);
  const cmd = (over: Partial<CreateActivity> = {}): CreateActivity => ({
    name: ' Call back ',
    description: ' ',
    contactId: null,
    serviceRequest: request,
    teamId: TEAM,
    userId: null,
    dueAt: '2024-05-02T09:00:00Z',
    ...over,
  });
  it('creates a pending task on a service request, for the request’s contact', () => {
    const state = given().when(cmd()).then([created]);
    assert.equal(state.state, 'PENDING');
  });
  it('needs a contact or a service request, and refuses a request of another contact or one that does not exist', () => {
    given()
      .when(cmd({ serviceRequest: null }))
      .thenFails({ field: 'linked_to', reason: 'REQUIRED' });
    given()
      .when(cmd({ contactId: '00000000-0000-4000-8000-000000000999' }))
      .thenFails({ field: 'linked_to', reason: 'INVALID_VALUE' });
    given()
      .when(cmd({ serviceRequest: 'missing' }))
      .thenFails({ field: 'linked_to', reason: 'SERVICE_REQUEST_NOT_FOUND' });
    given()
      .when(cmd({ name: '' }))
      .thenFails({ field: 'name', reason: 'REQUIRED' });
    given()
      .when(cmd({ dueAt: 'tomorrow' }))
      .thenFails({ field: 'due_date', reason: 'INVALID_DATE' });
  });
});

describe('updateActivity: Pending → Completed | Cancelled', () => {
  const { given } = spec<UpdateActivity>(updateActivity);
  it('changes the given fields and completes it in one go', () => {
    const state = given(created)
      .when({ userId: '00000000-0000-4000-8000-000000000502', state: 'COMPLETED' })
      .then([
        {
          type: 'activity.updated',
          data: {
            name: 'Call back',
            description: null,
            teamId: TEAM,
            userId: '00000000-0000-4000-8000-000000000502',
            dueAt: '2024-05-02T09:00:00.000Z',
          },
        },
        { type: 'activity.closed', data: { state: 'COMPLETED' } },
      ]);
    assert.equal(state.state, 'COMPLETED');
  });
  it('the same values again emit nothing; a closed activity changes no more', () => {
    given(created).when({ name: 'Call back' }).then([]);
    given(created, { type: 'activity.closed', data: { state: 'CANCELLED' } })
      .when({ state: 'COMPLETED' })
      .thenFails({ code: 'CONFLICT', reason: 'ACTIVITY_CLOSED' });
    given().when({ name: 'x' }).thenFails({ code: 'NOT_FOUND', reason: 'ACTIVITY_NOT_FOUND' });
  });
});
