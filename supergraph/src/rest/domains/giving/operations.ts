import { op, USER_ERROR_FIELDS } from '../../kit/operation';

const PAYLOAD = `id consistencyToken ${USER_ERROR_FIELDS}`;
const OFFER = `id name shortDescription longDescription termsAndConditions donationType offerType rule percent termedAmount currency state createdAt updatedAt
  organisation { id name }`;

export const CREATE_REFERRAL = op(
  'mutation',
  'RestCreateReferral',
  `mutation RestCreateReferral($code: String!, $contactId: ID) { createReferral(code: $code, contactId: $contactId) { ${PAYLOAD} } }`,
);
export const SEND_REFERRAL_INVITATIONS = op(
  'mutation',
  'RestSendReferralInvitations',
  `mutation RestSendReferralInvitations($input: ReferralInvitationInput!) { sendReferralInvitations(input: $input) { ${PAYLOAD} } }`,
);
export const CREATE_DONATION_OFFER = op(
  'mutation',
  'RestCreateDonationOffer',
  `mutation RestCreateDonationOffer($input: CreateDonationOfferInput!, $idempotencyKey: String) { createDonationOffer(input: $input, idempotencyKey: $idempotencyKey) { ${PAYLOAD} } }`,
);
export const SET_DONATION_OFFER_STATE = op(
  'mutation',
  'RestSetDonationOfferState',
  `mutation RestSetDonationOfferState($id: ID!, $state: String!) { setDonationOfferState(id: $id, state: $state) { ${PAYLOAD} } }`,
);
export const OPT_IN_DONATION = op(
  'mutation',
  'RestOptInDonation',
  `mutation RestOptInDonation($input: DonationOptInInput!) { optInDonation(input: $input) { ${PAYLOAD} } }`,
);
export const UPDATE_DONATION = op(
  'mutation',
  'RestUpdateDonation',
  `mutation RestUpdateDonation($id: ID!, $input: DonationOptInInput!) { updateDonation(id: $id, input: $input) { ${PAYLOAD} } }`,
);
export const OPT_OUT_DONATION = op(
  'mutation',
  'RestOptOutDonation',
  `mutation RestOptOutDonation($id: ID!, $contactId: ID!) { optOutDonation(id: $id, contactId: $contactId) { ${PAYLOAD} } }`,
);
export const LIST_DONATION_OFFERS = op(
  'query',
  'RestListDonationOffers',
  `query RestListDonationOffers($organisationId: String, $donationTypes: [String!], $offerTypes: [String!], $offerId: String, $search: String, $state: String, $ascending: Boolean, $page: Int, $size: Int) {
    donationOffers(organisationId: $organisationId, donationTypes: $donationTypes, offerTypes: $offerTypes, offerId: $offerId, search: $search, state: $state, ascending: $ascending, page: $page, size: $size) { items { ${OFFER} } total hasMore } }`,
);
export const GET_DONATION_OFFER = op('query', 'RestGetDonationOffer', `query RestGetDonationOffer($id: ID!) { donationOffer(id: $id) { ${OFFER} } }`);
export const DONATION_ORGANISATIONS = op(
  'query',
  'RestDonationOrganisations',
  `query RestDonationOrganisations($offerTypes: [String!]) { donationOrganisations(offerTypes: $offerTypes) { id name } }`,
);
export const CONTACT_DONATIONS = op(
  'query',
  'RestContactDonations',
  `query RestContactDonations($contactId: ID!, $includeOptOut: Boolean, $donationOfferId: String, $ascending: Boolean, $page: Int, $size: Int) {
    contactDonations(contactId: $contactId, includeOptOut: $includeOptOut, donationOfferId: $donationOfferId, ascending: $ascending, page: $page, size: $size) {
      items { id offerId offerName organisation { id name } optedIn optedInAt optedOutAt multiplier amount currency donations donated } total hasMore } }`,
);
export const DONATION_HISTORY = op(
  'query',
  'RestDonationHistory',
  `query RestDonationHistory($contactId: ID!, $organisationId: String, $ascending: Boolean, $page: Int, $size: Int) {
    donationHistory(contactId: $contactId, organisationId: $organisationId, ascending: $ascending, page: $page, size: $size) {
      items { id offerId offerName organisation { id name } amount currency outcome purchaseId period createdAt } total hasMore } }`,
);

export interface GqlDonationOffer {
  id: string;
  name: string;
  shortDescription: string | null;
  longDescription: string | null;
  termsAndConditions: string | null;
  donationType: string;
  offerType: string;
  rule: string | null;
  percent: string | null;
  termedAmount: string | null;
  currency: string;
  state: string;
  createdAt: string;
  updatedAt: string;
  organisation: { id: string; name: string };
}
export interface GqlContactDonation {
  id: string;
  offerId: string;
  offerName: string | null;
  organisation: { id: string; name: string } | null;
  optedIn: boolean;
  optedInAt: string;
  optedOutAt: string | null;
  multiplier: number;
  amount: string | null;
  currency: string | null;
  donations: number;
  donated: string;
}
export interface GqlDonationRecord {
  id: string;
  offerId: string;
  offerName: string;
  organisation: { id: string; name: string };
  amount: string;
  currency: string;
  outcome: string | null;
  purchaseId: string | null;
  period: string | null;
  createdAt: string;
}
