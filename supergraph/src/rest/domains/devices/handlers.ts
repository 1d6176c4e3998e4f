import { AppError, type NotFoundSubject } from '@crm/platform/errors';
import { param, sendJson, type Handler, type RestContext } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { isoOfEpochSeconds } from '../../kit/format';
import { boolean, parsePaging, PAGING_PARAMS, type Paging } from '../../kit/paging';
import { canonicalPathId, idempotencyKeyOf, isUuid, queryParams } from '../../kit/request';
import { pathUuid, subscriberContact } from '../subscriptions/handlers';
import { GET_SUBSCRIPTION, SUBSCRIBER_CONTACT } from '../subscriptions/operations';
import { addContactDeviceBody, assignDeviceBody, meterReadingBody, registerDeviceBody, serviceDevicesBody, updateDeviceBody } from './bodies';
import { decimalOfNumber, toContactDevice, toDevice, toMeterReading, toServiceDevice } from './mapper';
import {
  ASSIGN_DEVICE,
  GET_DEVICE,
  GET_SERVICE,
  LIST_DEVICES,
  LIST_METER_READINGS,
  RECORD_METER_READING,
  REGISTER_DEVICE,
  REMOVE_CONTACT_DEVICE,
  SET_SERVICE_DEVICES,
  UPDATE_DEVICE,
  type GqlDevice,
  type GqlDevicePayload,
  type GqlMeterReading,
} from './operations';

// the DEVICE_NOT_FOUND reason is catalogued by subscriptions-read/-write (src/errors.ts)
const DEVICE = 'device' as NotFoundSubject;
const SERVICE = 'service' as NotFoundSubject;
const SUBSCRIPTION = 'subscription' as NotFoundSubject;

type Filter = { contactId?: string; subscriptionId?: string; serviceId?: string; serialNumber?: string; electronicId?: string; kind?: string };
type Payload = GqlDevicePayload & { errors: never[] };

/** `{paging, content}` of one page the read side counted. */
function page(paging: Paging, total: number, content: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = { page: paging.page, size: paging.size };
  if (paging.includeTotal) out['total'] = total;
  out['has_more'] = (paging.page - 1) * paging.size + content.length < total;
  return { paging: out, content };
}

function newestFirstOf(q: Map<string, string>): boolean {
  const order = q.get('order');
  if (order !== undefined && order !== 'ASC' && order !== 'DESC') throw AppError.validation('order', 'must be ASC or DESC', 'INVALID_ENUM');
  const sort = q.get('sort');
  if (sort !== undefined && sort !== 'CREATED_DATE') throw AppError.validation('sort', 'must be CREATED_DATE', 'INVALID_ENUM');
  return order !== 'ASC';
}

async function listDevices(ctx: RestContext, filter: Filter, paging: Paging, newestFirst: boolean): Promise<{ total: number; items: GqlDevice[] }> {
  const data = await ctx.gateway.run(
    LIST_DEVICES,
    {
      contactId: null,
      subscriptionId: null,
      serviceId: null,
      serialNumber: null,
      electronicId: null,
      kind: null,
      ...filter,
      limit: paging.size,
      offset: (paging.page - 1) * paging.size,
      newestFirst,
    },
    snakeCaseFields,
  );
  return data['devices'] as { total: number; items: GqlDevice[] };
}

function idFilter(q: Map<string, string>, name: string): string | undefined {
  const v = q.get(name);
  if (v === undefined) return undefined;
  if (!isUuid(v)) throw AppError.validation(name, 'must be an id (UUID)', 'INVALID_ID');
  return canonicalPathId(v);
}

// ---------- Self-Service: Contact Devices ----------

/** GET /self-service/v2/contacts/{id}/devices (newest first by default). */
export const listContactDevices: Handler = async (ctx) => {
  const q = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'order', 'sort', 'serial_number', 'electronic_id', 'include_custom_fields']);
  const paging = parsePaging(q);
  const newestFirst = newestFirstOf(q);
  const raw = q.get('include_custom_fields');
  const includeCustomFields = raw === undefined ? false : boolean('include_custom_fields', raw);
  const contactId = await subscriberContact(ctx);
  const result = await listDevices(
    ctx,
    { contactId, serialNumber: q.get('serial_number'), electronicId: q.get('electronic_id') },
    paging,
    newestFirst,
  );
  sendJson(
    ctx.res,
    200,
    page(
      paging,
      result.total,
      result.items.map((d) => toContactDevice(d, includeCustomFields)),
    ),
  );
};

/** POST /self-service/v2/contacts/{id}/devices → 201 {id}: a push registration (registration_token) or a physical device (serial_number). */
export const addContactDevice: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const body = validateBody(addContactDeviceBody, await ctx.readBody());
  const contactId = await subscriberContact(ctx);
  const push = body.registration_token != null;
  if (!push && body.serial_number == null)
    throw AppError.validation('registration_token', 'give registration_token (push) or serial_number (a physical device)', 'REQUIRED');
  const payload = await ctx.gateway.mutate<Payload>(
    REGISTER_DEVICE,
    {
      input: {
        contactId,
        kind: push ? 'PUSH' : 'PHYSICAL',
        serialNumber: body.serial_number ?? null,
        electronicId: body.electronic_id ?? null,
        macAddress: body.mac_address ?? null,
        productId: body.product_id ?? null,
        platform: body.platform ?? null,
        registrationToken: body.registration_token ?? null,
        applicationId: body.application_id ?? null,
        customFields: body.custom_fields ?? [],
      },
      idempotencyKey: idempotencyKeyOf(ctx.req),
    },
    'registerDevice',
    snakeCaseFields,
  );
  sendJson(ctx.res, 201, { id: payload.deviceId });
};

/** DELETE /self-service/v2/contacts/{id}/devices/{fcm_token} → 200, no body. */
export const removeContactDevice: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const contactId = await subscriberContact(ctx);
  const token = param(ctx, 'fcm_token');
  await ctx.gateway.mutate<Payload>(REMOVE_CONTACT_DEVICE, { contactId, registrationToken: token }, 'removeContactDevice', snakeCaseFields);
  sendJson(ctx.res, 200, undefined);
};

/** PUT /self-service/v2/devices/{id} {custom_fields} → 200 {id}. */
export const updateDevice: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const id = pathUuid(ctx, 'id', DEVICE);
  const body = validateBody(updateDeviceBody, await ctx.readBody());
  if (body.id !== undefined && (!isUuid(body.id) || canonicalPathId(body.id) !== id))
    throw AppError.validation('id', 'must be the id of the path device', 'INVALID_VALUE');
  const payload = await ctx.gateway.mutate<Payload>(UPDATE_DEVICE, { id, customFields: body.custom_fields ?? [] }, 'updateDevice', snakeCaseFields);
  sendJson(ctx.res, 200, { id: payload.deviceId ?? id });
};

/** The device of the path, which must be the path contact's (404 otherwise). */
async function contactDevice(ctx: RestContext): Promise<{ contactId: string; deviceId: string }> {
  const contactId = await subscriberContact(ctx);
  const deviceId = pathUuid(ctx, 'dev_id', DEVICE);
  const data = await ctx.gateway.run(GET_DEVICE, { id: deviceId }, snakeCaseFields);
  const d = data['device'] as GqlDevice | null;
  if (!d || d.contactId !== contactId) throw recordNotFound(DEVICE, deviceId);
  return { contactId, deviceId };
}

/** GET …/contacts/{id}/devices/{dev_id}/meter_readings (newest first by default). */
export const listMeterReadings: Handler = async (ctx) => {
  const q = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'order', 'sort']);
  const paging = parsePaging(q);
  const newestFirst = newestFirstOf(q);
  const { deviceId } = await contactDevice(ctx);
  const data = await ctx.gateway.run(
    LIST_METER_READINGS,
    { deviceId, limit: paging.size, offset: (paging.page - 1) * paging.size, newestFirst },
    snakeCaseFields,
  );
  const readings = data['deviceMeterReadings'] as { total: number; items: GqlMeterReading[] } | null;
  if (!readings) throw recordNotFound(DEVICE, deviceId);
  sendJson(ctx.res, 200, page(paging, readings.total, readings.items.map(toMeterReading)));
};

/** POST …/contacts/{id}/devices/{dev_id}/meter_readings {reading, dates?} → 201 {id}. */
export const createMeterReading: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const body = validateBody(meterReadingBody, await ctx.readBody());
  const reading = decimalOfNumber(body.reading);
  if (reading === null) throw AppError.validation('reading', 'must be a plain decimal number (no exponent)', 'INVALID_VALUE');
  const { deviceId } = await contactDevice(ctx);
  const payload = await ctx.gateway.mutate<{ readingId: string | null; consistencyToken: string | null; errors: never[] }>(
    RECORD_METER_READING,
    {
      deviceId,
      input: {
        reading,
        from: body.dates?.from === undefined ? null : isoOfEpochSeconds(body.dates.from),
        to: body.dates?.to === undefined ? null : isoOfEpochSeconds(body.dates.to),
      },
    },
    'recordDeviceMeterReading',
    snakeCaseFields,
  );
  sendJson(ctx.res, 201, { id: payload.readingId });
};

// ---------- services/{id}/devices (Self-Service Subscriptions tag and Back-Office) ----------

/** The service of the path (404 when the caller may not see it). */
async function pathService(ctx: RestContext): Promise<{ id: string; subscriptionId: string }> {
  const id = pathUuid(ctx, 'id', SERVICE);
  const data = await ctx.gateway.run(GET_SERVICE, { id }, snakeCaseFields);
  const s = data['service'] as { id: string; subscriptionId: string } | null;
  if (!s) throw recordNotFound(SERVICE, id);
  return s;
}

/** GET …/services/{id}/devices (`state` ENABLED | DISABLED). */
export const listServiceDevices: Handler = async (ctx) => {
  const q = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'order', 'sort', 'state']);
  const paging = parsePaging(q);
  const newestFirst = newestFirstOf(q);
  const state = q.get('state');
  if (state !== undefined && state !== 'ENABLED' && state !== 'DISABLED')
    throw AppError.validation('state', 'must be one of ENABLED, DISABLED', 'INVALID_ENUM');
  const service = await pathService(ctx);
  // every device that ever had the service (a bounded set: the devices of one subscription)
  const all = await listDevices(ctx, { serviceId: service.id }, { page: 1, size: 100, includeTotal: false }, newestFirst);
  const rows = all.items.map((d) => toServiceDevice(d, service.id)).filter((r) => state === undefined || r.state === state);
  const start = (paging.page - 1) * paging.size;
  sendJson(ctx.res, 200, page(paging, rows.length, rows.slice(start, start + paging.size)));
};

/** POST /backoffice/v2/services/{id}/devices {devices: [{device_id, action}]} → 201 {devices: [{id}]}. */
export const setServiceDevices: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const id = pathUuid(ctx, 'id', SERVICE);
  const body = validateBody(serviceDevicesBody, await ctx.readBody());
  body.devices.forEach((d, i) => {
    if (!isUuid(d.device_id)) throw AppError.validation(`devices.${i}.device_id`, 'must be a device id (UUID)', 'INVALID_ID');
  });
  const payload = await ctx.gateway.mutate<{ deviceIds: string[]; consistencyTokens: string[]; consistencyToken: string | null; errors: never[] }>(
    SET_SERVICE_DEVICES,
    { serviceId: id, devices: body.devices.map((d) => ({ deviceId: canonicalPathId(d.device_id), action: d.action })) },
    'setServiceDevices',
    snakeCaseFields,
  );
  for (const token of payload.consistencyTokens) await ctx.gateway.remember(token);
  sendJson(ctx.res, 201, { devices: payload.deviceIds.map((d) => ({ id: d })) });
};

// ---------- Back-Office devices and subscriptions/{id}/devices ----------

/** POST /backoffice/v2/devices → 201 {id}: a physical device of a contact (serial_number unique per tenant: 409). */
export const registerDevice: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const body = validateBody(registerDeviceBody, await ctx.readBody());
  if (!isUuid(body.contact_id)) throw AppError.validation('contact_id', 'must be a contact id (UUID)', 'INVALID_ID');
  const contactId = canonicalPathId(body.contact_id);
  const contact = await ctx.gateway.run(SUBSCRIBER_CONTACT, { id: contactId }, snakeCaseFields);
  if (!contact['contact']) throw AppError.validation('contact_id', 'names no contact of this tenant', 'INVALID_VALUE');
  const payload = await ctx.gateway.mutate<Payload>(
    REGISTER_DEVICE,
    {
      input: {
        contactId,
        kind: 'PHYSICAL',
        serialNumber: body.serial_number,
        electronicId: body.electronic_id ?? null,
        macAddress: body.mac_address ?? null,
        productId: body.product_id,
        platform: null,
        registrationToken: null,
        applicationId: null,
        customFields: body.custom_fields ?? [],
      },
      idempotencyKey: idempotencyKeyOf(ctx.req),
    },
    'registerDevice',
    snakeCaseFields,
  );
  sendJson(ctx.res, 201, { id: payload.deviceId });
};

/** GET /backoffice/v2/devices (contact_id, subscription_id, serial_number, electronic_id, type). */
export const listAllDevices: Handler = async (ctx) => {
  const q = queryParams(ctx.url.searchParams, [
    ...PAGING_PARAMS,
    'order',
    'sort',
    'contact_id',
    'subscription_id',
    'serial_number',
    'electronic_id',
    'type',
  ]);
  const paging = parsePaging(q);
  const newestFirst = newestFirstOf(q);
  const type = q.get('type');
  if (type !== undefined && type !== 'PHYSICAL' && type !== 'PUSH') throw AppError.validation('type', 'must be PHYSICAL or PUSH', 'INVALID_ENUM');
  const result = await listDevices(
    ctx,
    {
      contactId: idFilter(q, 'contact_id'),
      subscriptionId: idFilter(q, 'subscription_id'),
      serialNumber: q.get('serial_number'),
      electronicId: q.get('electronic_id'),
      kind: type,
    },
    paging,
    newestFirst,
  );
  sendJson(ctx.res, 200, page(paging, result.total, result.items.map(toDevice)));
};

export const getDevice: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const id = pathUuid(ctx, 'id', DEVICE);
  const data = await ctx.gateway.run(GET_DEVICE, { id }, snakeCaseFields);
  const d = data['device'] as GqlDevice | null;
  if (!d) throw recordNotFound(DEVICE, id);
  sendJson(ctx.res, 200, toDevice(d));
};

/** GET /backoffice/v2/subscriptions/{id}/devices. */
export const listSubscriptionDevices: Handler = async (ctx) => {
  const q = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'order', 'sort']);
  const paging = parsePaging(q);
  const newestFirst = newestFirstOf(q);
  const id = pathUuid(ctx, 'id', SUBSCRIPTION);
  const sub = await ctx.gateway.run(GET_SUBSCRIPTION, { id }, snakeCaseFields);
  if (!sub['subscription']) throw recordNotFound(SUBSCRIPTION, id);
  const result = await listDevices(ctx, { subscriptionId: id }, paging, newestFirst);
  sendJson(ctx.res, 200, page(paging, result.total, result.items.map(toDevice)));
};

/** POST /backoffice/v2/subscriptions/{id}/devices {device_id} → 201 {id} (the device; assigning it again changes nothing). */
export const assignSubscriptionDevice: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const id = pathUuid(ctx, 'id', SUBSCRIPTION);
  const body = validateBody(assignDeviceBody, await ctx.readBody());
  if (!isUuid(body.device_id)) throw AppError.validation('device_id', 'must be a device id (UUID)', 'INVALID_ID');
  const payload = await ctx.gateway.mutate<Payload>(
    ASSIGN_DEVICE,
    { subscriptionId: id, deviceId: canonicalPathId(body.device_id) },
    'assignDeviceToSubscription',
    snakeCaseFields,
  );
  sendJson(ctx.res, 201, { id: payload.deviceId });
};

export const DEVICE_OPERATIONS = {
  listContactDevices: [SUBSCRIBER_CONTACT, LIST_DEVICES],
  addContactDevice: [SUBSCRIBER_CONTACT, REGISTER_DEVICE],
  removeContactDevice: [SUBSCRIBER_CONTACT, REMOVE_CONTACT_DEVICE],
  updateDevice: [UPDATE_DEVICE],
  listMeterReadings: [SUBSCRIBER_CONTACT, GET_DEVICE, LIST_METER_READINGS],
  createMeterReading: [SUBSCRIBER_CONTACT, GET_DEVICE, RECORD_METER_READING],
  listServiceDevices: [GET_SERVICE, LIST_DEVICES],
  setServiceDevices: [SET_SERVICE_DEVICES],
  registerDevice: [SUBSCRIBER_CONTACT, REGISTER_DEVICE],
  listAllDevices: [LIST_DEVICES],
  getDevice: [GET_DEVICE],
  listSubscriptionDevices: [GET_SUBSCRIPTION, LIST_DEVICES],
  assignSubscriptionDevice: [ASSIGN_DEVICE],
};
