import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import { canonicalId, newId } from '@crm/platform/ids';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type Queryable, type RequestContext, type Target } from '@crm/event-bus/kit';
import { DEVICE_AGGREGATE, type SubscriptionStateName } from '@crm/event-bus/contracts/subscriptions';
import { evolveDevice, type DeviceChange, type DeviceState } from '../domain/devices/device';
import { registerDevice, type RegisterDevice } from '../domain/devices/register-device';
import { updateDevice } from '../domain/devices/update-device';
import { removeDevice } from '../domain/devices/remove-device';
import { assignDevice } from '../domain/devices/assign-device';
import { setDeviceService, type DeviceServiceAction } from '../domain/devices/set-device-service';
import { recordMeterReading, type RecordMeterReading } from '../domain/devices/record-meter-reading';
import { deviceStore, pushDeviceOf } from '../persistence/device-store';
import { serviceRowFor } from '../persistence/service-ref';

export const deviceAggregate: AggregateDefinition<DeviceState, DeviceChange> = {
  type: DEVICE_AGGREGATE,
  evolve: evolveDevice,
  store: deviceStore,
  versionConflict: () => new AppError('CONFLICT', 'the device was changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

/** A signed-in contact acts on its own devices only (`owner`); others on the tenant's. */
export type DeviceContext = RequestContext & { owner?: string | null };
export type DeviceResult = CommandResult<DeviceState>;

const MAX_ATTEMPTS = 3;

/**
 * Device commands. Those that read a subscription (assign, enable a service) run in one
 * transaction holding the subscription row FOR SHARE, so a service cannot end between the check
 * and the device's write.
 */
export class DeviceCommands {
  private readonly handler: CommandHandler<DeviceState, DeviceChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    private readonly onCommitted: () => void,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.handler = new CommandHandler(dataSource, registry, deviceAggregate, onCommitted, clock);
  }

  /** Another contact's device reads as missing to a contact. */
  private guard(ctx: DeviceContext, decide: (s: DeviceState | null, now: Date) => DeviceChange[]) {
    const owner = ctx.owner ?? null;
    return (s: DeviceState | null, now: Date) => decide(s && owner !== null && s.contactId !== owner ? null : s, now);
  }

  /** Registers a device; a push registration the contact already has answers with its id (nothing written). */
  async register(ctx: DeviceContext, input: RegisterDevice, idempotencyKey: string | null): Promise<DeviceResult> {
    if (input.kind === 'PUSH' && input.registrationToken) {
      const existing = await pushDeviceOf(this.dataSource.manager, ctx.tenantId, input.contactId, input.registrationToken);
      if (existing)
        return { state: existing, events: [], consistency: { aggregateType: DEVICE_AGGREGATE, aggregateId: existing.id, version: existing.version } };
    }
    return this.handler.run(
      ctx,
      { create: true, id: null },
      (s) => registerDevice(s, input),
      idempotencyKey ? { scope: 'subscriptions.register_device', key: idempotencyKey, request: input } : null,
    );
  }

  update(ctx: DeviceContext, deviceId: string, customFields: RegisterDevice['customFields']): Promise<DeviceResult> {
    return this.handler.run(
      ctx,
      { create: false, ref: deviceId },
      this.guard(ctx, (s) => updateDevice(s, { deviceId, customFields })),
    );
  }

  /**
   * DELETE …/contacts/{id}/devices/{fcm_token}: the contact's live push registration with that
   * token, or with that device id (path segments are bounded, real tokens can be longer).
   */
  async removePush(ctx: DeviceContext, contactId: string, token: string): Promise<DeviceResult> {
    const byToken = await pushDeviceOf(this.dataSource.manager, ctx.tenantId, contactId, token);
    const byId = byToken ? null : await deviceStore.findById(this.dataSource.manager, ctx.tenantId, token);
    const device = byToken ?? (byId && byId.contactId === contactId ? byId : null);
    if (!device) throw AppError.notFound('device', token);
    return this.handler.run(
      ctx,
      { create: false, ref: device.id },
      this.guard(ctx, (s) => removeDevice(s, { deviceId: device.id })),
    );
  }

  recordMeterReading(ctx: DeviceContext, input: Omit<RecordMeterReading, 'readingId' | 'now'>): Promise<{ readingId: string; result: DeviceResult }> {
    const readingId = newId();
    return this.handler
      .run(
        ctx,
        { create: false, ref: input.deviceId },
        this.guard(ctx, (s, now) => recordMeterReading(s, { ...input, readingId, now })),
      )
      .then((result) => ({ readingId, result }));
  }

  /** POST /subscriptions/{id}/devices {device_id}. */
  assign(ctx: DeviceContext, subscriptionId: string, deviceId: string): Promise<DeviceResult> {
    return this.withSubscription(ctx, deviceId, async (q) => {
      const sub = await subscriptionRow(q, ctx.tenantId, subscriptionId);
      if (!sub) throw AppError.notFound('subscription', subscriptionId);
      return (s) => assignDevice(s, { deviceId, subscription: { id: sub.id, contactId: sub.contact_id, state: sub.state } });
    });
  }

  /** POST /services/{id}/devices [{device_id, action}] (one device). */
  setService(ctx: DeviceContext, serviceId: string, deviceId: string, action: DeviceServiceAction): Promise<DeviceResult> {
    return this.withSubscription(ctx, deviceId, async (q) => {
      const found = await serviceRowFor(q, ctx.tenantId, serviceId);
      if (!found) throw AppError.notFound('service', serviceId);
      return (s) => setDeviceService(s, { deviceId, action, service: found });
    });
  }

  private async withSubscription(
    ctx: DeviceContext,
    deviceId: string,
    prepare: (q: Queryable) => Promise<(s: DeviceState | null, now: Date) => DeviceChange[]>,
  ): Promise<DeviceResult> {
    const target: Target = { create: false, ref: deviceId };
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.dataSource.transaction(async (m) => {
          const decide = await prepare(m);
          return this.handler.runIn(m, ctx, target, this.guard(ctx, decide), this.clock());
        });
        if (result.events.length > 0) this.onCommitted();
        return result;
      } catch (err) {
        if (!(err instanceof AppError && err.reason === 'VERSION_CONFLICT' && attempt < MAX_ATTEMPTS)) throw err;
      }
    }
  }
}

async function subscriptionRow(
  q: Queryable,
  tenantId: string,
  ref: string,
): Promise<{ id: string; contact_id: string; state: SubscriptionStateName } | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(`SELECT id, contact_id, state FROM subscriptions WHERE tenant_id = $1 AND id = $2 FOR SHARE`, [tenantId, id])) as {
    id: string;
    contact_id: string;
    state: SubscriptionStateName;
  }[];
  return rows[0] ?? null;
}
