import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evolve, type AutomationState } from './automation';
import { at, created, ID } from './automation-test-kit';
import { evaluateAutomation, loopGuard, MAX_CHAIN_DEPTH, NO_ORIGIN, planRuns } from './run-plan';

const automation: AutomationState = { ...evolve(null, created, { version: 1, at }), id: ID };
const person = { type: 'contact.created', data: { id: 'c-1', contactType: 'PERSON', lastName: 'Lovelace' } };

describe('evaluateAutomation (the dry run)', () => {
  it('matches: shows every condition with the value it found, and the actions that would run', () => {
    const r = evaluateAutomation(automation, person);
    assert.equal(r.matched, true);
    assert.deepEqual(r.conditions, [{ field: 'contactType', operator: 'EQUALS', value: 'PERSON', actual: 'PERSON', passed: true }]);
    assert.deepEqual(r.actions, [
      { index: 0, type: 'ACTIVITY', name: 'Call the new contact', description: null, dueInDays: 2, contactId: 'c-1' },
      { index: 1, type: 'WEBHOOK', webhookId: '00000000-0000-4000-8000-000000000999' },
    ]);
  });
  it('a failing condition: not matched, nothing would run', () => {
    const r = evaluateAutomation(automation, { type: 'contact.created', data: { id: 'c-1', contactType: 'COMPANY' } });
    assert.deepEqual([r.eventMatched, r.matched, r.actions], [true, false, []]);
    assert.equal(r.conditions[0]!.actual, 'COMPANY');
  });
  it('another event type: not matched (conditions still shown)', () => {
    const r = evaluateAutomation(automation, { type: 'contact.updated', data: person.data });
    assert.deepEqual([r.eventMatched, r.matched, r.actions.length, r.conditions[0]!.passed], [false, false, 0, true]);
  });
  it('an activity about another entity takes its contactId', () => {
    const r = evaluateAutomation(
      { ...automation, event: 'service_request.created' },
      { type: 'service_request.created', data: { id: 's', contactId: 'c-9', contactType: 'PERSON' } },
    );
    assert.equal((r.actions[0] as { contactId: string }).contactId, 'c-9');
  });
});

describe('loop protection', () => {
  it('an automation never reacts to what its own actions created', () => {
    assert.equal(loopGuard(ID, { automationIds: [ID], depth: 1 }), 'OWN_EFFECT');
    assert.deepEqual(planRuns([automation], person, { automationIds: [ID], depth: 1 }), []);
  });
  it('another automation may react, one level deeper, until the chain is too deep', () => {
    const other = { automationIds: ['00000000-0000-4000-8000-000000000001'], depth: 1 };
    assert.deepEqual(
      planRuns([automation], person, other).map((r) => [r.automationId, r.depth]),
      [[ID, 2]],
    );
    assert.equal(loopGuard(ID, { automationIds: ['x'], depth: MAX_CHAIN_DEPTH }), 'CHAIN_TOO_DEEP');
    assert.deepEqual(planRuns([automation], person, { automationIds: ['x'], depth: MAX_CHAIN_DEPTH }), []);
  });
  it('an event of no automation origin runs it at depth 1; disabled or deleted automations never run', () => {
    assert.deepEqual(
      planRuns([automation], person, NO_ORIGIN).map((r) => r.depth),
      [1],
    );
    assert.deepEqual(
      planRuns(
        [
          { ...automation, enabled: false },
          { ...automation, deleted: true },
        ],
        person,
        NO_ORIGIN,
      ),
      [],
    );
  });
});
