import type { Caller, DomainPolicy } from '../policy-table';

/**
 * Who may get past authorization on the pass and promotion root fields (rewards domain).
 * Back-office writes: holders of rewards.write (owner, admin, the admin secret key); a contact may
 * also redeem (for itself: the resolver checks ownership). Pass plans: rewards.read and the contact
 * (ACTIVE ones only). Promotions and a promotion pass's view by its token: anyone holding the
 * tenant's public key (others than staff see ACTIVE promotions only).
 */
const READERS: Caller[] = ['owner', 'admin', 'agent', 'read_only', 'secret_key', 'contact'];
const STAFF_READERS: Caller[] = ['owner', 'admin', 'agent', 'read_only', 'secret_key'];
const WRITERS: Caller[] = ['owner', 'admin', 'secret_key'];
const EVERYONE: Caller[] = [...READERS, 'finance', 'anonymous'];

export const policy: DomainPolicy = {
  'Query.passPlan': READERS,
  'Query.passPlans': READERS,
  'Query.pass': STAFF_READERS,
  'Query.passes': STAFF_READERS,
  'Query.promoPass': EVERYONE,
  'Query.promotion': EVERYONE,
  'Query.promotions': EVERYONE,
  'Mutation.createPassPlan': WRITERS,
  'Mutation.updatePassPlan': WRITERS,
  'Mutation.issuePasses': WRITERS,
  'Mutation.setPassState': WRITERS,
  'Mutation.redeemPass': [...WRITERS, 'contact'],
  'Mutation.createPromotion': WRITERS,
  'Mutation.updatePromotion': WRITERS,
  'Mutation.deletePromotion': WRITERS,
  'Mutation.submitProcessorPurchase': WRITERS,
  'Mutation.reclaimPurchase': [...WRITERS, 'contact'],
};
