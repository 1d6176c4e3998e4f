import type { DeviceEvent, DeviceRegisteredV1, DeviceServiceState } from '@crm/event-bus/contracts/subscriptions';

/** What a device is when registered (the registration event's data). */
export type DeviceIdentity = DeviceRegisteredV1['data'];

/** Write-side state of one device: who holds it, what it is, its subscription and the services enabled on it. */
export interface DeviceState extends DeviceIdentity {
  id: string;
  version: number;
  subscriptionId: string | null;
  services: { serviceId: string; state: DeviceServiceState }[];
  removed: boolean;
  readings: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What a device decider returns: event types with their data, before the envelope is added. */
export type DeviceChange = DeviceEvent extends infer E ? (E extends DeviceEvent ? Pick<E, 'type' | 'data'> : never) : never;

/** Applies one event to the state (pure). */
export function evolveDevice(state: DeviceState | null, event: DeviceChange, meta: { version: number; at: Date }): DeviceState {
  if (event.type === 'device.registered') {
    const d = event.data;
    return {
      id: state?.id ?? '',
      version: meta.version,
      ...d,
      subscriptionId: null,
      services: [],
      removed: false,
      readings: 0,
      createdAt: meta.at,
      updatedAt: meta.at,
    };
  }
  if (!state) throw new Error(`${event.type} before device.registered`);
  const s: DeviceState = { ...state, version: meta.version, updatedAt: meta.at };
  switch (event.type) {
    case 'device.updated':
      return { ...s, customFields: event.data.customFields };
    case 'device.removed':
      return { ...s, removed: true };
    case 'device.subscription_assigned':
      return { ...s, subscriptionId: event.data.subscriptionId, services: [] };
    case 'device.service_state_changed': {
      const d = event.data;
      const others = s.services.filter((x) => x.serviceId !== d.serviceId);
      return { ...s, services: [...others, { serviceId: d.serviceId, state: d.state }] };
    }
    case 'device.meter_reading_recorded':
      return { ...s, readings: s.readings + 1 };
  }
}

/** A removed device reads as missing to every command. */
export const live = (s: DeviceState | null): DeviceState | null => (s && !s.removed ? s : null);
