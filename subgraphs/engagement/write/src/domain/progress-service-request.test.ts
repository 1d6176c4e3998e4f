import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type ProgressServiceRequest, progressServiceRequest } from './progress-service-request';
import { STAGE, queue, raised, serviceRequestSpec, started } from './decider-test-kit';
import type { ServiceRequestChange } from './service-request';

const { given } = serviceRequestSpec(progressServiceRequest);
const cmd = (over: Partial<ProgressServiceRequest> = {}): ProgressServiceRequest => ({
  action: 'PROGRESS',
  queue,
  stageId: null,
  comment: null,
  closingComment: null,
  isResolved: null,
  ...over,
});
const progressed = (data: Partial<Extract<ServiceRequestChange, { type: 'service_request.progressed' }>['data']>): ServiceRequestChange => ({
  type: 'service_request.progressed',
  data: { action: 'PROGRESS', state: 'IN_PROGRESS', stageId: STAGE.working, comment: null, closingComment: null, isResolved: null, ...data },
});

describe('progressServiceRequest (the stage machine)', () => {
  it('START_PROGRESS takes a NEW request IN_PROGRESS, where it is or at the open stage named', () => {
    const state = given(raised)
      .when(cmd({ action: 'START_PROGRESS', comment: ' on it ' }))
      .then([progressed({ action: 'START_PROGRESS', stageId: STAGE.open, comment: 'on it' })]);
    assert.equal(state.state, 'IN_PROGRESS');
    given(raised)
      .when(cmd({ action: 'START_PROGRESS', stageId: STAGE.working }))
      .then([progressed({ action: 'START_PROGRESS', stageId: STAGE.working })]);
  });

  it('PROGRESS without a stage moves to the next stage in order', () => {
    given(raised, started)
      .when(cmd())
      .then([progressed({ stageId: STAGE.working })]);
  });

  it('PROGRESS without a stage but with is_resolved goes to the first closing stage and closes', () => {
    const state = given(raised, started)
      .when(cmd({ isResolved: true, closingComment: 'fixed' }))
      .then([progressed({ state: 'CLOSED', stageId: STAGE.resolved, isResolved: true, closingComment: 'fixed' })]);
    assert.equal(state.state, 'CLOSED');
    assert.equal(state.isResolved, true);
  });

  it('PROGRESS to a named closing stage closes, resolved or not', () => {
    given(raised, started)
      .when(cmd({ stageId: STAGE.rejected, isResolved: false }))
      .then([progressed({ state: 'CLOSED', stageId: STAGE.rejected, isResolved: false })]);
  });

  it('the next stage after the last open one is closing: is_resolved is then required', () => {
    const atWorking = progressed({ stageId: STAGE.working });
    given(raised, started, atWorking).when(cmd()).thenFails({ field: 'is_resolved', reason: 'REQUIRED' });
  });

  it('refusals are named', () => {
    given().when(cmd()).thenFails({ reason: 'SERVICE_REQUEST_NOT_FOUND' });
    given(raised).when(cmd()).thenFails({ code: 'CONFLICT', reason: 'NOT_STARTED' });
    given(raised, started)
      .when(cmd({ action: 'START_PROGRESS' }))
      .thenFails({ code: 'CONFLICT', reason: 'ALREADY_STARTED' });
    given(raised, started)
      .when(cmd({ stageId: STAGE.open }))
      .thenFails({ code: 'CONFLICT', reason: 'SAME_STAGE' });
    given(raised, started)
      .when(cmd({ stageId: '00000000-0000-4000-8000-000000000999' }))
      .thenFails({ field: 'stage_id', reason: 'STAGE_NOT_IN_QUEUE' });
    given(raised)
      .when(cmd({ action: 'START_PROGRESS', stageId: STAGE.resolved }))
      .thenFails({ field: 'stage_id', reason: 'CLOSING_STAGE_NOT_ALLOWED' });
    given(raised, started)
      .when(cmd({ stageId: STAGE.working, isResolved: true }))
      .thenFails({ field: 'is_resolved', reason: 'ONLY_WHEN_CLOSING' });
    given(raised, started)
      .when(cmd({ stageId: STAGE.working, closingComment: 'x' }))
      .thenFails({ field: 'closing_comment', reason: 'ONLY_WHEN_CLOSING' });
  });

  it('a closed request moves no more, and the last stage has no next', () => {
    const closed = progressed({ state: 'CLOSED', stageId: STAGE.rejected, isResolved: false });
    given(raised, started, closed)
      .when(cmd({ stageId: STAGE.working }))
      .thenFails({ code: 'CONFLICT', reason: 'SERVICE_REQUEST_CLOSED' });
  });
});
