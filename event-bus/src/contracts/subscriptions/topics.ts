import { topicOf } from '../../envelope';

export const SUBSCRIPTIONS_TOPIC = topicOf('subscriptions');
export const SUBSCRIPTION_AGGREGATE = 'subscription';
export const DEVICE_AGGREGATE = 'device';
