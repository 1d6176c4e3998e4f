import type { DeviceEvent, DeviceRegisteredV1, DeviceServiceState } from '@crm/event-bus/contracts/subscriptions';

/** What a device is when registered (the registration event's data). */
type DeviceIdentity = DeviceRegisteredV1['data'];

/** One meter reading as the read side keeps it (the reading an exact decimal string). */
export interface MeterReadingView {
  id: string;
  reading: string;
  from: string | null;
  to: string | null;
  submittedBy: { type: string; id: string };
  createdAt: string;
}

/** The read model of one device: what it is, its subscription, the services on it and its meter readings. */
export interface DeviceView extends DeviceIdentity {
  id: string;
  version: number;
  subscriptionId: string | null;
  services: { serviceId: string; state: DeviceServiceState; updatedAt: string }[];
  meterReadings: MeterReadingView[];
  removed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

type Projected = Pick<DeviceEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>;

/** Folds one device event into the view (pure; the engine orders events and skips redeliveries). */
export function projectDevice(view: DeviceView | null, event: Projected): DeviceView {
  const at = event.occurredAt;
  const e = event as DeviceEvent;
  if (e.type === 'device.registered') {
    return {
      id: event.aggregateId,
      version: event.aggregateVersion,
      ...e.data,
      subscriptionId: null,
      services: [],
      meterReadings: [],
      removed: false,
      createdAt: new Date(at),
      updatedAt: new Date(at),
    };
  }
  if (!view) throw new Error(`${e.type} before device.registered for ${event.aggregateId}`);
  const v: DeviceView = { ...view, version: event.aggregateVersion, updatedAt: new Date(at) };
  switch (e.type) {
    case 'device.updated':
      return { ...v, customFields: e.data.customFields };
    case 'device.removed':
      return { ...v, removed: true };
    case 'device.subscription_assigned':
      return { ...v, subscriptionId: e.data.subscriptionId, services: [] };
    case 'device.service_state_changed': {
      const d = e.data;
      const others = v.services.filter((s) => s.serviceId !== d.serviceId);
      return { ...v, services: [...others, { serviceId: d.serviceId, state: d.state, updatedAt: at }] };
    }
    case 'device.meter_reading_recorded': {
      const d = e.data;
      const reading: MeterReadingView = { id: d.readingId, reading: d.reading, from: d.from, to: d.to, submittedBy: d.submittedBy, createdAt: at };
      return { ...v, meterReadings: [...v.meterReadings, reading] };
    }
  }
}
