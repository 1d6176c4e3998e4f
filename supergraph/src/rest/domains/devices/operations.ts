import { op, USER_ERROR_FIELDS } from '../../kit/operation';

const DEVICE_FIELDS = `id contactId kind serialNumber electronicId macAddress productId platform registrationToken applicationId customFields { key value } subscriptionId services { serviceId state serviceState productId updatedAt } meterReadingCount createdAt updatedAt`;
const DEVICE_PAYLOAD = `deviceId consistencyToken ${USER_ERROR_FIELDS}`;

export const LIST_DEVICES = op(
  'query',
  'RestListDevices',
  `query RestListDevices($contactId: ID, $subscriptionId: ID, $serviceId: ID, $serialNumber: String, $electronicId: String, $kind: String, $limit: Int!, $offset: Int!, $newestFirst: Boolean!) { devices(contactId: $contactId, subscriptionId: $subscriptionId, serviceId: $serviceId, serialNumber: $serialNumber, electronicId: $electronicId, kind: $kind, limit: $limit, offset: $offset, newestFirst: $newestFirst) { total items { ${DEVICE_FIELDS} } } }`,
);

export const GET_DEVICE = op('query', 'RestGetDevice', `query RestGetDevice($id: ID!) { device(id: $id) { ${DEVICE_FIELDS} } }`);

export const LIST_METER_READINGS = op(
  'query',
  'RestListMeterReadings',
  `query RestListMeterReadings($deviceId: ID!, $limit: Int!, $offset: Int!, $newestFirst: Boolean!) { deviceMeterReadings(deviceId: $deviceId, limit: $limit, offset: $offset, newestFirst: $newestFirst) { total items { id reading from to submittedByType submittedById createdAt } } }`,
);

/** The service of a path (its subscription, for a contact only its own). */
export const GET_SERVICE = op('query', 'RestDeviceService', `query RestDeviceService($id: ID!) { service(id: $id) { id subscriptionId contactId } }`);

export const REGISTER_DEVICE = op(
  'mutation',
  'RestRegisterDevice',
  `mutation RestRegisterDevice($input: RegisterDeviceInput!, $idempotencyKey: String) { registerDevice(input: $input, idempotencyKey: $idempotencyKey) { ${DEVICE_PAYLOAD} } }`,
);

export const UPDATE_DEVICE = op(
  'mutation',
  'RestUpdateDevice',
  `mutation RestUpdateDevice($id: ID!, $customFields: [DeviceCustomFieldInput!]!) { updateDevice(id: $id, customFields: $customFields) { ${DEVICE_PAYLOAD} } }`,
);

export const REMOVE_CONTACT_DEVICE = op(
  'mutation',
  'RestRemoveContactDevice',
  `mutation RestRemoveContactDevice($contactId: ID!, $registrationToken: String!) { removeContactDevice(contactId: $contactId, registrationToken: $registrationToken) { ${DEVICE_PAYLOAD} } }`,
);

export const RECORD_METER_READING = op(
  'mutation',
  'RestRecordMeterReading',
  `mutation RestRecordMeterReading($deviceId: ID!, $input: MeterReadingInput!) { recordDeviceMeterReading(deviceId: $deviceId, input: $input) { readingId deviceId consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const ASSIGN_DEVICE = op(
  'mutation',
  'RestAssignDevice',
  `mutation RestAssignDevice($subscriptionId: ID!, $deviceId: ID!) { assignDeviceToSubscription(subscriptionId: $subscriptionId, deviceId: $deviceId) { ${DEVICE_PAYLOAD} } }`,
);

export const SET_SERVICE_DEVICES = op(
  'mutation',
  'RestSetServiceDevices',
  `mutation RestSetServiceDevices($serviceId: ID!, $devices: [ServiceDeviceInput!]!) { setServiceDevices(serviceId: $serviceId, devices: $devices) { deviceIds consistencyTokens ${USER_ERROR_FIELDS} } }`,
);

export interface GqlDevice {
  id: string;
  contactId: string;
  kind: 'PHYSICAL' | 'PUSH';
  serialNumber: string | null;
  electronicId: string | null;
  macAddress: string | null;
  productId: string | null;
  platform: string | null;
  registrationToken: string | null;
  applicationId: string | null;
  customFields: { key: string; value: string }[];
  subscriptionId: string | null;
  services: { serviceId: string; state: 'ENABLED' | 'DISABLED'; serviceState: string | null; productId: string | null; updatedAt: string }[];
  meterReadingCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface GqlMeterReading {
  id: string;
  reading: string;
  from: string | null;
  to: string | null;
  submittedByType: string;
  submittedById: string;
  createdAt: string;
}

export interface GqlDevicePayload {
  deviceId: string | null;
  consistencyToken: string | null;
}
