import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import { assertOwnContact, SELF } from '@crm/platform/auth';
import { asPayload, formatConsistencyToken, UserError, type SubgraphContext } from '@crm/platform/graphql';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import { DEVICE_KINDS, DEVICE_PLATFORMS } from '@crm/event-bus/contracts/subscriptions';
import type { DeviceCommands, DeviceContext, DeviceResult } from '../application/device-commands';
import { DEVICE_SERVICE_ACTIONS } from '../domain/devices/set-device-service';
import type { RegisterDevice } from '../domain/devices/register-device';
import { DeviceCustomFieldInput, MeterReadingInput, RegisterDeviceInput, ServiceDeviceInput } from './device-inputs';

@ObjectType({ description: 'Result of a device command.' })
export class DevicePayload {
  @Field(() => ID, { nullable: true }) deviceId: string | null;
  @Field(() => String, { nullable: true, description: 'Send as `x-consistency-token` with a later query to read at least this write.' })
  consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType({ description: 'Result of recording a meter reading.' })
export class MeterReadingPayload {
  @Field(() => ID, { nullable: true }) readingId: string | null;
  @Field(() => ID, { nullable: true }) deviceId: string | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType({ description: 'Result of enabling or disabling a service on devices.' })
export class ServiceDevicesPayload {
  @Field(() => [ID]) deviceIds: string[];
  @Field(() => [String], { description: 'One per device changed.' }) consistencyTokens: string[];
  @Field(() => [UserError]) errors: UserError[];
}

const MAX_TEXT = { serialNumber: 128, electronicId: 128, macAddress: 64, productId: 64, registrationToken: 4096, applicationId: 64 } as const;
export const MAX_DEVICES_PER_CALL = 50;

function oneOf<T extends string>(values: readonly T[], field: string, value: string): T {
  if (!(values as readonly string[]).includes(value)) throw AppError.validation(field, `must be one of ${values.join(', ')}`, 'INVALID_ENUM');
  return value as T;
}

function textOf(field: keyof typeof MAX_TEXT, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value.length < 1 || value.length > MAX_TEXT[field])
    throw AppError.validation(field, `must be 1 to ${MAX_TEXT[field]} characters`, 'INVALID_LENGTH');
  return value;
}

function customFieldsOf(fields: DeviceCustomFieldInput[] | null | undefined): RegisterDevice['customFields'] {
  return (fields ?? []).map((f, i) => {
    if (f.key.length < 1 || f.key.length > 64) throw AppError.validation(`customFields[${i}].key`, 'must be 1 to 64 characters', 'INVALID_LENGTH');
    if (f.value.length > 1024) throw AppError.validation(`customFields[${i}].value`, 'must be at most 1024 characters', 'INVALID_LENGTH');
    return { key: f.key, value: f.value };
  });
}

function uuidOf(field: string, value: string): string {
  const id = canonicalId(value);
  if (!id) throw AppError.validation(field, 'must be a UUID', 'INVALID_ID');
  return id;
}

const requestOf = (ctx: SubgraphContext): DeviceContext => ({
  tenantId: ctx.principal.tenantId,
  correlationId: ctx.correlationId,
  actor: { kind: ctx.principal.kind, id: ctx.principal.subjectId },
  owner: ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null,
});

const payloadOf = (r: DeviceResult): DevicePayload => ({
  deviceId: r.state.id,
  consistencyToken: formatConsistencyToken(r.consistency),
  errors: [],
});
const emptyDevice = (): DevicePayload => ({ deviceId: null, consistencyToken: null, errors: [] });

@Resolver()
export class DeviceMutationsResolver {
  constructor(private readonly commands: DeviceCommands) {}

  @Authorized(['subscriptions.write', SELF])
  @Mutation(() => DevicePayload, {
    description:
      "Registers a contact's device: PHYSICAL (serialNumber unique per tenant, productId) or PUSH (platform, registrationToken; registering the same token again answers with the same device).",
  })
  registerDevice(
    @Arg('input', () => RegisterDeviceInput) input: RegisterDeviceInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DevicePayload> {
    return asPayload<DevicePayload>(async () => {
      const contactId = uuidOf('contactId', input.contactId);
      const cmd: RegisterDevice = {
        contactId,
        kind: oneOf(DEVICE_KINDS, 'kind', input.kind),
        serialNumber: textOf('serialNumber', input.serialNumber),
        electronicId: textOf('electronicId', input.electronicId),
        macAddress: textOf('macAddress', input.macAddress),
        productId: textOf('productId', input.productId),
        platform: input.platform == null ? null : oneOf(DEVICE_PLATFORMS, 'platform', input.platform),
        registrationToken: textOf('registrationToken', input.registrationToken),
        applicationId: textOf('applicationId', input.applicationId),
        customFields: customFieldsOf(input.customFields),
      };
      assertOwnContact(ctx.principal, contactId);
      return payloadOf(await this.commands.register(requestOf(ctx), cmd, idempotencyKey));
    }, emptyDevice);
  }

  @Authorized(['subscriptions.write', SELF])
  @Mutation(() => DevicePayload, { description: "Replaces a device's custom fields." })
  updateDevice(
    @Arg('id', () => ID) id: string,
    @Arg('customFields', () => [DeviceCustomFieldInput]) customFields: DeviceCustomFieldInput[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<DevicePayload> {
    return asPayload<DevicePayload>(async () => {
      const deviceId = canonicalId(id);
      if (!deviceId) throw AppError.notFound('device', id);
      return payloadOf(await this.commands.update(requestOf(ctx), deviceId, customFieldsOf(customFields)));
    }, emptyDevice);
  }

  @Authorized(['subscriptions.write', SELF])
  @Mutation(() => DevicePayload, { description: "Removes the contact's push registration with this registration token." })
  removeContactDevice(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('registrationToken', () => String) registrationToken: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DevicePayload> {
    return asPayload<DevicePayload>(async () => {
      const contact = canonicalId(contactId);
      if (!contact) throw AppError.notFound('contact', contactId);
      assertOwnContact(ctx.principal, contact);
      return payloadOf(await this.commands.removePush(requestOf(ctx), contact, registrationToken));
    }, emptyDevice);
  }

  @Authorized(['subscriptions.write', SELF])
  @Mutation(() => MeterReadingPayload, { description: 'Records a meter reading of a physical device (an exact decimal string).' })
  recordDeviceMeterReading(
    @Arg('deviceId', () => ID) deviceId: string,
    @Arg('input', () => MeterReadingInput) input: MeterReadingInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<MeterReadingPayload> {
    return asPayload<MeterReadingPayload>(
      async () => {
        const id = canonicalId(deviceId);
        if (!id) throw AppError.notFound('device', deviceId);
        const p = ctx.principal;
        const submittedBy = {
          type: p.kind === 'contact' ? 'CONTACT' : p.kind === 'user' ? 'USER' : 'API_KEY',
          id: p.subjectId ?? 'unknown',
        } as const;
        const { readingId, result } = await this.commands.recordMeterReading(requestOf(ctx), {
          deviceId: id,
          reading: input.reading,
          from: input.from ?? null,
          to: input.to ?? null,
          submittedBy,
        });
        return { readingId, deviceId: id, consistencyToken: formatConsistencyToken(result.consistency), errors: [] };
      },
      () => ({ readingId: null, deviceId: null, consistencyToken: null, errors: [] }),
    );
  }

  @Authorized(['subscriptions.write'])
  @Mutation(() => DevicePayload, { description: "Assigns a physical device to one of its contact's subscriptions." })
  assignDeviceToSubscription(
    @Arg('subscriptionId', () => ID) subscriptionId: string,
    @Arg('deviceId', () => ID) deviceId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DevicePayload> {
    return asPayload<DevicePayload>(async () => {
      const sub = canonicalId(subscriptionId);
      if (!sub) throw AppError.notFound('subscription', subscriptionId);
      return payloadOf(await this.commands.assign(requestOf(ctx), sub, uuidOf('deviceId', deviceId)));
    }, emptyDevice);
  }

  @Authorized(['subscriptions.write'])
  @Mutation(() => ServiceDevicesPayload, {
    description:
      "Enables or disables a service on devices assigned to the service's subscription, in order; each device is its own write (a refusal stops at that device).",
  })
  setServiceDevices(
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('devices', () => [ServiceDeviceInput]) devices: ServiceDeviceInput[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<ServiceDevicesPayload> {
    return asPayload<ServiceDevicesPayload>(
      async () => {
        const service = canonicalId(serviceId);
        if (!service) throw AppError.notFound('service', serviceId);
        if (devices.length < 1 || devices.length > MAX_DEVICES_PER_CALL)
          throw AppError.validation('devices', `must name 1 to ${MAX_DEVICES_PER_CALL} devices`, 'INVALID_VALUE');
        const asked = devices.map((d, i) => ({
          deviceId: uuidOf(`devices[${i}].deviceId`, d.deviceId),
          action: oneOf(DEVICE_SERVICE_ACTIONS, `devices[${i}].action`, d.action),
        }));
        const out: ServiceDevicesPayload = { deviceIds: [], consistencyTokens: [], errors: [] };
        for (const d of asked) {
          const r = await this.commands.setService(requestOf(ctx), service, d.deviceId, d.action);
          out.deviceIds.push(r.state.id);
          out.consistencyTokens.push(formatConsistencyToken(r.consistency));
        }
        return out;
      },
      () => ({ deviceIds: [], consistencyTokens: [], errors: [] }),
    );
  }
}
