import { defineResource } from '../../kit/resource';
import {
  addContactServices,
  listActions,
  listContactServices,
  listContactSubscriptions,
  SUBSCRIPTION_OPERATIONS as OPS,
} from '../../domains/subscriptions/handlers';
import { backOfficeFragment, BO_TAG, PAGED } from '../../domains/subscriptions/openapi';

const TAG = BO_TAG;

/** A contact's services and subscriptions (flow 20: onboarding a subscriber). */
export const resource = defineResource({
  family: 'backoffice',
  name: 'contact-services',
  pathParameters: { id: 'DirectoryId' },
  openapi: backOfficeFragment,
  routes: [
    {
      method: 'GET',
      path: '/backoffice/v2/contacts/:id/services',
      handler: listContactServices,
      operations: OPS.listContactServices,
      doc: {
        operationId: 'listContactServicesBO',
        summary: "List a contact's services",
        description: 'Across its subscriptions. Needs subscriptions.read (and contacts.read: an unknown contact is a 404).',
        tag: TAG,
        audience: 'backoffice',
        query: ['ServiceState', 'SubscriptionIdFilter', ...PAGED],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'A page of services.', schema: 'ServicePage' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/contacts/:id/services',
      handler: addContactServices,
      operations: OPS.addContactServices,
      doc: {
        operationId: 'addContactServicesBO',
        summary: 'Add services to a contact',
        description:
          "They join the contact's live subscription for the account (account_id), or open a new one. EFFECTIVE at once, or DRAFT until scheduled_date (an ACTIVATE action is scheduled). product_id and price_terms_id are catalogue ids, taken as given. Needs subscriptions.write.",
        tag: TAG,
        audience: 'backoffice',
        body: 'AddServicesRequest',
        idempotencyKey: true,
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'Created; the services added.', schema: 'AddedServices' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/contacts/:id/subscriptions',
      handler: listContactSubscriptions,
      operations: OPS.listContactSubscriptions,
      doc: {
        operationId: 'listContactSubscriptionsBO',
        summary: "List a contact's subscriptions",
        description: 'Oldest first. Needs subscriptions.read.',
        tag: TAG,
        audience: 'backoffice',
        query: ['SubscriptionState', ...PAGED],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'A page of subscriptions.', schema: 'SubscriptionPage' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/contacts/:id/subscriptions/actions',
      handler: listActions(true),
      operations: OPS.listContactActions,
      doc: {
        operationId: 'listContactSubscriptionActionsBO',
        summary: "List a contact's subscription actions",
        description: 'Newest first. Needs subscriptions.read.',
        tag: TAG,
        audience: 'backoffice',
        query: ['ServiceIdFilter', 'SubscriptionIdFilter', 'IsScheduled', 'ActionState', ...PAGED],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'A page of actions.', schema: 'SubscriptionActionPage' },
      },
    },
  ],
});
