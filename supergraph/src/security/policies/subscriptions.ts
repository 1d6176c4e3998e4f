import type { DomainPolicy } from '../policy-table';

/** Holders of subscriptions.read (every built-in role, the admin secret key) and a signed-in contact (its own records only). */
const READERS = ['owner', 'admin', 'agent', 'finance', 'read_only', 'secret_key', 'contact'] as const;
/** Holders of subscriptions.write, and a signed-in contact (its own subscriptions: ownership is checked after authorization). */
const WRITERS = ['owner', 'admin', 'secret_key', 'contact'] as const;

/** Holders of subscriptions.write only: a contact does not assign devices or enable services on them. */
const STAFF_WRITERS = ['owner', 'admin', 'secret_key'] as const;

/** Who may get past authorization on the subscriptions root fields: readers above; writers hold subscriptions.write (owner, admin, the admin secret key). */
export const policy: DomainPolicy = {
  'Query.subscription': READERS,
  'Query.subscriptions': READERS,
  'Query.contactServices': READERS,
  'Query.service': READERS,
  'Query.subscriptionActions': READERS,
  'Query.subscriptionAction': READERS,
  'Query.serviceDeliveryEstimate': READERS,
  'Mutation.addContactServices': WRITERS,
  'Mutation.changeService': WRITERS,
  'Mutation.changeSubscription': WRITERS,
  'Mutation.cancelSubscriptionAction': WRITERS,
  'Query.devices': READERS,
  'Query.device': READERS,
  'Query.deviceMeterReadings': READERS,
  'Mutation.registerDevice': WRITERS,
  'Mutation.updateDevice': WRITERS,
  'Mutation.removeContactDevice': WRITERS,
  'Mutation.recordDeviceMeterReading': WRITERS,
  'Mutation.assignDeviceToSubscription': STAFF_WRITERS,
  'Mutation.setServiceDevices': STAFF_WRITERS,
  'Query.usageRecords': READERS,
  'Query.usageTotals': READERS,
  'Query.usageAllowanceEstimate': READERS,
  'Mutation.postUsageRecord': STAFF_WRITERS,
  'Mutation.setServiceUsageAllowance': STAFF_WRITERS,
  'Mutation.sendServiceCommand': STAFF_WRITERS,
  'Query.serviceCommands': ['owner', 'admin', 'agent', 'finance', 'read_only', 'secret_key'],
  'Mutation.answerServiceCommand': STAFF_WRITERS,
  // WiFi authorisation: the secret key (subscriptions.write), as the contract declares
  'Mutation.authorizeContactWifi': STAFF_WRITERS,
};
