import { describe, it } from 'node:test';
import { CONTACT_PROFILE_AGGREGATE } from '@crm/event-bus/contracts/settings';
import {
  evolveContactProfile,
  removeContactImage,
  setContactImage,
  setPreference,
  type ContactProfileChange,
  type ContactProfileState,
} from './contact-profile';
import { settingsSpecification, SPEC_ID } from './spec-kit';
import type { FileState } from './file';

const spec = settingsSpecification<ContactProfileState, ContactProfileChange>(CONTACT_PROFILE_AGGREGATE, evolveContactProfile, {
  kind: 'contact',
  id: SPEC_ID,
});
const CONTACT = SPEC_ID;
const ORG_A = '0190a000-0000-7000-8000-0000000000a1';
const ORG_B = '0190a000-0000-7000-8000-0000000000b2';
const PREF_1 = '0190a000-0000-7000-8000-000000000001';
const PREF_2 = '0190a000-0000-7000-8000-000000000002';
const FILE_1 = '0190a000-0000-7000-8000-0000000000f1';
const FILE_2 = '0190a000-0000-7000-8000-0000000000f2';

const file = (id: string, contentType = 'image/png'): FileState => ({
  id,
  version: 1,
  owner: { kind: 'contact', id: CONTACT },
  entityType: 'CONTACTS',
  name: 'me.png',
  contentType,
  sizeBytes: 10,
  sha256: 'a'.repeat(64),
  deleted: false,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});
const imageSet = (id: string, previousFileId: string | null): ContactProfileChange => ({
  type: 'contact_profile.image_set',
  data: { contactId: CONTACT, file: { id, name: 'me.png', contentType: 'image/png' }, previousFileId },
});

describe('setContactImage', () => {
  const { given } = spec(setContactImage);
  it('sets an image file of the contact, then replaces it naming the previous file', () => {
    given()
      .when({ contactId: CONTACT, fileId: FILE_1, file: file(FILE_1) })
      .then([imageSet(FILE_1, null)]);
    given(imageSet(FILE_1, null))
      .when({ contactId: CONTACT, fileId: FILE_2, file: file(FILE_2) })
      .then([imageSet(FILE_2, FILE_1)]);
  });
  it('the same file again is no event', () => {
    given(imageSet(FILE_1, null))
      .when({ contactId: CONTACT, fileId: FILE_1, file: file(FILE_1) })
      .then([]);
  });
  it('refuses a file that is not an image (415) and one it may not see (400 naming image)', () => {
    given()
      .when({ contactId: CONTACT, fileId: FILE_1, file: file(FILE_1, 'application/pdf') })
      .thenFails({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'image', reason: 'NOT_AN_IMAGE' });
    given().when({ contactId: CONTACT, fileId: FILE_1, file: null }).thenFails({ code: 'VALIDATION', field: 'image' });
  });
});

describe('removeContactImage', () => {
  const { given } = spec(removeContactImage);
  it('removes the image, naming its file; none set is 404', () => {
    given(imageSet(FILE_1, null))
      .when({ contactId: CONTACT })
      .then([{ type: 'contact_profile.image_removed', data: { contactId: CONTACT, fileId: FILE_1 } }]);
    given().when({ contactId: CONTACT }).thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_IMAGE_NOT_FOUND' });
  });
});

describe('setPreference', () => {
  const { given } = spec(setPreference);
  const set = (id: string, type: 'ORDERS' | 'REWARDS', organisationId: string): ContactProfileChange => ({
    type: 'contact_profile.preference_set',
    data: { contactId: CONTACT, id, type, organisationId },
  });
  it('sets one preferred organisation per type; the same one again is no event', () => {
    given()
      .when({ contactId: CONTACT, id: PREF_1, type: 'ORDERS', organisationId: ORG_A })
      .then([set(PREF_1, 'ORDERS', ORG_A)]);
    given(set(PREF_1, 'ORDERS', ORG_A))
      .when({ contactId: CONTACT, id: PREF_2, type: 'ORDERS', organisationId: ORG_A })
      .then([]);
    given(set(PREF_1, 'ORDERS', ORG_A))
      .when({ contactId: CONTACT, id: PREF_2, type: 'ORDERS', organisationId: ORG_B })
      .then([set(PREF_2, 'ORDERS', ORG_B)]);
  });
  it('refuses an unknown type naming it', () => {
    given().when({ contactId: CONTACT, id: PREF_1, type: 'PAYMENTS', organisationId: ORG_A }).thenFails({ code: 'VALIDATION', field: 'type' });
  });
});
