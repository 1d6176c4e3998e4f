import type { Caller, DomainPolicy } from '../policy-table';

/**
 * Who may get past authorization on the rewards root fields. Back-office writes: holders of
 * rewards.write (owner, admin, the admin secret key). Reads: holders of rewards.read (also agent and
 * read_only) and the contact; a contact's own sign-ups and tokens: also the contact (ownership is checked by the resolvers: a contact sees its own purchases only).
 */
const READERS: Caller[] = ['owner', 'admin', 'agent', 'read_only', 'secret_key', 'contact'];

export const policy: DomainPolicy = {
  'Query.rewardScheme': READERS,
  'Query.rewardSchemes': READERS,
  'Query.rewardOffer': READERS,
  'Query.rewardOffers': READERS,
  'Query.purchase': READERS,
  'Query.purchases': READERS,
  'Query.contactTokens': READERS,
  'Query.rewardOfferPerformance': READERS,
  'Query.rewardMerchants': READERS,
  'Mutation.createRewardScheme': ['owner', 'admin', 'secret_key'],
  'Mutation.setRewardSchemeState': ['owner', 'admin', 'secret_key'],
  'Mutation.signUpRewardScheme': ['owner', 'admin', 'secret_key', 'contact'],
  'Mutation.verifyRewardSchemeSignUp': ['owner', 'admin', 'secret_key', 'contact'],
  'Mutation.createRewardOffer': ['owner', 'admin', 'secret_key'],
  'Mutation.setRewardOfferState': ['owner', 'admin', 'secret_key'],
  'Mutation.submitPurchase': ['owner', 'admin', 'secret_key'],
  'Mutation.purchaseAction': ['owner', 'admin', 'secret_key'],
  'Mutation.issueContactToken': ['owner', 'admin', 'secret_key', 'contact'],
};
