import { EventEmitter } from 'node:events';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { EventEnvelope } from '@crm/event-bus';
import { AGGREGATES, type IdentityEvent } from '@crm/event-bus/contracts/identity';
import { identityStatements } from '../projections/identity-view.projection';

const IDENTITY_AGGREGATES: ReadonlySet<string> = new Set(Object.values(AGGREGATES));

export interface ProjectorStats {
  applied: number;
  duplicates: number;
  lastAppliedAt: number | null;
  lastEventOccurredAt: number | null;
}

/** The projector's in-process signal for one aggregate (read-your-writes waiters listen to it). */
export const appliedSignal = (tenantId: string, aggregateType: string, aggregateId: string): string => `${tenantId}:${aggregateType}:${aggregateId}`;

/**
 * Applies identity events to the read models idempotently: in one transaction the aggregate's
 * applied version is raised only if the event is newer (a redelivery changes nothing), and then
 * the event's statements run. Events this side does not model only advance the version.
 */
export class IdentityProjector {
  readonly stats: ProjectorStats = { applied: 0, duplicates: 0, lastAppliedAt: null, lastEventOccurredAt: null };
  readonly applied = new EventEmitter();

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
  ) {
    this.applied.setMaxListeners(0);
  }

  handle = async (event: EventEnvelope): Promise<void> => {
    if (!IDENTITY_AGGREGATES.has(event.aggregateType)) return;
    const e = event as unknown as IdentityEvent;
    const applied = await this.dataSource.transaction(async (m) => {
      const rows = (await m.query(
        `INSERT INTO applied_versions (aggregate_type, aggregate_id, version) VALUES ($1, $2, $3)
         ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET version = EXCLUDED.version WHERE applied_versions.version < EXCLUDED.version
         RETURNING version`,
        [e.aggregateType, `${e.tenantId}:${e.aggregateId}`, e.aggregateVersion],
      )) as unknown[];
      if (rows.length === 0) return false;
      for (const s of identityStatements(e)) await m.query(s.sql, s.params);
      return true;
    });
    if (!applied) {
      this.stats.duplicates++;
      this.logger.debug({ type: e.type, aggregateId: e.aggregateId, version: e.aggregateVersion }, 'identity event already applied');
      return;
    }
    this.stats.applied++;
    this.stats.lastAppliedAt = Date.now();
    this.stats.lastEventOccurredAt = Date.parse(e.occurredAt);
    this.applied.emit('applied', e);
    this.applied.emit(appliedSignal(e.tenantId, e.aggregateType, e.aggregateId), e.aggregateVersion);
  };
}
