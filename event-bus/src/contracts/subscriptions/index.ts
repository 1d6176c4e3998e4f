import { SubscriptionCreatedV1 } from './subscription-created.v1';
import { SubscriptionServiceAddedV1 } from './subscription-service-added.v1';
import { SubscriptionServiceStateChangedV1 } from './subscription-service-state-changed.v1';
import { SubscriptionTermsChangedV1 } from './subscription-terms-changed.v1';
import { SubscriptionActionScheduledV1 } from './subscription-action-scheduled.v1';
import { SubscriptionActionExecutedV1 } from './subscription-action-executed.v1';
import { SubscriptionActionRejectedV1 } from './subscription-action-rejected.v1';
import { SubscriptionActionCancelledV1 } from './subscription-action-cancelled.v1';
import { DeviceRegisteredV1 } from './device-registered.v1';
import { DeviceUpdatedV1 } from './device-updated.v1';
import { DeviceRemovedV1 } from './device-removed.v1';
import { DeviceSubscriptionAssignedV1 } from './device-subscription-assigned.v1';
import { DeviceServiceStateChangedV1 } from './device-service-state-changed.v1';
import { DeviceMeterReadingRecordedV1 } from './device-meter-reading-recorded.v1';
import { UsageRecordPostedV1 } from './usage-record-posted.v1';
import { UsageAllowanceSetV1 } from './usage-allowance-set.v1';
import { ProvisioningCommandRequestedV1 } from './provisioning-command-requested.v1';
import { ProvisioningCommandAnsweredV1 } from './provisioning-command-answered.v1';
import { WifiAuthorizationRequestedV1 } from './wifi-authorization-requested.v1';
import type { EventOf } from '../define-event';

export * from './topics';
export * from './subscription-shapes';
export * from './subscription-created.v1';
export * from './subscription-service-added.v1';
export * from './subscription-service-state-changed.v1';
export * from './subscription-terms-changed.v1';
export * from './subscription-action-scheduled.v1';
export * from './subscription-action-executed.v1';
export * from './subscription-action-rejected.v1';
export * from './subscription-action-cancelled.v1';
export * from './device-shapes';
export * from './device-registered.v1';
export * from './device-updated.v1';
export * from './device-removed.v1';
export * from './device-subscription-assigned.v1';
export * from './device-service-state-changed.v1';
export * from './device-meter-reading-recorded.v1';
export * from './usage-record-posted.v1';
export * from './usage-allowance-set.v1';
export * from './provisioning-command-requested.v1';
export * from './provisioning-command-answered.v1';
export * from './wifi-authorization-requested.v1';

/** The subscription aggregate's event contracts. */
export const subscriptionEvents = [
  SubscriptionCreatedV1,
  SubscriptionServiceAddedV1,
  SubscriptionServiceStateChangedV1,
  SubscriptionTermsChangedV1,
  SubscriptionActionScheduledV1,
  SubscriptionActionExecutedV1,
  SubscriptionActionRejectedV1,
  SubscriptionActionCancelledV1,
] as const;

/** The device aggregate's event contracts (devices live in the subscriptions domain, on its topic). */
export const deviceEvents = [
  DeviceRegisteredV1,
  DeviceUpdatedV1,
  DeviceRemovedV1,
  DeviceSubscriptionAssignedV1,
  DeviceServiceStateChangedV1,
  DeviceMeterReadingRecordedV1,
] as const;

/** The usage aggregates' event contracts (usage records, and each service's usage allowance). */
export const usageEvents = [UsageRecordPostedV1, UsageAllowanceSetV1] as const;

/** Every subscriptions event contract (the platform's event registry collects each registered domain's `domainEvents`). */
/** The provisioning command aggregate's event contracts. */
export const provisioningEvents = [ProvisioningCommandRequestedV1, ProvisioningCommandAnsweredV1] as const;

/** The WiFi authorisation aggregate's event contracts. */
export const wifiEvents = [WifiAuthorizationRequestedV1] as const;

export const domainEvents = [...subscriptionEvents, ...deviceEvents, ...usageEvents, ...provisioningEvents, ...wifiEvents] as const;

/** Every subscription aggregate event, as the union of its contracts' envelopes. */
export type SubscriptionEvent = EventOf<(typeof subscriptionEvents)[number]>;

/** Every device aggregate event. */
export type DeviceEvent = EventOf<(typeof deviceEvents)[number]>;

/** Every usage event. */
export type UsageEvent = EventOf<(typeof usageEvents)[number]>;

/** Every provisioning event. */
export type ProvisioningEvent = EventOf<(typeof provisioningEvents)[number]>;

/** Every WiFi authorisation event. */
export type WifiEvent = EventOf<(typeof wifiEvents)[number]>;
