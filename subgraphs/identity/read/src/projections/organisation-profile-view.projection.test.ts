import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { organisationProfileViewStatements } from './organisation-profile-view.projection';

const base = { tenantId: 't1', aggregateId: '00000000-0000-4000-8000-0000000000a1', occurredAt: '2024-05-01T10:00:00.000Z' };
const profile = {
  description: null,
  industry: null,
  industrySectors: [],
  businessActivities: [],
  tags: ['Coffee'],
  tapCode: null,
  addresses: [],
  contactInfo: [],
  openingHours: [],
};

describe('organisation profile view projection', () => {
  it('a set upserts the whole profile (reopening a closed one); a close marks it; other events change nothing', () => {
    const [set] = organisationProfileViewStatements({ ...base, type: 'organisation.profile_set', data: profile });
    assert.match(set!.sql, /ON CONFLICT \(tenant_id, id\) DO UPDATE SET profile = EXCLUDED\.profile, closed = false/);
    assert.deepEqual(set!.params, ['t1', base.aggregateId, JSON.stringify(profile), base.occurredAt]);
    const [closed] = organisationProfileViewStatements({ ...base, type: 'organisation.profile_closed', data: {} });
    assert.match(closed!.sql, /SET closed = true/);
    assert.deepEqual(closed!.params, ['t1', base.aggregateId, base.occurredAt]);
    assert.deepEqual(organisationProfileViewStatements({ ...base, type: 'team.deleted', data: { name: 'x' } } as never), []);
  });
});
