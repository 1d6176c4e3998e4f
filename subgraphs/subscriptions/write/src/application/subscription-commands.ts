import type { DataSource, EntityManager } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import { claimIdempotencyKey, hashRequest } from '@crm/platform/db';
import { newId } from '@crm/platform/ids';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext, type Target } from '@crm/event-bus/kit';
import { SUBSCRIPTION_AGGREGATE } from '@crm/event-bus/contracts/subscriptions';
import { evolve, type SubscriptionChange, type SubscriptionState } from '../domain/subscription';
import { addServices, type AddServices, type NewService } from '../domain/add-services';
import { changeService, type ChangeService } from '../domain/change-service';
import { changeSubscription, type ChangeSubscription } from '../domain/change-subscription';
import { executeAction } from '../domain/execute-action';
import { cancelAction } from '../domain/cancel-action';
import { liveSubscriptionOf, subscriptionIdOfAction, subscriptionIdOfService, subscriptionStore } from '../persistence/subscription-store';
import { syncActionQueue } from '../persistence/action-queue';

/** The subscription aggregate, as the platform's command handler runs it. */
export const subscriptionAggregate: AggregateDefinition<SubscriptionState, SubscriptionChange> = {
  type: SUBSCRIPTION_AGGREGATE,
  evolve,
  store: subscriptionStore,
  versionConflict: () => new AppError('CONFLICT', 'the subscription was changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

const MAX_ATTEMPTS = 3;

export interface AddServicesResult {
  subscriptionId: string;
  serviceIds: string[];
  consistency: CommandResult<SubscriptionState>['consistency'] | null;
}

export interface ActionResult {
  actionId: string;
  subscriptionId: string;
  /** Set when the action was scheduled (the given date or the proposed one). */
  scheduledDate: Date | null;
  consistency: CommandResult<SubscriptionState>['consistency'];
}

type NewServiceInput = Omit<NewService, 'serviceId' | 'actionId' | 'activateActionId'>;
type Idem = { scope: string; key: string; request: unknown } | null;

/**
 * Subscription commands. Each runs in one transaction: the kit's command handler (load → decide →
 * save state + outbox in one statement) and, beside it, the scheduler's queue rows for the
 * actions the events schedule or settle, so a scheduled action and its queue row commit together.
 */
export class SubscriptionCommands {
  private readonly handler: CommandHandler<SubscriptionState, SubscriptionChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    private readonly onCommitted: () => void,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.handler = new CommandHandler(dataSource, registry, subscriptionAggregate, onCommitted, clock);
  }

  private async inTransaction<R>(
    ctx: RequestContext,
    idem: Idem,
    work: (m: EntityManager, now: Date) => Promise<{ result: CommandResult<SubscriptionState>; answer: R }>,
  ): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      try {
        const { answer, wrote } = await this.dataSource.transaction(async (m) => {
          if (idem) {
            const claimed = await claimIdempotencyKey<R>(m, ctx.tenantId, idem.scope, idem.key, hashRequest(idem.request));
            if (claimed) return { answer: claimed.replay, wrote: false };
          }
          const { result, answer } = await work(m, this.clock());
          await syncActionQueue(m, ctx.tenantId, result);
          if (idem)
            await m.query(`UPDATE idempotency_keys SET result = $4::jsonb WHERE tenant_id = $1 AND scope = $2 AND key = $3`, [
              ctx.tenantId,
              idem.scope,
              idem.key,
              JSON.stringify(answer),
            ]);
          return { answer, wrote: result.events.length > 0 };
        });
        if (wrote) this.onCommitted();
        return answer;
      } catch (err) {
        if (!(err instanceof AppError && err.reason === 'VERSION_CONFLICT' && attempt < MAX_ATTEMPTS)) throw err;
      }
    }
  }

  /** Runs a decider; for a contact (`owner`) a subscription of another contact reads as missing (the decider's NOT_FOUND). */
  private run(
    m: EntityManager,
    ctx: RequestContext & { owner?: string | null },
    target: Target,
    decide: (s: SubscriptionState | null) => SubscriptionChange[],
    now: Date,
  ) {
    const owner = ctx.owner ?? null;
    return this.handler.runIn(m, ctx, target, (s) => decide(s && owner !== null && s.contactId !== owner ? null : s), now);
  }

  /** POST /contacts/{id}/services: joins the contact's live subscription for the account, or opens one. */
  addServices(
    ctx: RequestContext,
    input: Omit<AddServices, 'services' | 'now'> & { services: NewServiceInput[] },
    idempotencyKey: string | null,
  ): Promise<AddServicesResult> {
    const services = input.services.map((s) => ({ ...s, serviceId: newId(), actionId: newId(), activateActionId: newId() }));
    const idem = idempotencyKey ? { scope: 'subscriptions.add_services', key: idempotencyKey, request: input } : null;
    return this.inTransaction(ctx, idem, async (m, now) => {
      const live = await liveSubscriptionOf(m, ctx.tenantId, input.contactId, input.accountId);
      const target: Target = live ? { create: false, ref: live.id } : { create: true, id: newId() };
      const result = await this.run(m, ctx, target, (s) => addServices(s, { ...input, services, now }), now);
      return { result, answer: { subscriptionId: result.state.id, serviceIds: services.map((s) => s.serviceId), consistency: result.consistency } };
    });
  }

  /** PUT /services/{id}. */
  changeService(
    ctx: RequestContext,
    input: Omit<ChangeService, 'actionId' | 'now' | 'changeTo'> & { changeTo: Omit<NonNullable<ChangeService['changeTo']>, 'serviceId'> | null },
  ): Promise<ActionResult> {
    const actionId = newId();
    const changeTo = input.changeTo ? { ...input.changeTo, serviceId: newId() } : null;
    return this.inTransaction(ctx, null, async (m, now) => {
      const subscriptionId = await subscriptionIdOfService(m, ctx.tenantId, input.serviceId);
      if (!subscriptionId) throw AppError.notFound('service', input.serviceId);
      const result = await this.run(
        m,
        ctx,
        { create: false, ref: subscriptionId },
        (s) => changeService(s, { ...input, changeTo, actionId, now }),
        now,
      );
      return { result, answer: actionResultOf(result, actionId) };
    });
  }

  /** PUT /subscriptions/{id}. */
  changeSubscription(ctx: RequestContext, input: Omit<ChangeSubscription, 'actionId' | 'now'>): Promise<ActionResult> {
    const actionId = newId();
    return this.inTransaction(ctx, null, async (m, now) => {
      const result = await this.run(
        m,
        ctx,
        { create: false, ref: input.subscriptionId },
        (s) => changeSubscription(s, { ...input, actionId, now }),
        now,
      );
      return { result, answer: actionResultOf(result, actionId) };
    });
  }

  /** PUT /subscriptions/actions/{id} {action: CANCEL}. */
  cancelAction(ctx: RequestContext, actionId: string): Promise<ActionResult> {
    return this.inTransaction(ctx, null, async (m, now) => {
      const subscriptionId = await subscriptionIdOfAction(m, ctx.tenantId, actionId);
      if (!subscriptionId) throw AppError.notFound('subscription action', actionId);
      const result = await this.run(m, ctx, { create: false, ref: subscriptionId }, (s) => cancelAction(s, { actionId }), now);
      return { result, answer: actionResultOf(result, actionId) };
    });
  }

  /**
   * The scheduler's call: runs one claimed action if due. Returns false when it was not due by
   * this process's clock (the claim is released); true otherwise, including "already settled".
   */
  executeScheduled(ctx: RequestContext, subscriptionId: string, actionId: string): Promise<boolean> {
    return this.inTransaction(ctx, null, async (m, now) => {
      const result = await this.run(m, ctx, { create: false, ref: subscriptionId }, (s) => executeAction(s, { actionId, now }), now);
      const stillScheduled = result.state.scheduled.some((a) => a.id === actionId);
      return { result, answer: !stillScheduled };
    });
  }
}

function actionResultOf(result: CommandResult<SubscriptionState>, actionId: string): ActionResult {
  const scheduled = result.state.scheduled.find((a) => a.id === actionId);
  return {
    actionId,
    subscriptionId: result.state.id,
    scheduledDate: scheduled ? new Date(scheduled.scheduledDate) : null,
    consistency: result.consistency,
  };
}
