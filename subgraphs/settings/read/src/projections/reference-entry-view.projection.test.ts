import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { projectReferenceEntry } from './reference-entry-view.projection';
import { projectAppSettings } from './app-settings-view.projection';

const id = '00000000-0000-4000-8000-000000000002';
const t1 = '2024-05-01T10:00:00.000Z';
const t2 = '2024-05-02T10:00:00.000Z';

describe('reference entry view projection', () => {
  it('a definition, a change and a removal fold into one view; the change keeps the creation time', () => {
    const data = {
      kind: 'TAG' as const,
      key: 'CONTACTS:vip',
      entity: 'CONTACTS' as const,
      name: 'VIP',
      description: null,
      colour: null,
      state: 'ACTIVE' as const,
    };
    const defined = projectReferenceEntry(null, { type: 'reference_entry.defined', data, aggregateId: id, aggregateVersion: 1, occurredAt: t1 });
    assert.deepEqual(defined, { ...data, id, version: 1, removed: false, createdAt: new Date(t1), updatedAt: new Date(t1) });
    const changed = projectReferenceEntry(defined, {
      type: 'reference_entry.changed',
      data: { ...data, state: 'INACTIVE' },
      aggregateId: id,
      aggregateVersion: 2,
      occurredAt: t2,
    });
    assert.equal(changed.kind === 'TAG' && changed.state, 'INACTIVE');
    assert.deepEqual(changed.createdAt, new Date(t1));
    const removed = projectReferenceEntry(changed, {
      type: 'reference_entry.removed',
      data: { kind: 'TAG', key: 'CONTACTS:vip' },
      aggregateId: id,
      aggregateVersion: 3,
      occurredAt: t2,
    });
    assert.equal(removed.removed, true);
    assert.equal(removed.version, 3);
    assert.throws(() =>
      projectReferenceEntry(null, {
        type: 'reference_entry.removed',
        data: { kind: 'TAG', key: 'x' },
        aggregateId: id,
        aggregateVersion: 1,
        occurredAt: t1,
      }),
    );
  });
});

describe('app settings view projection', () => {
  it('a set replaces the whole configuration (creation time kept), a removal hides it', () => {
    const data = {
      platformAppId: 'app',
      name: 'App',
      type: 'WEB' as const,
      description: null,
      brandName: null,
      authentication: {
        emailPassword: true,
        emailOtp: false,
        smsOtp: true,
        facebook: { isSupported: false, appId: null },
        google: false,
        sso: false,
        guestContact: { isSupported: false, contactId: null, contactName: null },
        demoContact: { isSupported: false, contactId: null, contactName: null },
      },
      appearance: { darkMode: false, homepageLayout: 'LAYOUT1' as const, orderingLayout: 'LAYOUT1' as const, colours: [], textFont: null },
      showBestSelling: false,
      showRecommendations: false,
      integrations: [],
      embeddedLinks: [],
    };
    const set = projectAppSettings(null, { type: 'app_settings.set', data, aggregateId: id, aggregateVersion: 1, occurredAt: t1 });
    const again = projectAppSettings(set, {
      type: 'app_settings.set',
      data: { ...data, name: 'App 2' },
      aggregateId: id,
      aggregateVersion: 2,
      occurredAt: t2,
    });
    assert.equal(again.name, 'App 2');
    assert.deepEqual(again.createdAt, new Date(t1));
    assert.deepEqual(again.updatedAt, new Date(t2));
    const removed = projectAppSettings(again, {
      type: 'app_settings.removed',
      data: { platformAppId: 'app' },
      aggregateId: id,
      aggregateVersion: 3,
      occurredAt: t2,
    });
    assert.equal(removed.removed, true);
  });
});
