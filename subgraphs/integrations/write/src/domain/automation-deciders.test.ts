import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAutomation } from './create-automation';
import { deleteAutomation } from './delete-automation';
import { setAutomationEnabled } from './set-automation-enabled';
import { updateAutomation } from './update-automation';
import { evolve } from './automation';
import { at, created, ID, settings, spec } from './automation-test-kit';

describe('createAutomation', () => {
  it('creates an automation with its settings', () => {
    spec(createAutomation).given().when({ settings }).then([created]);
  });
  it('refuses to create one that exists', () => {
    spec(createAutomation).given(created).when({ settings }).thenFails({ code: 'CONFLICT', reason: 'AUTOMATION_EXISTS' });
  });
});

describe('updateAutomation', () => {
  it('replaces the settings', () => {
    const next = { ...settings, name: 'Renamed', conditions: [] };
    spec(updateAutomation)
      .given(created)
      .when({ id: ID, settings: next })
      .then([{ type: 'automation.updated', data: next }]);
  });
  it('emits nothing when nothing changes (whatever the order of the stored objects keys)', () => {
    spec(updateAutomation).given(created).when({ id: ID, settings }).then([]);
    const reordered = { ...settings, actions: settings.actions.map((a) => Object.fromEntries(Object.entries(a).reverse()) as typeof a) };
    spec(updateAutomation).given(created).when({ id: ID, settings: reordered }).then([]);
  });
  it('refuses a deleted or missing automation', () => {
    spec(updateAutomation).given().when({ id: ID, settings }).thenFails({ code: 'NOT_FOUND', reason: 'AUTOMATION_NOT_FOUND' });
    spec(updateAutomation)
      .given(created, { type: 'automation.deleted', data: {} })
      .when({ id: ID, settings })
      .thenFails({ code: 'NOT_FOUND', reason: 'AUTOMATION_NOT_FOUND' });
  });
});

describe('setAutomationEnabled', () => {
  it('disables and enables; nothing when it is so already', () => {
    spec(setAutomationEnabled)
      .given(created)
      .when({ id: ID, enabled: false })
      .then([{ type: 'automation.disabled', data: {} }]);
    spec(setAutomationEnabled).given(created).when({ id: ID, enabled: true }).then([]);
    spec(setAutomationEnabled)
      .given(created, { type: 'automation.disabled', data: {} })
      .when({ id: ID, enabled: true })
      .then([{ type: 'automation.enabled', data: {} }]);
  });
  it('refuses a missing automation', () => {
    spec(setAutomationEnabled).given().when({ id: ID, enabled: true }).thenFails({ code: 'NOT_FOUND', reason: 'AUTOMATION_NOT_FOUND' });
  });
});

describe('deleteAutomation', () => {
  it('deletes it (and it runs no more)', () => {
    spec(deleteAutomation)
      .given(created)
      .when({ id: ID })
      .then([{ type: 'automation.deleted', data: {} }]);
    const state = evolve(evolve(null, created, { version: 1, at }), { type: 'automation.deleted', data: {} }, { version: 2, at });
    assert.deepEqual([state.deleted, state.enabled], [true, false]);
  });
  it('refuses twice', () => {
    spec(deleteAutomation)
      .given(created, { type: 'automation.deleted', data: {} })
      .when({ id: ID })
      .thenFails({ code: 'NOT_FOUND', reason: 'AUTOMATION_NOT_FOUND' });
  });
});
