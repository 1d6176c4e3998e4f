import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Cache } from '@crm/platform/cache';
import { invalidateGenerations, jitteredTtl } from '@crm/platform/cache';
import { Projector, type ReadModel, refKey } from '@crm/event-bus/kit';
import { CONTACT_AGGREGATE, type ContactEvent } from '@crm/event-bus/contracts/contacts';
import { type ContactView, projectContact } from '../projections/contact-view.projection';
import { contactViewRows } from '../persistence/contact-view-store';
import { contactKey, contactListKeys } from '../queries/contact-cache-keys';
import { communityViewsReadModel } from '../communities/read-model';

export { ProjectionGapError, type ProjectorStats } from '@crm/event-bus/kit';

/**
 * `contact_views` as a read model of the projector engine: one row per contact carrying the
 * aggregate version it applied (the engine's duplicate-skipping scheme), versions applied without
 * gaps. After the commit each changed view is written through to the cache (only if newer) and
 * the list entries of each tenant concerned are invalidated by bumping its generation, once per
 * batch.
 */
export function contactViewsReadModel(cache: Cache, cacheTtlSeconds: number): ReadModel<ContactView> {
  return {
    name: 'contact_views',
    accepts: (e) => e.aggregateType === CONTACT_AGGREGATE,
    contiguous: true,
    saveIsAtomic: true,
    async load(q, refs) {
      const rows = await contactViewRows.load(
        q,
        refs.map((r) => ({ tenantId: r.tenantId, id: r.aggregateId })),
      );
      return new Map(
        rows.map(({ tenantId, view }) => [
          refKey({ tenantId, aggregateType: CONTACT_AGGREGATE, aggregateId: view.id }),
          { version: view.version, state: view },
        ]),
      );
    },
    project: (view, event) => projectContact(view, event as ContactEvent),
    save: (q, changed) =>
      contactViewRows.save(
        q,
        changed.map((c) => ({ tenantId: c.ref.tenantId, view: c.state })),
      ),
    async afterCommit(changed) {
      // sent together, in this order, on the cache's one connection: one wait instead of one per key
      await Promise.all([
        ...changed.map((c) =>
          cache.setIfNewer(
            contactKey(c.ref.tenantId, c.state.id),
            { version: c.state.version, value: c.state.deleted ? null : c.state },
            jitteredTtl(cacheTtlSeconds),
          ),
        ),
        invalidateGenerations(
          cache,
          contactListKeys,
          changed.map((c) => c.ref.tenantId),
        ),
      ]);
    },
  };
}

/**
 * The contacts projector: the projector engine over `contact_views`. Waiters for read-your-writes
 * listen to `applied` on `tenant:contactId` (the new version).
 */
export class ContactsProjector extends Projector {
  constructor(dataSource: DataSource, cache: Cache, cacheTtlSeconds: number, logger: Logger) {
    super(dataSource, [contactViewsReadModel(cache, cacheTtlSeconds), communityViewsReadModel], logger, {
      signalOf: (r) => `${r.tenantId}:${r.aggregateId}`,
    });
  }
}
