import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DeviceEvent } from '@crm/event-bus/contracts/subscriptions';
import { projectDevice, type DeviceView } from './device-view.projection';

const DEVICE = '00000000-0000-4000-8000-00000000d001';
const CONTACT = '00000000-0000-4000-8000-00000000c001';
const SUB = '00000000-0000-4000-8000-00000000e001';
const SERVICE = '00000000-0000-4000-8000-00000000a001';
const READING = '00000000-0000-4000-8000-00000000f001';

let version = 0;
const ev = (type: DeviceEvent['type'], data: unknown, at = '2026-05-10T10:00:00.000Z') =>
  ({ type, data, aggregateId: DEVICE, aggregateVersion: ++version, occurredAt: at }) as Parameters<typeof projectDevice>[1];

describe('device view projection', () => {
  it('folds a physical device through assignment, services and readings (readings stay exact strings)', () => {
    version = 0;
    const events = [
      ev('device.registered', {
        contactId: CONTACT,
        kind: 'PHYSICAL',
        serialNumber: 'SN-1',
        electronicId: 'E-1',
        macAddress: null,
        productId: 'prod-stb',
        platform: null,
        registrationToken: null,
        applicationId: null,
        customFields: [],
      }),
      ev('device.subscription_assigned', { subscriptionId: SUB }),
      ev('device.service_state_changed', { serviceId: SERVICE, state: 'ENABLED' }),
      ev('device.service_state_changed', { serviceId: SERVICE, state: 'DISABLED' }, '2026-05-10T11:00:00.000Z'),
      ev('device.meter_reading_recorded', {
        readingId: READING,
        reading: '0.100000',
        from: null,
        to: '2026-05-10T09:00:00.000Z',
        submittedBy: { type: 'CONTACT', id: CONTACT },
      }),
      ev('device.updated', { customFields: [{ key: 'room', value: 'hall' }] }),
    ];
    const v = events.reduce<DeviceView | null>((s, e) => projectDevice(s, e), null)!;
    assert.equal(v.version, 6);
    assert.equal(v.subscriptionId, SUB);
    assert.deepEqual(v.services, [{ serviceId: SERVICE, state: 'DISABLED', updatedAt: '2026-05-10T11:00:00.000Z' }]);
    assert.equal(v.meterReadings[0]!.reading, '0.100000');
    assert.deepEqual(v.customFields, [{ key: 'room', value: 'hall' }]);
    assert.equal(v.removed, false);
  });

  it('marks a removed push registration; an event before registration is an error', () => {
    version = 0;
    const reg = ev('device.registered', {
      contactId: CONTACT,
      kind: 'PUSH',
      serialNumber: null,
      electronicId: null,
      macAddress: null,
      productId: null,
      platform: 'MOBILE',
      registrationToken: 'tok',
      applicationId: null,
      customFields: [],
    });
    const v = projectDevice(projectDevice(null, reg), ev('device.removed', {}));
    assert.equal(v.removed, true);
    assert.throws(() => projectDevice(null, ev('device.removed', {})), /before device.registered/);
  });
});
