import type { DomainPolicy } from '../policy-table';

/**
 * Who may get past authorization on the rewards root fields. Back-office writes: holders of
 * rewards.write (owner, admin, the admin secret key). Reads and a contact's own sign-ups: also the
 * contact (ownership is checked by the resolvers: a contact sees its own purchases only).
 */
export const policy: DomainPolicy = {
  'Query.rewardScheme': ['owner', 'admin', 'secret_key', 'contact'],
  'Query.rewardSchemes': ['owner', 'admin', 'secret_key', 'contact'],
  'Query.rewardOffer': ['owner', 'admin', 'secret_key', 'contact'],
  'Query.rewardOffers': ['owner', 'admin', 'secret_key', 'contact'],
  'Query.purchase': ['owner', 'admin', 'secret_key', 'contact'],
  'Query.purchases': ['owner', 'admin', 'secret_key', 'contact'],
  'Query.contactTokens': ['owner', 'admin', 'secret_key', 'contact'],
  'Query.rewardOfferPerformance': ['owner', 'admin', 'secret_key', 'contact'],
  'Query.rewardMerchants': ['owner', 'admin', 'secret_key', 'contact'],
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
