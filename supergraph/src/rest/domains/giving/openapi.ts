import type { OpenApiFragment } from '../../kit/resource';
import { query } from '../../kit/openapi';

const id = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', minLength: 1, maxLength: 100 },
});

/** Components every referral and donation resource shares (identical wherever registered). */
export const givingParameters: NonNullable<OpenApiFragment['parameters']> = {
  DonationOfferId: id('id', 'The donation offer GUID; anything else is a 404.'),
  DonationId: id('donation_id', 'The contact’s donation (opt-in) GUID, as listed; another contact’s is a 404.'),
  GivingContactId: id('id', 'The contact GUID; a contact may name only itself.'),
  DonationOfferIdQuery: query('donation_offer_id', { type: 'string' }, 'Only this donation offer.'),
  IncludeOptOutQuery: query('include_opt_out', { type: 'boolean' }, 'Also the offers the contact opted out of (default false).'),
  OrderQuery: query('order', { type: 'string', enum: ['ASC', 'DESC'] }, 'By creation date (default DESC).'),
  SortQuery: query('sort', { type: 'string', enum: ['CREATED_DATE'] }, 'Only CREATED_DATE.'),
  OrganisationIdQuery: query('organisation_id', { type: 'string' }, 'Only donations to this organisation.'),
  DonatedToQuery: query('donated_to', { type: 'string' }, 'Only offers donating to this organisation.'),
  OrganisationsQuery: query('organisations', { type: 'string' }, 'Only offers donating to this organisation (one id).'),
  DonationTypesQuery: query('donation_types', { type: 'string' }, 'Comma-separated: PER_TRANSACTION, TERMED, VARIABLE.'),
  DonationOfferTypesQuery: query('types', { type: 'string' }, 'Comma-separated offer types: GIFT, DISCOUNT, BUNDLE, ONE_OFF.'),
  OwnerQuery: query('owner', { type: 'string' }, 'Accepted; every offer of the business is listed.'),
  SearchValueQuery: query('search_value', { type: 'string' }, 'Offers whose name contains this text.'),
  IncludeCreativesQuery: query('include_creatives', { type: 'boolean' }, 'Accepted; creatives are not kept.'),
  OrganisationTypeQuery: query('type', { type: 'string' }, 'Only organisations of offers of these types (comma-separated).'),
  DonationOfferStateQuery: query('state', { type: 'string', enum: ['ACTIVE', 'INACTIVE'] }, 'Only offers in this state.'),
};
