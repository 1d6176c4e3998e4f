import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { EventBus, EventEnvelope, Subscription } from '@crm/event-bus';
import { planRuns } from '../domain/run-plan';
import { triggeredBy } from '../persistence/automation-store';
import { logEvent } from '../persistence/event-log-store';
import type { RunStore } from '../persistence/run-store';
import { webhookPayload } from '../delivery/dispatcher';
import { WEBHOOK_SOURCE_TOPICS } from '../delivery/sources';

export const AUTOMATIONS_GROUP = 'integrations-write.automations';

/** The entity an event is about, with its id: what conditions read and webhooks carry. */
export function entityOf(event: EventEnvelope): Record<string, unknown> {
  const data = event.data && typeof event.data === 'object' ? (event.data as Record<string, unknown>) : {};
  return { id: event.aggregateId, ...data };
}

/**
 * Business events in, action runs out: each event is logged for the events viewer, then every
 * enabled automation it triggers (conditions pass, loop guard allows) gets one PENDING run per
 * action, in one transaction. Idempotent (a run per automation, event and action; the log by event
 * id), and the offset is committed after, so a crash re-reads and neither loses nor doubles a run.
 */
export class AutomationTrigger {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: RunStore,
    private readonly clock: () => Date,
    private readonly onEnqueued: () => void,
  ) {}

  async handle(event: EventEnvelope): Promise<number> {
    const added = await this.dataSource.transaction(async (m) => {
      await logEvent(m, event);
      const automations = await triggeredBy(m, event.tenantId, event.type);
      if (automations.length === 0) return 0;
      const origin = await this.runs.originOf(m, event.tenantId, event.aggregateId);
      const planned = planRuns(automations, { type: event.type, data: entityOf(event) }, origin);
      return this.runs.enqueue(m, event.tenantId, { id: event.id, type: event.type, payload: webhookPayload(event) }, planned, this.clock());
    });
    if (added > 0) this.onEnqueued();
    return added;
  }

  subscribe(bus: EventBus, logger: Logger): Promise<Subscription> {
    return bus.subscribe({
      groupId: AUTOMATIONS_GROUP,
      topics: [...WEBHOOK_SOURCE_TOPICS],
      handler: async (event) => {
        await this.handle(event);
      },
      logger,
    });
  }
}
