import type { Caller, DomainPolicy } from '../policy-table';

/**
 * Who may get past authorization on the rewards domain's referral and donation root fields.
 * Back-office writes (donation offers): holders of rewards.write (owner, admin, the admin secret
 * key). A contact's own referral, invitations and donation opt-ins: also the contact (ownership is
 * checked by the resolvers). Reads: holders of rewards.read and the contact (its own).
 */
const READERS: Caller[] = ['owner', 'admin', 'agent', 'read_only', 'secret_key', 'contact'];
const CONTACT_WRITES: Caller[] = ['owner', 'admin', 'secret_key', 'contact'];

export const policy: DomainPolicy = {
  'Query.donationOffers': READERS,
  'Query.donationOffer': READERS,
  'Query.donationOrganisations': READERS,
  'Query.contactDonations': READERS,
  'Query.donationHistory': READERS,
  'Query.referrals': READERS,
  'Mutation.createReferral': CONTACT_WRITES,
  'Mutation.sendReferralInvitations': CONTACT_WRITES,
  'Mutation.createDonationOffer': ['owner', 'admin', 'secret_key'],
  'Mutation.setDonationOfferState': ['owner', 'admin', 'secret_key'],
  'Mutation.optInDonation': CONTACT_WRITES,
  'Mutation.updateDonation': CONTACT_WRITES,
  'Mutation.optOutDonation': CONTACT_WRITES,
};
