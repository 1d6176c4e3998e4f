import { defineResource, mergeFragments } from '../../kit/resource';
import {
  addContactDevice,
  createMeterReading,
  DEVICE_OPERATIONS as OPS,
  listContactDevices,
  listMeterReadings,
  removeContactDevice,
  updateDevice,
} from '../../domains/devices/handlers';
import { DEVICE_LIST_QUERY, deviceComponents } from '../../domains/devices/openapi';
import { selfServiceRoutes } from '../../domains/subscriptions/openapi';

const TAG = 'Contact Devices';
const WHO = 'As the signed-in contact (api_key + bearer), on its own devices: another contact reads as a 404.';

const route = selfServiceRoutes(TAG, 'selfservice', WHO);

/** The Contact Devices tag: push registrations, physical devices and their meter readings (the subscriptions domain). */
export const resource = defineResource({
  family: 'self-service',
  name: 'contact-devices',
  pathParameters: { id: 'DirectoryId', dev_id: 'DeviceId', fcm_token: 'FcmToken' },
  openapi: mergeFragments(deviceComponents, {
    tags: [
      { name: TAG, description: "A contact's devices: push registrations (platform, registration token) and physical devices with meter readings." },
    ],
  }),
  routes: [
    route('GET', '/contacts/:id/devices', listContactDevices, OPS.listContactDevices, {
      operationId: 'listContactDevicesSS',
      summary: "List a contact's devices",
      description: 'Push registrations and physical devices (with the services enabled on them), newest first.',
      query: ['DeviceSerialNumber', 'DeviceElectronicId', 'DeviceIncludeCustomFields', ...DEVICE_LIST_QUERY],
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'A page of devices.', schema: 'ContactDevicePage' },
    }),
    route('POST', '/contacts/:id/devices', addContactDevice, OPS.addContactDevice, {
      operationId: 'addContactDeviceSS',
      summary: 'Add a device to a contact',
      description:
        'With registration_token and platform: a push registration (the same token again answers with the same device). Otherwise serial_number and product_id: a physical device (serial_number unique per tenant: 409).',
      body: 'AddContactDeviceRequest',
      idempotencyKey: true,
      writes: true,
      notFound: 'RecordNotFound',
      success: { status: 201, description: 'The device.', schema: 'IdResult' },
    }),
    route('GET', '/contacts/:id/devices/:dev_id/meter_readings', listMeterReadings, OPS.listMeterReadings, {
      operationId: 'listDeviceMeterReadingsSS',
      summary: "List a device's meter readings",
      description: 'Newest first. The date_from / date_to filters of the contract are not served (400).',
      query: DEVICE_LIST_QUERY,
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'A page of meter readings.', schema: 'MeterReadingPage' },
    }),
    route('POST', '/contacts/:id/devices/:dev_id/meter_readings', createMeterReading, OPS.createMeterReading, {
      operationId: 'createDeviceMeterReadingSS',
      summary: 'Submit a meter reading',
      description:
        'For a physical device. `reading` is stored exactly as its decimal form (at most 6 decimals, no exponent); `dates` must not be reversed or in the future.',
      body: 'MeterReadingRequest',
      writes: true,
      notFound: 'RecordNotFound',
      success: { status: 201, description: 'The meter reading.', schema: 'IdResult' },
    }),
    route('DELETE', '/contacts/:id/devices/:fcm_token', removeContactDevice, OPS.removeContactDevice, {
      operationId: 'removeContactDeviceSS',
      summary: 'Remove a push registration',
      description:
        'By its registration token (or its device id, for tokens longer than a path segment allows: 100 characters); it no longer receives push messages.',
      writes: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'Removed. No body.' },
    }),
    route('PUT', '/devices/:id', updateDevice, OPS.updateDevice, {
      operationId: 'updateDeviceSS',
      summary: "Update a device's custom fields",
      description: 'custom_fields replaces the list.',
      body: 'UpdateDeviceRequest',
      writes: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The device.', schema: 'IdResult' },
    }),
  ],
});
