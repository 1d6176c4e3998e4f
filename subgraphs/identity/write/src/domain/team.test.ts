import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { identityDeciders } from './decider-test-kit';
import { createTeam, deleteTeam, evolveTeam, renameTeam, type TeamChange } from './team';

const ID = '00000000-0000-4000-8000-0000000000a1';

const spec = identityDeciders(AGGREGATES.team, ID, evolveTeam);

const created: TeamChange = { type: 'team.created', data: { name: 'Sales' } };
const free = { nameHeldBy: null };

describe('team deciders', () => {
  it('createTeam: a trimmed, free name creates the team', () => {
    const state = spec(createTeam)
      .given()
      .when({ name: '  Sales ', ...free })
      .then([created]);
    assert.deepEqual(state, { id: ID, name: 'Sales', version: 100, deleted: false });
  });

  it('createTeam: a name another team holds, an empty name or control characters are refused', () => {
    spec(createTeam).given().when({ name: 'Sales', nameHeldBy: 'other' }).thenFails({ code: 'CONFLICT', reason: 'TEAM_NAME_TAKEN', field: 'name' });
    spec(createTeam)
      .given()
      .when({ name: '   ', ...free })
      .thenFails({ code: 'VALIDATION', field: 'name', reason: 'INVALID_LENGTH' });
    spec(createTeam)
      .given()
      .when({ name: 'a\u0007b', ...free })
      .thenFails({ code: 'VALIDATION', field: 'name', reason: 'INVALID_CHARACTERS' });
    spec(createTeam)
      .given()
      .when({ name: 'x'.repeat(101), ...free })
      .thenFails({ code: 'VALIDATION', field: 'name', reason: 'INVALID_LENGTH' });
  });

  it('renameTeam: a new name renames (next version); the same name again changes nothing', () => {
    const state = spec(renameTeam)
      .given(created)
      .when({ id: ID, name: 'Sales EU', ...free })
      .then([{ type: 'team.renamed', data: { name: 'Sales EU' } }]);
    assert.equal(state.name, 'Sales EU');
    spec(renameTeam)
      .given(created)
      .when({ id: ID, name: 'Sales ', ...free })
      .then([]);
  });

  it('renameTeam: the team itself holding the name (another casing) is not a clash; another team is', () => {
    spec(renameTeam)
      .given(created)
      .when({ id: ID, name: 'SALES', nameHeldBy: ID })
      .then([{ type: 'team.renamed', data: { name: 'SALES' } }]);
    spec(renameTeam).given(created).when({ id: ID, name: 'Ops', nameHeldBy: 'other' }).thenFails({ code: 'CONFLICT', reason: 'TEAM_NAME_TAKEN' });
  });

  it('renameTeam / deleteTeam: a missing or deleted team is not found', () => {
    spec(renameTeam)
      .given()
      .when({ id: ID, name: 'X', ...free })
      .thenFails({ code: 'NOT_FOUND' });
    spec(deleteTeam).given(created, { type: 'team.deleted', data: {} }).when({ id: ID, members: 0 }).thenFails({ code: 'NOT_FOUND' });
  });

  it('deleteTeam: an empty team is deleted; one with members is refused', () => {
    const state = spec(deleteTeam)
      .given(created)
      .when({ id: ID, members: 0 })
      .then([{ type: 'team.deleted', data: {} }]);
    assert.equal(state.deleted, true);
    spec(deleteTeam).given(created).when({ id: ID, members: 2 }).thenFails({ code: 'CONFLICT', reason: 'TEAM_IN_USE' });
  });
});
