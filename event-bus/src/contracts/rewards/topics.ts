import { topicOf } from '../../envelope';

export const REWARDS_TOPIC = topicOf('rewards');
export const REWARD_SCHEME_AGGREGATE = 'reward_scheme';
export const REWARD_MEMBERSHIP_AGGREGATE = 'reward_membership';
export const REWARD_OFFER_AGGREGATE = 'reward_offer';
export const PURCHASE_AGGREGATE = 'purchase';
export const CONTACT_TOKEN_AGGREGATE = 'contact_token';
