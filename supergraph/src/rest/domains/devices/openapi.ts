import { query } from '../../kit/openapi';
import type { OpenApiFragment } from '../../kit/resource';
import { addContactDeviceBody, assignDeviceBody, meterReadingBody, registerDeviceBody, serviceDevicesBody, updateDeviceBody } from './bodies';
import {
  contactDevicePageResponse,
  devicePageResponse,
  deviceResponse,
  meterReadingPageResponse,
  serviceDevicePageResponse,
  serviceDevicesResultResponse,
} from './schemas';

const pathOf = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', minLength: 1, maxLength: 4096 },
});

/** The components every devices route names (identical in each resource that registers them). */
export const deviceComponents: OpenApiFragment = {
  parameters: {
    DeviceOrder: query(
      'order',
      { type: 'string', enum: ['ASC', 'DESC'], default: 'DESC' },
      'By creation date: DESC (newest first, the default) or ASC.',
    ),
    DeviceSort: query('sort', { type: 'string', enum: ['CREATED_DATE'], default: 'CREATED_DATE' }, 'The only sort served.'),
    DeviceSerialNumber: query('serial_number', { type: 'string', minLength: 1, maxLength: 128 }, 'Only the device with this serial number.'),
    DeviceElectronicId: query('electronic_id', { type: 'string', minLength: 1, maxLength: 128 }, 'Only devices with this electronic id.'),
    DeviceIncludeCustomFields: query('include_custom_fields', { type: 'boolean', default: false }, 'Send custom_fields with each device.'),
    DeviceServiceStateFilter: query('state', { type: 'string', enum: ['ENABLED', 'DISABLED'] }, 'Only devices where the service is in this state.'),
    DeviceContactFilter: query('contact_id', { type: 'string', minLength: 1, maxLength: 64 }, "Only this contact's devices (a UUID)."),
    DeviceSubscriptionFilter: query(
      'subscription_id',
      { type: 'string', minLength: 1, maxLength: 64 },
      'Only devices assigned to this subscription (a UUID).',
    ),
    DeviceTypeFilter: query('type', { type: 'string', enum: ['PHYSICAL', 'PUSH'] }, 'Only physical devices or push registrations.'),
    DeviceId: pathOf('dev_id', 'The device id (a GUID); anything else is a 404.'),
    FcmToken: pathOf('fcm_token', 'The registration token of the push registration to remove.'),
  },
  requestSchemas: [
    { name: 'RegisterDeviceRequest', schema: registerDeviceBody },
    { name: 'AddContactDeviceRequest', schema: addContactDeviceBody },
    { name: 'UpdateDeviceRequest', schema: updateDeviceBody },
    { name: 'MeterReadingRequest', schema: meterReadingBody },
    { name: 'AssignDeviceRequest', schema: assignDeviceBody },
    { name: 'ServiceDevicesRequest', schema: serviceDevicesBody },
  ],
  responseSchemas: [
    { name: 'ContactDevicePage', schema: contactDevicePageResponse },
    { name: 'Device', schema: deviceResponse },
    { name: 'DevicePage', schema: devicePageResponse },
    { name: 'ServiceDevicePage', schema: serviceDevicePageResponse },
    { name: 'MeterReadingPage', schema: meterReadingPageResponse },
    { name: 'ServiceDevicesResult', schema: serviceDevicesResultResponse },
  ],
};

export const DEVICE_LIST_QUERY = ['Page', 'Size', 'IncludeTotal', 'DeviceOrder', 'DeviceSort'];
