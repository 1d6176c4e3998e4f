import { describe, it } from 'node:test';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { identityDeciders } from './decider-test-kit';
import { evolveOrganisationProfile, type OrganisationProfileChange } from './organisation-profile';
import {
  closeOrganisationProfile,
  organisationProfileOf,
  setOrganisationProfile,
  type ProfileTarget,
  type SetOrganisationProfile,
} from './set-organisation-profile';

const ORG = '00000000-0000-4000-8000-0000000000a1';
const ADDR = '00000000-0000-4000-8000-0000000000b1';
const PHONE = '00000000-0000-4000-8000-0000000000c1';
const spec = identityDeciders(AGGREGATES.organisationProfile, ORG, evolveOrganisationProfile);
const set = spec<SetOrganisationProfile & ProfileTarget>(setOrganisationProfile).given;
const close = spec<ProfileTarget>(closeOrganisationProfile).given;
const venue: ProfileTarget = { organisationId: ORG, organisation: { id: ORG, type: 'VENUE' } };

const profile: SetOrganisationProfile = {
  description: 'Espresso bar',
  industry: 'Food and drink',
  tags: ['Coffee', ' coffee ', 'Wifi'],
  tapCode: 'TAP-1',
  addresses: [{ id: ADDR, addressLine1: '1 Main St', townCity: 'Nicosia', postalCode: '1010', countryCode: 'CYP', lat: 35.17, lon: 33.36 }],
  contactInfo: [{ id: PHONE, type: 'PHONE', name: 'Front desk', value: '22000000', countryCode: 'CYP' }],
  openingHours: [{ dayOfWeek: 'MONDAY', open: '08:00', close: '17:00' }],
};
const setEvent: OrganisationProfileChange = { type: 'organisation.profile_set', data: organisationProfileOf(profile) };

describe('setOrganisationProfile', () => {
  it('sets a profile: tags once each, the only address primary, opening hours for ANY operation by default', () => {
    set()
      .when({ ...profile, ...venue })
      .then([
        {
          type: 'organisation.profile_set',
          data: {
            description: 'Espresso bar',
            industry: 'Food and drink',
            industrySectors: [],
            businessActivities: [],
            tags: ['Coffee', 'Wifi'],
            tapCode: 'TAP-1',
            addresses: [
              {
                id: ADDR,
                name: null,
                addressLine1: '1 Main St',
                addressLine2: null,
                townCity: 'Nicosia',
                postalCode: '1010',
                stateProvinceCounty: null,
                countryCode: 'CYP',
                lat: 35.17,
                lon: 33.36,
                googlePlaceId: null,
                isPrimary: true,
              },
            ],
            contactInfo: [{ id: PHONE, type: 'PHONE', name: 'Front desk', value: '22000000', countryCode: 'CYP' }],
            openingHours: [{ dayOfWeek: 'MONDAY', open: '08:00', close: '17:00', operation: 'ANY' }],
          },
        },
      ]);
  });

  it('the same profile again changes nothing; another one replaces it', () => {
    set(setEvent)
      .when({ ...profile, ...venue })
      .then([]);
    set(setEvent)
      .when({ ...profile, tags: [], ...venue })
      .then([{ type: 'organisation.profile_set', data: { ...setEvent.data, tags: [] } }]);
  });

  it('refuses an unknown organisation and bad values, naming the field', () => {
    set()
      .when({ ...profile, organisationId: ORG, organisation: null })
      .thenFails({ code: 'NOT_FOUND', reason: 'ORGANISATION_NOT_FOUND' });
    const address = profile.addresses![0]!;
    set()
      .when({ ...venue, addresses: [{ ...address, lat: 95 }] })
      .thenFails({ code: 'VALIDATION', field: 'addresses.0.lat', reason: 'OUT_OF_RANGE' });
    set()
      .when({ ...venue, addresses: [{ ...address, lon: null }] })
      .thenFails({ code: 'VALIDATION', field: 'addresses.0.lon', reason: 'REQUIRED' });
    set()
      .when({ ...venue, addresses: [{ ...address, countryCode: 'XXX' }] })
      .thenFails({ code: 'VALIDATION', field: 'addresses.0.country_code', reason: 'INVALID_ENUM' });
    set()
      .when({
        ...venue,
        addresses: [
          { ...address, isPrimary: true },
          { ...address, isPrimary: true },
        ],
      })
      .thenFails({ code: 'VALIDATION', field: 'addresses', reason: 'INVALID_VALUE' });
    set()
      .when({ ...venue, openingHours: [{ dayOfWeek: 'MONDAY', open: '8am', close: '17:00' }] })
      .thenFails({ code: 'VALIDATION', field: 'opening_hours.0.open', reason: 'INVALID_VALUE' });
    set()
      .when({ ...venue, openingHours: [{ dayOfWeek: 'FUNDAY', open: '08:00', close: '17:00' }] })
      .thenFails({ code: 'VALIDATION', field: 'opening_hours.0.day_of_week', reason: 'INVALID_ENUM' });
    set()
      .when({ ...venue, contactInfo: [{ id: PHONE, type: 'FAX', name: 'x', value: 'y' }] })
      .thenFails({ code: 'VALIDATION', field: 'contact_info.0.type', reason: 'INVALID_ENUM' });
  });
});

describe('closeOrganisationProfile', () => {
  it('closes a profile; a closed or missing one is not found; setting it again reopens it', () => {
    close(setEvent)
      .when(venue)
      .then([{ type: 'organisation.profile_closed', data: {} }]);
    close(setEvent, { type: 'organisation.profile_closed', data: {} }).when(venue).thenFails({ code: 'NOT_FOUND', reason: 'ORGANISATION_NOT_FOUND' });
    close().when(venue).thenFails({ code: 'NOT_FOUND', reason: 'ORGANISATION_NOT_FOUND' });
    set(setEvent, { type: 'organisation.profile_closed', data: {} })
      .when({ ...profile, ...venue })
      .then([setEvent]);
  });
});
