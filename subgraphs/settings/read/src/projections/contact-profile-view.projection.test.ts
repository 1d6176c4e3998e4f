import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { projectContactProfile, type ContactProfileView } from './contact-profile-view.projection';

const CONTACT = '0190a000-0000-7000-8000-00000000a11c';
const ORG_A = '0190a000-0000-7000-8000-0000000000a1';
const ORG_B = '0190a000-0000-7000-8000-0000000000b2';
const FILE = '0190a000-0000-7000-8000-0000000000f1';
const at = (v: number) => ({ aggregateId: CONTACT, aggregateVersion: v, occurredAt: `2026-01-0${v}T00:00:00.000Z` });

describe('contact profile view', () => {
  it('keeps the image and one preference per type, the latest winning', () => {
    let v: ContactProfileView | null = null;
    v = projectContactProfile(v, {
      ...at(1),
      type: 'contact_profile.image_set',
      data: { contactId: CONTACT, file: { id: FILE, name: 'me.png', contentType: 'image/png' }, previousFileId: null },
    });
    v = projectContactProfile(v, {
      ...at(2),
      type: 'contact_profile.preference_set',
      data: { contactId: CONTACT, id: ORG_A, type: 'ORDERS', organisationId: ORG_A },
    });
    v = projectContactProfile(v, {
      ...at(3),
      type: 'contact_profile.preference_set',
      data: { contactId: CONTACT, id: ORG_B, type: 'ORDERS', organisationId: ORG_B },
    });
    assert.equal(v.image?.id, FILE);
    assert.deepEqual(
      v.preferences.map((p) => [p.type, p.organisationId]),
      [['ORDERS', ORG_B]],
    );
    v = projectContactProfile(v, { ...at(4), type: 'contact_profile.image_removed', data: { contactId: CONTACT, fileId: FILE } });
    assert.equal(v.image, null);
    assert.equal(v.version, 4);
    assert.equal(v.createdAt.toISOString(), '2026-01-01T00:00:00.000Z');
  });
});
