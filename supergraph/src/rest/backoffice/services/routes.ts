import { defineResource, mergeFragments } from '../../kit/resource';
import { DEVICE_OPERATIONS as DEVICE_OPS, listServiceDevices, setServiceDevices } from '../../domains/devices/handlers';
import { DEVICE_LIST_QUERY, deviceComponents } from '../../domains/devices/openapi';
import { setUsageAllowance, USAGE_OPERATIONS } from '../../domains/usage/handlers';
import { usageComponents } from '../../domains/usage/openapi';
import { changeService, SUBSCRIPTION_OPERATIONS as OPS } from '../../domains/subscriptions/handlers';
import { backOfficeFragment, BO_TAG } from '../../domains/subscriptions/openapi';

const TAG = BO_TAG;

/** One service: its actions (the service state machine), now or scheduled. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'services',
  pathParameters: { id: 'DirectoryId' },
  openapi: mergeFragments(backOfficeFragment, deviceComponents, usageComponents),
  routes: [
    {
      method: 'PUT',
      path: '/backoffice/v2/services/:id/usage_allowance',
      handler: setUsageAllowance,
      operations: USAGE_OPERATIONS.setUsageAllowance,
      doc: {
        operationId: 'setServiceUsageAllowanceBO',
        summary: "Set a service's usage allowance",
        description:
          'allowances: per usage product, limits per transaction, per day and per billing cycle (exact decimals; absent = no limit). Replaces the list; POST /self-service/v2/estimates/allowance answers from it. Needs subscriptions.write.',
        tag: TAG,
        audience: 'backoffice',
        body: 'UsageAllowanceRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The service.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/services/:id/devices',
      handler: listServiceDevices,
      operations: DEVICE_OPS.listServiceDevices,
      doc: {
        operationId: 'listServiceDevicesBO',
        summary: "List a service's devices",
        description: 'The devices the service was ever enabled on, ENABLED or DISABLED. Needs subscriptions.read.',
        tag: TAG,
        audience: 'backoffice',
        query: ['DeviceServiceStateFilter', ...DEVICE_LIST_QUERY],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'A page of devices with the service state on each.', schema: 'ServiceDevicePage' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/services/:id/devices',
      handler: setServiceDevices,
      operations: DEVICE_OPS.setServiceDevices,
      doc: {
        operationId: 'updateServiceDevicesBO',
        summary: 'Enable or disable a service on devices',
        description:
          "devices: [{device_id, action: ENABLE | DISABLE}] (flow 20's list, in an object). Each device must be assigned to the service's subscription (409 DEVICE_NOT_IN_SUBSCRIPTION); an ended service cannot be enabled (409 SERVICE_TERMINATED); asking for the state a device already has changes nothing. Devices are changed in order, each its own write: a refusal stops at that device. Needs subscriptions.write.",
        tag: TAG,
        audience: 'backoffice',
        body: 'ServiceDevicesRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'The devices changed (or already in that state).', schema: 'ServiceDevicesResult' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/services/:id',
      handler: changeService,
      operations: OPS.changeService,
      doc: {
        operationId: 'updateServiceBO',
        summary: 'Change a service',
        description:
          "ACTIVATE, DEACTIVATE, PAUSE, RESUME, CANCEL, REGRET (inside 14 days of the first activation) or CHANGE (to change_to_service: the service is SWAPPED for a new one). Now, at scheduled_date or at the engine's proposed date (use_proposed_date: the subscription's next billing date). A transition the service state does not allow: 409 naming the reason. Needs subscriptions.write.",
        tag: TAG,
        audience: 'backoffice',
        body: 'ChangeServiceRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The action; proposed_date when it is scheduled.', schema: 'SubscriptionActionResult' },
      },
    },
  ],
});
