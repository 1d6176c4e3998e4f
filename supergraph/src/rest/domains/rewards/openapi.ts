import type { OpenApiFragment } from '../../kit/resource';
import { query } from '../../kit/openapi';

const id = (description: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', minLength: 1, maxLength: 100 },
});

/** Components every rewards resource shares (identical wherever registered). */
export const rewardsParameters: NonNullable<OpenApiFragment['parameters']> = {
  RewardSchemeId: id('The reward scheme GUID (dashed or 32 hex digits); anything else is a 404.'),
  RewardOfferId: id('The reward offer GUID (dashed or 32 hex digits); anything else is a 404.'),
  PurchaseId: id('The purchase GUID (dashed or 32 hex digits); another tenant’s, or another contact’s, is a 404.'),
  RewardsContactId: id('The contact GUID; a contact may name only itself.'),
  RewardOfferStateQuery: query('state', { type: 'string', enum: ['ACTIVE', 'INACTIVE'] }, 'Only offers in this life cycle state.'),
  RewardSchemeIdQuery: query('scheme_id', { type: 'string', format: 'uuid' }, 'Only offers of this scheme.'),
  PurchaseContactQuery: query('contact_id', { type: 'string', format: 'uuid' }, 'Only this contact’s purchases.'),
};
