import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Principal } from '@crm/platform/auth';
import { type Cache, GenerationalCache, jitteredTtl, ReadThrough } from '@crm/platform/cache';
import { waitForVersion, type ConsistencyToken } from '@crm/platform/graphql';
import { CONTACT_AGGREGATE } from '@crm/event-bus/contracts/contacts';
import type { ContactView } from '../projections/contact-view.projection';
import { canonicalId, ContactViewStore, type ListFilter, type SortField } from '../persistence/contact-view-store';
import type { ContactsProjector } from '../consumers/contacts-events.consumer';
import { contactKey, contactListKeys, LIST_TTL_SECONDS } from './contact-cache-keys';

export interface ListArgs {
  filter: ListFilter;
  sort: { field: SortField; direction: 'ASC' | 'DESC' };
  window: { offset: number; limit: number };
  withTotal: boolean;
}

export interface ListResult {
  views: ContactView[];
  hasMore: boolean;
  total: number | null;
}

/** Read-side queries: cache-aside over the projected views, honouring consistency tokens. */
export class ContactQueries {
  private readonly readThrough: ReadThrough;
  private readonly lists: GenerationalCache;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: Cache,
    private readonly ttlSeconds: number,
    private readonly projector: ContactsProjector | null,
    private readonly consistencyWaitMs: number,
  ) {
    this.readThrough = new ReadThrough(cache, ttlSeconds);
    this.lists = new GenerationalCache(cache, contactListKeys, LIST_TTL_SECONDS);
  }

  /** Database loads made to fill cache misses of single contacts (single-flight: one per key at a time). */
  get cacheLoads(): number {
    return this.readThrough.loads;
  }

  private store(tenantId: string): ContactViewStore {
    return new ContactViewStore(this.dataSource.manager, tenantId);
  }

  /** Waits until every contact token of the request is projected; false when time ran out. */
  async awaitTokens(tenantId: string, tokens: ConsistencyToken[]): Promise<boolean> {
    const wanted = tokens.filter((t) => t.aggregateType === CONTACT_AGGREGATE);
    const results = await Promise.all(
      wanted.map((t) =>
        waitForVersion(
          t.version,
          () => this.store(tenantId).versionOf(t.aggregateId),
          this.projector ? { emitter: this.projector.applied, event: `${tenantId}:${t.aggregateId}` } : null,
          this.consistencyWaitMs,
        ),
      ),
    );
    return results.every(Boolean);
  }

  /** A live contact by id or code, or null (unknown, other tenant, or unregistered). */
  async get(principal: Principal, idOrCode: string, minVersion = 0): Promise<ContactView | null> {
    const tenantId = principal.tenantId;
    const id = canonicalId(idOrCode);
    if (!id) {
      const view = await this.store(tenantId).get(idOrCode);
      if (view) await this.cache.add(contactKey(tenantId, view.id), { version: view.version, value: view }, jitteredTtl(this.ttlSeconds));
      return view && !view.deleted ? view : null;
    }
    const key = contactKey(tenantId, id);
    const cached = await this.cache.get<ContactView | null>(key);
    if (cached && cached.version >= minVersion) return revive(cached.value);
    const entry = await this.readThrough.get<ContactView | null>(key, async () => {
      const view = await this.store(tenantId).get(id);
      return view ? { version: view.version, value: view.deleted ? null : view } : undefined;
    });
    if (entry && entry.version < minVersion) {
      const fresh = await this.store(tenantId).get(id);
      return fresh && !fresh.deleted ? fresh : null;
    }
    const view = revive(entry?.value ?? null);
    if (view) return view;
    // not a live contact by id: a code may look like an id
    const byCode = await this.store(tenantId).get(idOrCode);
    return byCode && !byCode.deleted && byCode.id !== id ? byCode : null;
  }

  async list(principal: Principal, args: ListArgs, bypassCache: boolean): Promise<ListResult> {
    const tenantId = principal.tenantId;
    const run = () => this.store(tenantId).list(args.filter, args.sort, args.window, args.withTotal);
    if (bypassCache) return run();
    const hash = createHash('sha1').update(JSON.stringify(args)).digest('base64url');
    const value = await this.lists.get(tenantId, hash, run);
    return { ...value, views: value.views.map((v) => revive(v)!) };
  }
}

/** Cached JSON has dates as strings; give them back as Dates. */
function revive(v: ContactView | null): ContactView | null {
  if (!v) return null;
  return { ...v, createdAt: new Date(v.createdAt), updatedAt: new Date(v.updatedAt) };
}
