import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { SUBSCRIPTIONS_TOPIC, WIFI_AUTHORIZATION_AGGREGATE } from './topics';

/** A MAC address as stored: six upper-case hex pairs joined by '-' (01-23-45-67-89-AB). */
export const MAC_ADDRESS = /^[0-9A-F]{2}(-[0-9A-F]{2}){5}$/;

export const WifiAuthorizationRequestedV1 = defineEvent({
  type: 'wifi.authorization_requested',
  schemaVersion: 1,
  aggregateType: WIFI_AUTHORIZATION_AGGREGATE,
  topic: SUBSCRIPTIONS_TOPIC,
  description:
    "A contact with a service in use was authorised on a WiFi site for usage allowance consumption: the WiFi platform integration's plugin consumes this event and lets the device (MAC address) on.",
  data: z.object({
    contactId: z.uuid(),
    macAddress: z.string().regex(MAC_ADDRESS),
    siteId: z.string().min(1).max(64),
    estimationId: z.string().min(1).max(64),
    /** The contact's services in use (EFFECTIVE) when it was authorised. */
    serviceIds: z.array(z.uuid()).min(1).max(100),
  }),
});
export type WifiAuthorizationRequestedV1 = EventOf<typeof WifiAuthorizationRequestedV1>;
