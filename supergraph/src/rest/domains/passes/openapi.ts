import type { OpenApiFragment } from '../../kit/resource';
import { query } from '../../kit/openapi';

const id = (description: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', minLength: 1, maxLength: 100 },
});

/** Components the pass and promotion resources share (identical wherever registered). */
export const passesParameters: NonNullable<OpenApiFragment['parameters']> = {
  PassPlanId: id('The pass plan GUID (dashed or 32 hex digits); anything else is a 404.'),
  PassId: id('The pass GUID (dashed or 32 hex digits); anything else is a 404.'),
  PromotionId: id('The promotion GUID (dashed or 32 hex digits); anything else is a 404.'),
  PassCurrencyQuery: query('currency_code', { type: 'string' }, 'Only plans in this currency.'),
  PassProductQuery: query('product_id', { type: 'string' }, 'Accepted for compatibility (plans are not tied to products here).'),
  PassSearchQuery: query('search_value', { type: 'string' }, 'Only those whose name contains this.'),
  PassOrderQuery: query('order', { type: 'string', enum: ['ASC', 'DESC'] }, 'By creation date (default DESC).'),
  PassSortQuery: query('sort', { type: 'string', enum: ['CREATED_DATE'] }, 'Only CREATED_DATE.'),
  PassPlanStateQuery: query('state', { type: 'string', enum: ['ACTIVE', 'INACTIVE'] }, 'Only plans in this state.'),
  PassStateQuery: query('state', { type: 'string', enum: ['ACTIVE', 'REDEEMED', 'CANCELLED'] }, 'Only passes in this state.'),
  PassPlanIdQuery: query('pass_plan_id', { type: 'string', format: 'uuid' }, 'Only passes of this plan.'),
  PassContactQuery: query('contact_id', { type: 'string', format: 'uuid' }, 'Only passes this contact redeemed.'),
  PromoPassTokenQuery: query('token', { type: 'string' }, 'The view token given when the promotion pass was issued.'),
  PromotionOrganisationsQuery: query('organisations', { type: 'string' }, 'Only promotions naming this organisation.'),
  PromotionTagsQuery: query('promotion_tags', { type: 'string' }, 'Only promotions with this tag.'),
  PromotionStateQuery: query('state', { type: 'string', enum: ['ACTIVE', 'INACTIVE'] }, 'Only promotions in this state.'),
};
