import { EventEmitter } from 'node:events';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Cache } from '@crm/platform/cache';
import { jitteredTtl } from '@crm/platform/cache';
import type { EventEnvelope } from '@crm/event-bus';
import type { ContactEvent } from '@crm/event-bus/contracts/contacts';
import { CONTACT_AGGREGATE } from '@crm/event-bus/contracts/contacts';
import { projectContact } from '../projections/contact-view.projection';
import { ContactViewStore } from '../persistence/contact-view-store';
import { contactKey, listGenerationKey } from '../queries/contact-cache-keys';

/** A later version arrived before an earlier one: retry (the earlier one is on its way). */
export class ProjectionGapError extends Error {
  override readonly name = 'ProjectionGapError';
}

export interface ProjectorStats {
  applied: number;
  duplicates: number;
  lastAppliedAt: number | null;
  lastEventOccurredAt: number | null;
}

/**
 * Applies contact events to `contact_views` idempotently: under a row lock, an event at or below
 * the stored version is skipped (redelivery), a gap is retried, the next version is applied. After
 * the commit the view is written through to the cache (only if newer) and list entries of the
 * tenant are invalidated by bumping its generation. Waiters for read-your-writes are woken.
 */
export class ContactsProjector {
  readonly stats: ProjectorStats = { applied: 0, duplicates: 0, lastAppliedAt: null, lastEventOccurredAt: null };
  readonly applied = new EventEmitter();

  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: Cache,
    private readonly cacheTtlSeconds: number,
    private readonly logger: Logger,
  ) {
    this.applied.setMaxListeners(0);
  }

  handle = async (event: EventEnvelope): Promise<void> => {
    if (event.aggregateType !== CONTACT_AGGREGATE) return;
    const e = event as ContactEvent;
    const view = await this.dataSource.transaction(async (m) => {
      const store = new ContactViewStore(m, e.tenantId);
      const current = await store.lockForUpdate(e.aggregateId);
      const currentVersion = current?.version ?? 0;
      if (e.aggregateVersion <= currentVersion) return null;
      if (e.aggregateVersion !== currentVersion + 1) {
        throw new ProjectionGapError(`contact ${e.aggregateId}: got version ${e.aggregateVersion}, have ${currentVersion}`);
      }
      const next = projectContact(current, e);
      await store.upsert(next);
      return next;
    });
    if (!view) {
      this.stats.duplicates++;
      return;
    }
    this.stats.applied++;
    this.stats.lastAppliedAt = Date.now();
    this.stats.lastEventOccurredAt = Date.parse(e.occurredAt);
    await this.cache.setIfNewer(contactKey(e.tenantId, view.id), { version: view.version, value: view.deleted ? null : view }, jitteredTtl(this.cacheTtlSeconds));
    await this.cache.incr(listGenerationKey(e.tenantId), 86_400);
    this.applied.emit(`${e.tenantId}:${view.id}`, view.version);
  };
}
