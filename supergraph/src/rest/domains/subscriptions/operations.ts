import { op, USER_ERROR_FIELDS } from '../../kit/operation';

const SERVICE_FIELDS = `id subscriptionId contactId productId priceTermsId quantity state trialState trialEndsAt contractEndsAt inContract autoRenewal firstEffectiveAt updatedAt`;
const SUBSCRIPTION_FIELDS = `id contactId accountId state billingDay paymentMethodType paymentMethodId createdAt updatedAt services { ${SERVICE_FIELDS} }`;
const ACTION_FIELDS = `id subscriptionId contactId serviceId scope action state scheduledDate usedProposedDate executedAt rejectionReason createdAt updatedAt`;
const ACTION_PAYLOAD = `actionId subscriptionId scheduledDate consistencyToken ${USER_ERROR_FIELDS}`;

export const GET_SUBSCRIPTION = op(
  'query',
  'RestGetSubscription',
  `query RestGetSubscription($id: ID!) { subscription(id: $id) { ${SUBSCRIPTION_FIELDS} } }`,
);

export const LIST_SUBSCRIPTIONS = op(
  'query',
  'RestListSubscriptions',
  `query RestListSubscriptions($contactId: ID, $state: String, $limit: Int!, $offset: Int!) { subscriptions(contactId: $contactId, state: $state, limit: $limit, offset: $offset) { total items { ${SUBSCRIPTION_FIELDS} } } }`,
);

export const CONTACT_SERVICES = op(
  'query',
  'RestContactServices',
  `query RestContactServices($contactId: ID!, $state: String) { contactServices(contactId: $contactId, state: $state) { ${SERVICE_FIELDS} } subscriptions(contactId: $contactId, limit: 100, offset: 0) { items { id state billingDay paymentMethodType paymentMethodId } } }`,
);

export const LIST_ACTIONS = op(
  'query',
  'RestListSubscriptionActions',
  `query RestListSubscriptionActions($serviceId: ID, $subscriptionId: ID, $contactId: ID, $state: String) { subscriptionActions(serviceId: $serviceId, subscriptionId: $subscriptionId, contactId: $contactId, state: $state) { ${ACTION_FIELDS} } }`,
);

export const GET_ACTION = op(
  'query',
  'RestGetSubscriptionAction',
  `query RestGetSubscriptionAction($id: ID!) { subscriptionAction(id: $id) { ${ACTION_FIELDS} } }`,
);

export const ADD_SERVICES = op(
  'mutation',
  'RestAddContactServices',
  `mutation RestAddContactServices($contactId: ID!, $input: AddServicesInput!, $idempotencyKey: String) { addContactServices(contactId: $contactId, input: $input, idempotencyKey: $idempotencyKey) { subscriptionId serviceIds consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const CHANGE_SERVICE = op(
  'mutation',
  'RestChangeService',
  `mutation RestChangeService($id: ID!, $input: ChangeServiceInput!) { changeService(id: $id, input: $input) { ${ACTION_PAYLOAD} } }`,
);

export const CHANGE_SUBSCRIPTION = op(
  'mutation',
  'RestChangeSubscription',
  `mutation RestChangeSubscription($id: ID!, $input: ChangeSubscriptionInput!) { changeSubscription(id: $id, input: $input) { ${ACTION_PAYLOAD} } }`,
);

export const CANCEL_ACTION = op(
  'mutation',
  'RestCancelSubscriptionAction',
  `mutation RestCancelSubscriptionAction($id: ID!) { cancelSubscriptionAction(id: $id) { ${ACTION_PAYLOAD} } }`,
);

export interface GqlService {
  id: string;
  subscriptionId: string;
  contactId: string;
  productId: string;
  priceTermsId: string | null;
  quantity: number;
  state: string;
  trialState: string | null;
  trialEndsAt: string | null;
  contractEndsAt: string | null;
  inContract: boolean;
  autoRenewal: string;
  firstEffectiveAt: string | null;
  updatedAt: string;
}

export interface GqlSubscription {
  id: string;
  contactId: string;
  accountId: string | null;
  state: string;
  billingDay: number;
  paymentMethodType: string | null;
  paymentMethodId: string | null;
  createdAt: string;
  updatedAt: string;
  services: GqlService[];
}

export type GqlSubscriptionTerms = Pick<GqlSubscription, 'id' | 'state' | 'billingDay' | 'paymentMethodType' | 'paymentMethodId'>;

export interface GqlAction {
  id: string;
  subscriptionId: string;
  contactId: string;
  serviceId: string | null;
  scope: string;
  action: string;
  state: string;
  scheduledDate: string | null;
  usedProposedDate: boolean;
  executedAt: string | null;
  rejectionReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface GqlActionPayload {
  actionId: string | null;
  subscriptionId: string | null;
  scheduledDate: string | null;
  consistencyToken: string | null;
}

/** The contact a contact-scoped route names (404 when the tenant has none, or the caller may not see it). */
export const SUBSCRIBER_CONTACT = op('query', 'RestSubscriberContact', `query RestSubscriberContact($id: ID!) { contact(id: $id) { id } }`);
