import { z } from 'zod';
import { epoch, pagingResponse } from '../../kit/response-schemas';

const SERVICE_STATES = ['DRAFT', 'EFFECTIVE', 'NOT_EFFECTIVE', 'PAUSED', 'REGRETTED', 'CANCELLED', 'SWAPPED', 'REMOVED'] as const;
const ACTION_STATES = ['SCHEDULED', 'EXECUTED', 'REJECTED', 'CANCELLED'] as const;
const PAYMENT_METHOD_TYPES = ['CARD', 'ACCOUNT_DEBIT', 'WALLET', 'CRM_WALLET', 'CASH', 'CHEQUE', 'ELECTRONIC_TRANSFER'] as const;

const subscriptionTerms = z.strictObject({
  billing_day: z.strictObject({ day_of_month: z.int().min(1).max(28) }),
  payment_method: z.strictObject({ type: z.enum(PAYMENT_METHOD_TYPES), identity: z.strictObject({ id: z.string() }).optional() }).optional(),
});

/** One service (GET …/contacts/{id}/services items). */
export const serviceResponse = z.strictObject({
  id: z.string(),
  state: z.enum(SERVICE_STATES),
  product: z.strictObject({ id: z.string() }),
  price: z.strictObject({ id: z.string().describe('The price terms id') }).optional(),
  first_activated_on: epoch.optional(),
  terms: z.strictObject({
    quantity: z.int(),
    in_contract: z.boolean(),
    auto_renew: z.boolean(),
    contract_period: z.strictObject({ end_date: epoch }).optional(),
  }),
  trial_period: z.strictObject({ end_date: epoch, trial_state: z.enum(['IN_TRIAL', 'TRIAL_ENDED']).optional() }).optional(),
  subscription: z.strictObject({ id: z.string(), state: z.enum(['ACTIVE', 'INACTIVE', 'CHURNED']).optional(), terms: subscriptionTerms.optional() }),
});

/** One subscription (GET …/contacts/{id}/subscriptions items, GET /backoffice/v2/subscriptions/{id}). */
export const subscriptionResponse = z.strictObject({
  id: z.string(),
  state: z.enum(['ACTIVE', 'INACTIVE', 'CHURNED']),
  start_date: epoch,
  first_activation_date: epoch.optional(),
  active_services: z.int().min(0),
  draft_services: z.int().min(0),
  inactive_services: z.int().min(0),
  trial_services: z.int().min(0),
  account: z.strictObject({ id: z.string() }).optional(),
  terms: subscriptionTerms,
});

const actionBase = {
  id: z.string(),
  state: z.enum(ACTION_STATES),
  behaviour_code: z.string(),
  business_classification_code: z.string(),
  scheduled_on: epoch.optional(),
  executed_on: epoch.optional(),
  rejected_on: epoch.optional(),
  cancelled_on: epoch.optional(),
};

export const actionListItemResponse = z.strictObject(actionBase);
export const actionDetailResponse = z.strictObject({
  ...actionBase,
  rejection_reason: z.string().optional(),
  subscription: z.strictObject({ id: z.string() }),
});

export const servicePageResponse = z.strictObject({ paging: pagingResponse, content: z.array(serviceResponse) });
export const subscriptionPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(subscriptionResponse) });
export const actionPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(actionListItemResponse) });

/** PUT /services/{id}, PUT /subscriptions/{id}, PUT /subscriptions/actions/{id}. */
export const actionResultResponse = z.strictObject({
  id: z.string().describe('The subscription action'),
  proposed_date: epoch.optional().describe('When the action will run (the given or the proposed date); absent when it ran at once'),
});

/** POST …/contacts/{id}/services: the ids of the services added. */
export const addedServicesResponse = z.array(z.strictObject({ id: z.string() }));
