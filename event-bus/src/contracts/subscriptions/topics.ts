import { topicOf } from '../../envelope';

export const SUBSCRIPTIONS_TOPIC = topicOf('subscriptions');
export const SUBSCRIPTION_AGGREGATE = 'subscription';
export const DEVICE_AGGREGATE = 'device';
export const USAGE_RECORD_AGGREGATE = 'usage_record';
export const USAGE_ALLOWANCE_AGGREGATE = 'usage_allowance';
export const PROVISIONING_COMMAND_AGGREGATE = 'provisioning_command';
/** A contact's authorisation on a WiFi platform (POST /contacts/{id}/wifi/authorize), for its plugin. */
export const WIFI_AUTHORIZATION_AGGREGATE = 'wifi_authorization';
