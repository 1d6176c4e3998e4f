import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEVICE_AGGREGATE } from '@crm/event-bus/contracts/subscriptions';
import { deciderSpecification } from '@crm/platform/testing';
import { evolveDevice, type DeviceChange, type DeviceState } from './device';
import { registerDevice, type RegisterDevice } from './register-device';
import { updateDevice } from './update-device';
import { removeDevice } from './remove-device';
import { assignDevice } from './assign-device';
import { setDeviceService } from './set-device-service';
import { recordMeterReading } from './record-meter-reading';
import { validateChange } from '../validate-change';

const at = new Date('2026-05-10T10:00:00.000Z');
const CONTACT = '00000000-0000-4000-8000-00000000c001';
const OTHER = '00000000-0000-4000-8000-00000000c002';
const DEVICE = '00000000-0000-4000-8000-00000000d001';
const SUB = '00000000-0000-4000-8000-00000000e001';
const SUB2 = '00000000-0000-4000-8000-00000000e002';
const SERVICE = '00000000-0000-4000-8000-00000000a001';
const READING = '00000000-0000-4000-8000-00000000f001';

const validate = (change: DeviceChange, version: number) => validateChange(change, version, at, DEVICE_AGGREGATE);

/** One decider spec per command (the device aggregate's pure functions). */
function spec<C>(decide: (s: DeviceState | null, c: C) => DeviceChange[]) {
  return deciderSpecification<DeviceState, DeviceChange, C>({ decide, evolve: evolveDevice, at, validate });
}

const physical: RegisterDevice = {
  contactId: CONTACT,
  kind: 'PHYSICAL',
  serialNumber: 'SN-0001',
  electronicId: 'EID-1',
  macAddress: null,
  productId: 'prod-stb',
  platform: null,
  registrationToken: null,
  applicationId: null,
  customFields: [],
};
const push: RegisterDevice = {
  ...physical,
  kind: 'PUSH',
  serialNumber: null,
  electronicId: null,
  productId: null,
  platform: 'MOBILE',
  registrationToken: 'fcm-token-1',
  applicationId: 'app-1',
};
const registered = (d: RegisterDevice): DeviceChange => ({ type: 'device.registered', data: d });
const assigned = (subscriptionId = SUB): DeviceChange => ({ type: 'device.subscription_assigned', data: { subscriptionId } });
const enabled: DeviceChange = { type: 'device.service_state_changed', data: { serviceId: SERVICE, state: 'ENABLED' } };
const service = (state: 'EFFECTIVE' | 'CANCELLED' = 'EFFECTIVE', subscriptionId = SUB) => ({ id: SERVICE, subscriptionId, state });

describe('registerDevice', () => {
  const { given } = spec(registerDevice);
  it('registers a physical device and a push registration', () => {
    given()
      .when(physical)
      .then([registered(physical)]);
    given()
      .when(push)
      .then([registered(push)]);
  });
  it('refuses what is missing or belongs to the other kind, naming the field', () => {
    given()
      .when({ ...physical, serialNumber: null })
      .thenFails({ reason: 'REQUIRED', field: 'serialNumber' });
    given()
      .when({ ...physical, productId: null })
      .thenFails({ field: 'productId' });
    given()
      .when({ ...physical, registrationToken: 'x' })
      .thenFails({ field: 'registrationToken' });
    given()
      .when({ ...push, registrationToken: null })
      .thenFails({ field: 'registrationToken' });
    given()
      .when({ ...push, platform: null })
      .thenFails({ field: 'platform' });
    given()
      .when({ ...push, serialNumber: 'SN' })
      .thenFails({ field: 'serialNumber' });
    given()
      .when({
        ...physical,
        customFields: [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
        ],
      })
      .thenFails({ field: 'customFields[1].key' });
  });
  it('refuses a second registration of the same device', () => {
    given(registered(physical)).when(physical).thenFails({ reason: 'DEVICE_ALREADY_REGISTERED' });
  });
});

describe('updateDevice and removeDevice', () => {
  it('replaces custom fields; the same list changes nothing', () => {
    const { given } = spec(updateDevice);
    const fields = [{ key: 'room', value: 'living' }];
    const s = given(registered(physical))
      .when({ deviceId: DEVICE, customFields: fields })
      .then([{ type: 'device.updated', data: { customFields: fields } }]);
    assert.deepEqual(s.customFields, fields);
    given(registered(physical), { type: 'device.updated', data: { customFields: fields } })
      .when({ deviceId: DEVICE, customFields: fields })
      .then([]);
    given().when({ deviceId: DEVICE, customFields: [] }).thenFails({ reason: 'DEVICE_NOT_FOUND' });
  });
  it('removes a push registration once; physical devices are not removed this way', () => {
    const { given } = spec(removeDevice);
    given(registered(push))
      .when({ deviceId: DEVICE })
      .then([{ type: 'device.removed', data: {} }]);
    given(registered(push), { type: 'device.removed', data: {} }).when({ deviceId: DEVICE }).thenFails({ reason: 'DEVICE_NOT_FOUND' });
    given(registered(physical)).when({ deviceId: DEVICE }).thenFails({ reason: 'DEVICE_NOT_PUSH' });
  });
});

describe('assignDevice', () => {
  const { given } = spec(assignDevice);
  const sub = (contactId = CONTACT, state: 'ACTIVE' | 'CHURNED' = 'ACTIVE', id = SUB) => ({
    deviceId: DEVICE,
    subscription: { id, contactId, state },
  });
  it("assigns a physical device to its contact's subscription, once", () => {
    const s = given(registered(physical)).when(sub()).then([assigned()]);
    assert.equal(s.subscriptionId, SUB);
    given(registered(physical), assigned()).when(sub()).then([]);
  });
  it("refuses another contact's subscription, a churned one, a push registration, a missing device", () => {
    given(registered(physical)).when(sub(OTHER)).thenFails({ reason: 'DEVICE_CONTACT_MISMATCH' });
    given(registered(physical)).when(sub(CONTACT, 'CHURNED')).thenFails({ reason: 'SUBSCRIPTION_CHURNED' });
    given(registered(push)).when(sub()).thenFails({ reason: 'DEVICE_NOT_PHYSICAL' });
    given().when(sub()).thenFails({ reason: 'DEVICE_NOT_FOUND' });
  });
  it('moves a device only once its services are disabled', () => {
    given(registered(physical), assigned(), enabled)
      .when(sub(CONTACT, 'ACTIVE', SUB2))
      .thenFails({ reason: 'DEVICE_HAS_ENABLED_SERVICES' });
    const disabled: DeviceChange = { type: 'device.service_state_changed', data: { serviceId: SERVICE, state: 'DISABLED' } };
    const s = given(registered(physical), assigned(), enabled, disabled)
      .when(sub(CONTACT, 'ACTIVE', SUB2))
      .then([assigned(SUB2)]);
    assert.deepEqual(s.services, []);
  });
});

describe('setDeviceService', () => {
  const { given } = spec(setDeviceService);
  it('enables and disables a service of the assigned subscription; repeating changes nothing', () => {
    const s = given(registered(physical), assigned()).when({ deviceId: DEVICE, action: 'ENABLE', service: service() }).then([enabled]);
    assert.deepEqual(s.services, [{ serviceId: SERVICE, state: 'ENABLED' }]);
    given(registered(physical), assigned(), enabled).when({ deviceId: DEVICE, action: 'ENABLE', service: service() }).then([]);
    given(registered(physical), assigned(), enabled)
      .when({ deviceId: DEVICE, action: 'DISABLE', service: service('CANCELLED') })
      .then([{ type: 'device.service_state_changed', data: { serviceId: SERVICE, state: 'DISABLED' } }]);
    given(registered(physical), assigned()).when({ deviceId: DEVICE, action: 'DISABLE', service: service() }).then([]);
  });
  it('refuses a service of another subscription, an unassigned device, an ended service', () => {
    given(registered(physical), assigned())
      .when({ deviceId: DEVICE, action: 'ENABLE', service: service('EFFECTIVE', SUB2) })
      .thenFails({
        reason: 'DEVICE_NOT_IN_SUBSCRIPTION',
      });
    given(registered(physical)).when({ deviceId: DEVICE, action: 'ENABLE', service: service() }).thenFails({ reason: 'DEVICE_NOT_IN_SUBSCRIPTION' });
    given(registered(physical), assigned())
      .when({ deviceId: DEVICE, action: 'ENABLE', service: service('CANCELLED') })
      .thenFails({
        reason: 'SERVICE_TERMINATED',
      });
  });
});

describe('recordMeterReading', () => {
  const { given } = spec(recordMeterReading);
  const reading = (value: string, from: Date | null = null, to: Date | null = null) => ({
    deviceId: DEVICE,
    readingId: READING,
    reading: value,
    from,
    to,
    submittedBy: { type: 'CONTACT' as const, id: CONTACT },
    now: at,
  });
  it('records an exact decimal reading with its period', () => {
    const from = new Date('2026-05-01T00:00:00.000Z');
    const s = given(registered(physical))
      .when(reading('1234.567891', from, at))
      .then([
        {
          type: 'device.meter_reading_recorded',
          data: {
            readingId: READING,
            reading: '1234.567891',
            from: from.toISOString(),
            to: at.toISOString(),
            submittedBy: { type: 'CONTACT', id: CONTACT },
          },
        },
      ]);
    assert.equal(s.readings, 1);
  });
  it('refuses inexact or malformed values, reversed or future periods, push registrations', () => {
    for (const bad of ['1.2345678', '1e3', 'NaN', '', '01', '1.']) given(registered(physical)).when(reading(bad)).thenFails({ field: 'reading' });
    given(registered(physical))
      .when(reading('1', at, new Date('2026-05-01T00:00:00.000Z')))
      .thenFails({ field: 'dates.from' });
    given(registered(physical))
      .when(reading('1', null, new Date(at.getTime() + 60_000)))
      .thenFails({ field: 'dates.to' });
    given(registered(push)).when(reading('1')).thenFails({ reason: 'DEVICE_NOT_PHYSICAL' });
  });
});
