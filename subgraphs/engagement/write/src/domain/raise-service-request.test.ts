import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type RaiseServiceRequest, raiseServiceRequest } from './raise-service-request';
import { priorityOf } from '@crm/event-bus/contracts/engagement';
import { CATEGORY, CONTACT_ID, QUEUE_ID, STAGE, queue, raised, serviceRequestSpec } from './decider-test-kit';

const { given } = serviceRequestSpec(raiseServiceRequest);
const cmd = (over: Partial<RaiseServiceRequest> = {}): RaiseServiceRequest => ({
  queue,
  number: '7',
  contactId: CONTACT_ID,
  description: '  No signal  ',
  urgency: null,
  impact: null,
  categoryIds: [],
  addressId: null,
  ...over,
});

describe('raiseServiceRequest', () => {
  it('raises a NEW request at the queue’s first open stage (by order), with the queue’s default urgency and impact', () => {
    given()
      .when(cmd())
      .then([{ ...raised, data: { ...raised.data, number: '7' } }]);
  });

  it('derives the priority from urgency × impact', () => {
    const [event] = given()
      .when(cmd({ urgency: 'HIGH', impact: 'HIGH', categoryIds: [CATEGORY.network, CATEGORY.network] }))
      .events();
    assert.equal(event?.type, 'service_request.raised');
    assert.deepEqual(event?.data, {
      number: '7',
      contactId: CONTACT_ID,
      queueId: QUEUE_ID,
      stageId: STAGE.open,
      description: 'No signal',
      urgency: 'HIGH',
      impact: 'HIGH',
      priority: 'URGENT',
      categoryIds: [CATEGORY.network],
      addressId: null,
    });
  });

  it('the priority matrix', () => {
    assert.equal(priorityOf('HIGH', 'HIGH'), 'URGENT');
    assert.equal(priorityOf('HIGH', 'MEDIUM'), 'HIGH');
    assert.equal(priorityOf('MEDIUM', 'HIGH'), 'HIGH');
    assert.equal(priorityOf('HIGH', 'LOW'), 'MEDIUM');
    assert.equal(priorityOf('MEDIUM', 'MEDIUM'), 'MEDIUM');
    assert.equal(priorityOf('MEDIUM', 'LOW'), 'LOW');
    assert.equal(priorityOf('LOW', 'LOW'), 'LOW');
  });

  it('refuses an unknown queue, an empty description and a category of another queue, naming the field', () => {
    given()
      .when(cmd({ queue: null }))
      .thenFails({ field: 'queue_id', reason: 'QUEUE_NOT_FOUND' });
    given()
      .when(cmd({ description: '   ' }))
      .thenFails({ field: 'description', reason: 'REQUIRED' });
    given()
      .when(cmd({ categoryIds: ['00000000-0000-4000-8000-000000000999'] }))
      .thenFails({ field: 'categories', reason: 'CATEGORY_NOT_IN_QUEUE' });
  });

  it('refuses to raise a request that exists', () => {
    given(raised).when(cmd()).thenFails({ reason: 'SERVICE_REQUEST_EXISTS' });
  });
});
