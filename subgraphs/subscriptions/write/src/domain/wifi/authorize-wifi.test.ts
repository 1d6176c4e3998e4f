import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WIFI_AUTHORIZATION_AGGREGATE } from '@crm/event-bus/contracts/subscriptions';
import { deciderSpecification } from '@crm/platform/testing';
import { validateChange } from '../validate-change';
import { authorizeWifi, evolveWifi, normaliseMac, type AuthorizeWifi, type WifiAuthorizationState, type WifiChange } from './authorize-wifi';

const at = new Date('2026-05-10T10:00:00.000Z');
const CONTACT = '00000000-0000-4000-8000-00000000c001';
const SERVICE = '00000000-0000-4000-8000-00000000a001';
const spec = deciderSpecification<WifiAuthorizationState, WifiChange, AuthorizeWifi>({
  decide: authorizeWifi,
  evolve: evolveWifi,
  at,
  validate: (c, v) => validateChange(c, v, at, WIFI_AUTHORIZATION_AGGREGATE),
});
const cmd = (extra: Partial<AuthorizeWifi> = {}): AuthorizeWifi => ({
  contactId: CONTACT,
  macAddress: '01:23:45:67:89:ab',
  siteId: 'onwuq8y1',
  estimationId: 'est-1',
  servicesInUse: [SERVICE],
  ...extra,
});

describe('WiFi authorisation', () => {
  it('authorises a contact with a service in use, the MAC address normalised', () => {
    spec
      .given()
      .when(cmd())
      .then([
        {
          type: 'wifi.authorization_requested',
          data: { contactId: CONTACT, macAddress: '01-23-45-67-89-AB', siteId: 'onwuq8y1', estimationId: 'est-1', serviceIds: [SERVICE] },
        },
      ]);
  });

  it('refuses a bad MAC address, an empty site or estimation, and a contact with nothing in use', () => {
    spec
      .given()
      .when(cmd({ macAddress: '01-23-45-67-89' }))
      .thenFails({ field: 'mac_address' });
    spec
      .given()
      .when(cmd({ macAddress: 'zz-23-45-67-89-ab' }))
      .thenFails({ field: 'mac_address' });
    spec
      .given()
      .when(cmd({ siteId: ' ' }))
      .thenFails({ field: 'site_id', reason: 'REQUIRED' });
    spec
      .given()
      .when(cmd({ estimationId: 'x'.repeat(65) }))
      .thenFails({ field: 'estimation_id', reason: 'INVALID_LENGTH' });
    spec
      .given()
      .when(cmd({ servicesInUse: [] }))
      .thenFails({ code: 'CONFLICT', reason: 'CONTACT_HAS_NO_SERVICE_IN_USE' });
  });

  it('normalises the usual MAC spellings', () => {
    assert.equal(normaliseMac('0123456789ab'), '01-23-45-67-89-AB');
    assert.equal(normaliseMac('01-23-45-67-89-AB'), '01-23-45-67-89-AB');
    assert.equal(normaliseMac('0123.4567.89ab'), '01-23-45-67-89-AB');
    assert.equal(normaliseMac('01-23-45-67-89-AB-CD'), null);
  });
});
