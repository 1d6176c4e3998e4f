import { defineResource, mergeFragments } from '../../kit/resource';
import { DEVICE_OPERATIONS as OPS, getDevice, listAllDevices, registerDevice } from '../../domains/devices/handlers';
import { DEVICE_LIST_QUERY, deviceComponents } from '../../domains/devices/openapi';

export const BO_DEVICES_TAG = 'Back-office devices';

/** Physical devices of contacts (the subscriptions domain). */
export const resource = defineResource({
  family: 'backoffice',
  name: 'devices',
  pathParameters: { id: 'DirectoryId' },
  openapi: mergeFragments(deviceComponents, {
    tags: [
      {
        name: BO_DEVICES_TAG,
        description: "Contacts' devices: physical devices (assigned to subscriptions, services enabled on them) and push registrations.",
      },
    ],
  }),
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/devices',
      handler: registerDevice,
      operations: OPS.registerDevice,
      doc: {
        operationId: 'createDeviceBO',
        summary: 'Register a physical device',
        description:
          "serial_number (unique per tenant: 409), product_id and the contact holding it. Then assign it to one of the contact's subscriptions (POST /subscriptions/{id}/devices) and enable services on it (POST /services/{id}/devices). Needs subscriptions.write.",
        tag: BO_DEVICES_TAG,
        audience: 'backoffice',
        body: 'RegisterDeviceRequest',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'The device.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/devices',
      handler: listAllDevices,
      operations: OPS.listAllDevices,
      doc: {
        operationId: 'listDevicesBO',
        summary: 'List devices',
        description: 'Newest first; removed push registrations are not listed.',
        tag: BO_DEVICES_TAG,
        audience: 'backoffice',
        query: [
          'DeviceContactFilter',
          'DeviceSubscriptionFilter',
          'DeviceSerialNumber',
          'DeviceElectronicId',
          'DeviceTypeFilter',
          ...DEVICE_LIST_QUERY,
        ],
        reads: true,
        success: { status: 200, description: 'A page of devices.', schema: 'DevicePage' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/devices/:id',
      handler: getDevice,
      operations: OPS.getDevice,
      doc: {
        operationId: 'getDeviceBO',
        summary: 'Get a device',
        tag: BO_DEVICES_TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The device.', schema: 'Device' },
      },
    },
  ],
});
