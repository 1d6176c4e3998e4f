import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import { claimIdempotencyKey, hashRequest } from '@crm/platform/db';
import { newId } from '@crm/platform/ids';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { USAGE_ALLOWANCE_AGGREGATE, USAGE_RECORD_AGGREGATE } from '@crm/event-bus/contracts/subscriptions';
import {
  evolveUsageAllowance,
  evolveUsageRecord,
  type UsageAllowanceChange,
  type UsageAllowanceState,
  type UsageRecordChange,
  type UsageRecordState,
} from '../domain/usage/usage';
import { postUsageRecord, type PostUsageRecord } from '../domain/usage/post-usage-record';
import { setUsageAllowance, type SetUsageAllowance } from '../domain/usage/set-usage-allowance';
import { usageStore } from '../persistence/usage-store';
import { serviceRowFor } from '../persistence/service-ref';

const conflict = () => new AppError('CONFLICT', 'changed by another request; retry', { reason: 'VERSION_CONFLICT' });
const recordAggregate: AggregateDefinition<UsageRecordState, UsageRecordChange> = {
  type: USAGE_RECORD_AGGREGATE,
  evolve: evolveUsageRecord,
  store: usageStore<UsageRecordState>(USAGE_RECORD_AGGREGATE),
  versionConflict: conflict,
};
const allowanceAggregate: AggregateDefinition<UsageAllowanceState, UsageAllowanceChange> = {
  type: USAGE_ALLOWANCE_AGGREGATE,
  evolve: evolveUsageAllowance,
  store: usageStore<UsageAllowanceState>(USAGE_ALLOWANCE_AGGREGATE),
  versionConflict: conflict,
};

const MAX_ATTEMPTS = 3;

export interface PostedUsage {
  id: string;
  consistency: CommandResult<UsageRecordState>['consistency'] | null;
}

/**
 * Usage commands: each runs in one transaction holding the service's subscription row FOR SHARE
 * (the service cannot stop being EFFECTIVE between the check and the write). A usage record
 * posted with an idempotency key is posted once: a retry with the same key answers the first id.
 */
export class UsageCommands {
  private readonly records: CommandHandler<UsageRecordState, UsageRecordChange>;
  private readonly allowances: CommandHandler<UsageAllowanceState, UsageAllowanceChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    private readonly onCommitted: () => void,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.records = new CommandHandler(dataSource, registry, recordAggregate, onCommitted, clock);
    this.allowances = new CommandHandler(dataSource, registry, allowanceAggregate, onCommitted, clock);
  }

  async postRecord(
    ctx: RequestContext,
    serviceId: string,
    input: Omit<PostUsageRecord, 'service' | 'now'>,
    idempotencyKey: string | null,
  ): Promise<PostedUsage> {
    const id = newId();
    const { answer, wrote } = await this.dataSource.transaction(async (m) => {
      if (idempotencyKey) {
        const request = { serviceId, ...input, usageTimestamp: input.usageTimestamp.toISOString() };
        const claimed = await claimIdempotencyKey<PostedUsage>(m, ctx.tenantId, 'subscriptions.post_usage', idempotencyKey, hashRequest(request));
        if (claimed) return { answer: claimed.replay, wrote: false };
      }
      const service = await serviceRowFor(m, ctx.tenantId, serviceId);
      if (!service) throw AppError.notFound('service', serviceId);
      const now = this.clock();
      const result = await this.records.runIn(m, ctx, { create: true, id }, (s) => postUsageRecord(s, { ...input, service, now }), now);
      const answer: PostedUsage = { id: result.state.id, consistency: result.consistency };
      if (idempotencyKey)
        await m.query(`UPDATE idempotency_keys SET result = $4::jsonb WHERE tenant_id = $1 AND scope = $2 AND key = $3`, [
          ctx.tenantId,
          'subscriptions.post_usage',
          idempotencyKey,
          JSON.stringify(answer),
        ]);
      return { answer, wrote: true };
    });
    if (wrote) this.onCommitted();
    return answer;
  }

  /** The service's allowance aggregate has the service's id. */
  async setAllowance(
    ctx: RequestContext,
    serviceId: string,
    allowances: SetUsageAllowance['allowances'],
  ): Promise<CommandResult<UsageAllowanceState>> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.dataSource.transaction(async (m) => {
          const service = await serviceRowFor(m, ctx.tenantId, serviceId);
          if (!service) throw AppError.notFound('service', serviceId);
          const exists = await allowanceAggregate.store.findById(m, ctx.tenantId, service.id);
          const now = this.clock();
          const decide = (s: UsageAllowanceState | null) => setUsageAllowance(s, { service, allowances });
          return this.allowances.runIn(m, ctx, exists ? { create: false, ref: service.id } : { create: true, id: service.id }, decide, now);
        });
        if (result.events.length > 0) this.onCommitted();
        return result;
      } catch (err) {
        if (!(err instanceof AppError && err.reason === 'VERSION_CONFLICT' && attempt < MAX_ATTEMPTS)) throw err;
      }
    }
  }
}
