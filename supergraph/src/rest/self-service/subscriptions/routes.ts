import { defineResource, mergeFragments } from '../../kit/resource';
import {
  addContactServicesSelfService,
  changeService,
  changeSubscription,
  getAction,
  listActions,
  listContactServices,
  listContactSubscriptions,
  SUBSCRIPTION_OPERATIONS as OPS,
  updateAction,
} from '../../domains/subscriptions/handlers';
import { PAGED, selfServiceRoutes, subscriptionComponents } from '../../domains/subscriptions/openapi';
import { DEVICE_OPERATIONS as DEVICE_OPS, listServiceDevices } from '../../domains/devices/handlers';
import { DEVICE_LIST_QUERY, deviceComponents } from '../../domains/devices/openapi';
import {
  ESTIMATE_SERVICE_DELIVERY,
  estimateServiceDelivery,
  serviceDeliveryBody,
  serviceDeliveryResponse,
} from '../../domains/subscriptions/estimate';

const TAG = 'Subscriptions';
const WHO =
  'With the secret api_key (server side), or as the signed-in contact (api_key + bearer) for its own subscriptions: another contact reads as a 404.';

/** Reads and writes of the Subscriptions tag, as the Self-Service contract declares them (POST /estimates/billing belongs to billing). */
const route = selfServiceRoutes(TAG, 'contactOrSecret', WHO);

export const resource = defineResource({
  family: 'self-service',
  name: 'subscriptions',
  pathParameters: { id: 'DirectoryId' },
  openapi: mergeFragments(subscriptionComponents, deviceComponents, {
    tags: [{ name: TAG, description: "A contact's subscriptions, services and subscription actions." }],
    requestSchemas: [{ name: 'ServiceDeliveryEstimateRequest', schema: serviceDeliveryBody }],
    responseSchemas: [{ name: 'ServiceDeliveryEstimate', schema: serviceDeliveryResponse }],
  }),
  routes: [
    route('POST', '/estimates/service_delivery', estimateServiceDelivery, [ESTIMATE_SERVICE_DELIVERY], {
      operationId: 'estimateServiceDeliverySS',
      summary: 'Estimate a service action',
      description:
        'NEW, UPGRADE, DOWNGRADE, CHANGE, PAUSE, RESUME, CANCEL, REGRET or ACTIVATE: whether it is allowed now (or at scheduled_date), when it would run, the next billing date and what it does to each service; the same rules as the action itself, nothing saved. No billing amounts yet (billing is another domain). The contract declares no security; the facade needs the credentials of the other Subscriptions routes.',
      body: 'ServiceDeliveryEstimateRequest',
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 201, description: 'The estimate.', schema: 'ServiceDeliveryEstimate' },
    }),
    route('GET', '/contacts/:id/services', listContactServices, OPS.listContactServices, {
      operationId: 'listContactServicesSS',
      summary: "List a contact's services",
      query: ['ServiceState', 'SubscriptionIdFilter', ...PAGED],
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'A page of services.', schema: 'ServicePage' },
    }),
    route('POST', '/contacts/:id/services', addContactServicesSelfService, OPS.addContactServicesSelfService, {
      operationId: 'addContactServicesSS',
      summary: 'Add services to a contact',
      description:
        "They join the contact's live subscription, or open a new one; EFFECTIVE at once or DRAFT until scheduled_date. components, devices and pass are not served yet (400).",
      body: 'SelfServiceAddServicesRequest',
      idempotencyKey: true,
      writes: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The services added.', schema: 'AddedServices' },
    }),
    route('GET', '/contacts/:id/subscriptions', listContactSubscriptions, OPS.listContactSubscriptions, {
      operationId: 'listContactSubscriptionsSS',
      summary: "List a contact's subscriptions",
      query: ['SubscriptionState', ...PAGED],
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'A page of subscriptions.', schema: 'SubscriptionPage' },
    }),
    route('GET', '/contacts/:id/subscriptions/actions', listActions(true), OPS.listContactActions, {
      operationId: 'listContactSubscriptionActionsSS',
      summary: "List a contact's subscription actions",
      description: 'Newest first.',
      query: ['ServiceIdFilter', 'SubscriptionIdFilter', 'IsScheduled', 'ActionState', ...PAGED],
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'A page of actions.', schema: 'SubscriptionActionPage' },
    }),
    route('PUT', '/services/:id', changeService, OPS.changeService, {
      operationId: 'changeServiceSS',
      summary: 'Change a service',
      description:
        "ACTIVATE, DEACTIVATE, PAUSE, RESUME, CANCEL, REGRET or CHANGE (to change_to_service), now, at scheduled_date or at the proposed date (use_proposed_date). A transition the service's state does not allow: 409.",
      body: 'ChangeServiceRequest',
      writes: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The action; proposed_date when it is scheduled.', schema: 'SubscriptionActionResult' },
    }),
    route('PUT', '/subscriptions/:id', changeSubscription, OPS.changeSubscription, {
      operationId: 'changeSubscriptionSS',
      summary: 'Change a subscription',
      description: 'CHANGE_BILLING_DAY, CHANGE_PAYMENT_METHOD or CANCEL, now or scheduled.',
      body: 'ChangeSubscriptionRequest',
      writes: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The action; proposed_date when it is scheduled.', schema: 'SubscriptionActionResult' },
    }),
    route('GET', '/services/:id/devices', listServiceDevices, DEVICE_OPS.listServiceDevices, {
      operationId: 'listServiceDevicesSS',
      summary: "List a service's devices",
      description: 'The devices the service was ever enabled on, with its state on each (ENABLED or DISABLED).',
      query: ['DeviceServiceStateFilter', ...DEVICE_LIST_QUERY],
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'A page of devices.', schema: 'ServiceDevicePage' },
    }),
    route('GET', '/subscriptions/actions', listActions(false), OPS.listActions, {
      operationId: 'listSubscriptionActionsSS',
      summary: 'List subscription actions',
      description: 'Of a service, a subscription or a contact (at least one), newest first.',
      query: ['ServiceIdFilter', 'SubscriptionIdFilter', 'ContactIdFilter', 'IsScheduled', 'ActionState', ...PAGED],
      reads: true,
      success: { status: 200, description: 'A page of actions.', schema: 'SubscriptionActionPage' },
    }),
    route('GET', '/subscriptions/actions/:id', getAction, OPS.getAction, {
      operationId: 'getSubscriptionActionSS',
      summary: 'Get a subscription action',
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The action.', schema: 'SubscriptionAction' },
    }),
    route('PUT', '/subscriptions/actions/:id', updateAction, OPS.updateAction, {
      operationId: 'updateSubscriptionActionSS',
      summary: 'Cancel a scheduled subscription action',
      description: 'action CANCEL only (UPDATE and TERMINATE are not served): a SCHEDULED action becomes CANCELLED; otherwise 409.',
      body: 'UpdateSubscriptionActionRequest',
      writes: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The action.', schema: 'IdResult' },
    }),
  ],
});
