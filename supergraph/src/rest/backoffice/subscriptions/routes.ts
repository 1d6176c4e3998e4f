import { defineResource, mergeFragments } from '../../kit/resource';
import { assignSubscriptionDevice, DEVICE_OPERATIONS as DEVICE_OPS, listSubscriptionDevices } from '../../domains/devices/handlers';
import { DEVICE_LIST_QUERY, deviceComponents } from '../../domains/devices/openapi';
import {
  changeSubscription,
  getAction,
  getSubscription,
  listActions,
  listAllSubscriptions,
  SUBSCRIPTION_OPERATIONS as OPS,
  updateAction,
} from '../../domains/subscriptions/handlers';
import { backOfficeFragment, BO_TAG, PAGED } from '../../domains/subscriptions/openapi';

const TAG = BO_TAG;

/** Subscriptions of the business: list, read, change (now or scheduled), and their actions. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'subscriptions',
  pathParameters: { id: 'DirectoryId' },
  openapi: mergeFragments(backOfficeFragment, deviceComponents),
  routes: [
    {
      method: 'GET',
      path: '/backoffice/v2/subscriptions/:id/devices',
      handler: listSubscriptionDevices,
      operations: DEVICE_OPS.listSubscriptionDevices,
      doc: {
        operationId: 'listSubscriptionDevicesBO',
        summary: "List a subscription's devices",
        description: 'The physical devices assigned to it, with the services enabled on each; newest first. Needs subscriptions.read.',
        tag: TAG,
        audience: 'backoffice',
        query: DEVICE_LIST_QUERY,
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'A page of devices.', schema: 'DevicePage' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/subscriptions/:id/devices',
      handler: assignSubscriptionDevice,
      operations: DEVICE_OPS.assignSubscriptionDevice,
      doc: {
        operationId: 'addSubscriptionDeviceBO',
        summary: 'Assign a device to a subscription',
        description:
          "A physical device of the subscription's contact (another contact's: 409 DEVICE_CONTACT_MISMATCH); assigning it again changes nothing; moving it from another subscription needs its services disabled first (409). Needs subscriptions.write.",
        tag: TAG,
        audience: 'backoffice',
        body: 'AssignDeviceRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'The device.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/subscriptions',
      handler: listAllSubscriptions,
      operations: OPS.listAllSubscriptions,
      doc: {
        operationId: 'listSubscriptionsBO',
        summary: 'List subscriptions',
        description: 'Oldest first; needs subscriptions.read.',
        tag: TAG,
        audience: 'backoffice',
        query: ['ContactIdFilter', 'SubscriptionState', ...PAGED],
        reads: true,
        success: { status: 200, description: 'A page of subscriptions.', schema: 'SubscriptionPage' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/subscriptions/:id',
      handler: getSubscription,
      operations: OPS.getSubscription,
      doc: {
        operationId: 'getSubscriptionBO',
        summary: 'Get a subscription',
        description: 'Needs subscriptions.read.',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The subscription.', schema: 'Subscription' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/subscriptions/:id',
      handler: changeSubscription,
      operations: OPS.changeSubscription,
      doc: {
        operationId: 'updateSubscriptionBO',
        summary: 'Change a subscription',
        description:
          "CHANGE_BILLING_DAY, CHANGE_PAYMENT_METHOD or CANCEL (every live service cancelled, drafts removed: the subscription churns). Now, at scheduled_date, or at the engine's proposed date (use_proposed_date: the next billing date). Needs subscriptions.write. A refused change (e.g. a service in contract): 409.",
        tag: TAG,
        audience: 'backoffice',
        body: 'ChangeSubscriptionRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The action; proposed_date when it is scheduled.', schema: 'SubscriptionActionResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/subscriptions/actions',
      handler: listActions(false),
      operations: OPS.listActions,
      doc: {
        operationId: 'listSubscriptionActionsBO',
        summary: 'List subscription actions',
        description: 'Of a service, a subscription or a contact (at least one), newest first. Needs subscriptions.read.',
        tag: TAG,
        audience: 'backoffice',
        query: ['ServiceIdFilter', 'SubscriptionIdFilter', 'ContactIdFilter', 'IsScheduled', 'ActionState', ...PAGED],
        reads: true,
        success: { status: 200, description: 'A page of actions.', schema: 'SubscriptionActionPage' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/subscriptions/actions/:id',
      handler: getAction,
      operations: OPS.getAction,
      doc: {
        operationId: 'getSubscriptionActionBO',
        summary: 'Get a subscription action',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The action.', schema: 'SubscriptionAction' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/subscriptions/actions/:id',
      handler: updateAction,
      operations: OPS.updateAction,
      doc: {
        operationId: 'updateSubscriptionActionBO',
        summary: 'Cancel a scheduled subscription action',
        description: 'action CANCEL: a SCHEDULED action becomes CANCELLED (it will not run); any other state: 409. Needs subscriptions.write.',
        tag: TAG,
        audience: 'backoffice',
        body: 'UpdateSubscriptionActionRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The action.', schema: 'IdResult' },
      },
    },
  ],
});
