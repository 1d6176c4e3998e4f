import type { EntityManager } from 'typeorm';
import { refKey, type Queryable, type ReadModel } from '@crm/event-bus/kit';
import {
  APP_SETTINGS_AGGREGATE,
  REFERENCE_ENTRY_AGGREGATE,
  type AppSettingsDefinition,
  type AppSettingsEvent,
  type ReferenceEntryDefinition,
  type ReferenceEntryEvent,
  CONTACT_PROFILE_AGGREGATE,
  LANDING_PAGE_AGGREGATE,
  type ContactProfileEvent,
  type LandingPageEvent,
} from '@crm/event-bus/contracts/settings';
import { projectLandingPage, type LandingPageView } from '../projections/landing-page-view.projection';
import { projectContactProfile, type ContactProfileView } from '../projections/contact-profile-view.projection';
import { projectAppSettings, type AppSettingsView } from '../projections/app-settings-view.projection';
import { projectReferenceEntry, type ReferenceEntryView } from '../projections/reference-entry-view.projection';

interface Row<D> {
  tenant_id: string;
  id: string;
  version: number;
  definition: D | string;
  removed: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = 'tenant_id, id, version, definition, removed, created_at, updated_at';
const jsonOf = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
const viewOf = <D>(r: Row<D>) => ({
  ...jsonOf<D>(r.definition),
  id: r.id,
  version: Number(r.version),
  removed: r.removed,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});
const definitionOf = <V extends { id: string; version: number; removed: boolean; createdAt: Date; updatedAt: Date }>(v: V) => {
  const { id: _id, version: _v, removed: _r, createdAt: _c, updatedAt: _u, ...definition } = v;
  return definition;
};

/**
 * A read model of definition documents: one row per aggregate at the version it applied, the
 * definition as jsonb beside the columns queries filter on; one statement per batch.
 */
function definitionReadModel<V extends { id: string; version: number; removed: boolean; createdAt: Date; updatedAt: Date }>(spec: {
  table: string;
  aggregateType: string;
  /** The extra columns (name, value of a view) queries filter on. */
  columns: { name: string; of: (v: V) => string }[];
  project: ReadModel<V>['project'];
}): ReadModel<V> {
  const { table, aggregateType, columns } = spec;
  const names = columns.map((c) => c.name);
  return {
    name: table,
    accepts: (e) => e.aggregateType === aggregateType,
    contiguous: true,
    saveIsAtomic: true,
    async load(q, refs) {
      const rows = (await q.query(`SELECT ${COLUMNS} FROM ${table} WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`, [
        refs.map((r) => r.tenantId),
        refs.map((r) => r.aggregateId),
      ])) as Row<unknown>[];
      return new Map(
        rows.map((r) => [refKey({ tenantId: r.tenant_id, aggregateType, aggregateId: r.id }), { version: Number(r.version), state: viewOf(r) as V }]),
      );
    },
    project: spec.project,
    async save(q, changed) {
      const params: unknown[] = [];
      const values = changed.map(({ ref, state: s }) => {
        const i = params.length;
        params.push(
          ref.tenantId,
          s.id,
          s.version,
          JSON.stringify(definitionOf(s)),
          s.removed,
          s.createdAt,
          s.updatedAt,
          ...columns.map((c) => c.of(s)),
        );
        const extra = columns.map((_, k) => `, $${i + 8 + k}`).join('');
        return `($${i + 1}, $${i + 2}::uuid, $${i + 3}::int, $${i + 4}::jsonb, $${i + 5}::boolean, $${i + 6}::timestamptz, $${i + 7}::timestamptz${extra})`;
      });
      await q.query(
        `INSERT INTO ${table} (tenant_id, id, version, definition, removed, created_at, updated_at${names.map((n) => `, ${n}`).join('')}) VALUES ${values.join(', ')}
         ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, ${names.map((n) => `${n} = EXCLUDED.${n}, `).join('')}definition = EXCLUDED.definition,
           removed = EXCLUDED.removed, updated_at = EXCLUDED.updated_at
         WHERE ${table}.version < EXCLUDED.version`,
        params,
      );
    },
  };
}

/** `app_settings_views`: each application's configuration, found by platform_app_id. */
export const appSettingsViewsReadModel = definitionReadModel<AppSettingsView>({
  table: 'app_settings_views',
  aggregateType: APP_SETTINGS_AGGREGATE,
  columns: [{ name: 'platform_app_id', of: (v) => v.platformAppId }],
  project: (view, event) => projectAppSettings(view, event as AppSettingsEvent),
});

/** `reference_entry_views`: the entries of every reference list, by kind and key. */
export const referenceEntryViewsReadModel = definitionReadModel<ReferenceEntryView>({
  table: 'reference_entry_views',
  aggregateType: REFERENCE_ENTRY_AGGREGATE,
  columns: [
    { name: 'kind', of: (v) => v.kind },
    { name: 'key', of: (v) => v.key },
  ],
  project: (view, event) => projectReferenceEntry(view, event as ReferenceEntryEvent),
});

/** `landing_page_views`: every landing page. */
export const landingPageViewsReadModel = definitionReadModel<LandingPageView>({
  table: 'landing_page_views',
  aggregateType: LANDING_PAGE_AGGREGATE,
  columns: [],
  project: (view, event) => projectLandingPage(view, event as LandingPageEvent),
});

/** `contact_profile_views`: each contact's image and preferred organisations (id = the contact's). */
export const contactProfileViewsReadModel = definitionReadModel<ContactProfileView>({
  table: 'contact_profile_views',
  aggregateType: CONTACT_PROFILE_AGGREGATE,
  columns: [],
  project: (view, event) => projectContactProfile(view, event as ContactProfileEvent),
});

/** Application configurations and reference lists of ONE tenant. */
export class SettingsViewStore {
  constructor(
    private readonly q: Queryable | EntityManager,
    private readonly tenantId: string,
  ) {}

  async appSettings(id: string): Promise<AppSettingsView | null> {
    const rows = (await this.q.query(`SELECT ${COLUMNS} FROM app_settings_views WHERE tenant_id = $1 AND id = $2`, [
      this.tenantId,
      id,
    ])) as Row<AppSettingsDefinition>[];
    return rows[0] ? (viewOf(rows[0]) as AppSettingsView) : null;
  }

  async appSettingsByPlatformAppId(platformAppId: string): Promise<AppSettingsView | null> {
    const rows = (await this.q.query(
      `SELECT ${COLUMNS} FROM app_settings_views WHERE tenant_id = $1 AND platform_app_id = $2 AND NOT removed ORDER BY created_at LIMIT 1`,
      [this.tenantId, platformAppId],
    )) as Row<AppSettingsDefinition>[];
    return rows[0] ? (viewOf(rows[0]) as AppSettingsView) : null;
  }

  async appSettingsList(): Promise<AppSettingsView[]> {
    const rows = (await this.q.query(`SELECT ${COLUMNS} FROM app_settings_views WHERE tenant_id = $1 AND NOT removed ORDER BY platform_app_id`, [
      this.tenantId,
    ])) as Row<AppSettingsDefinition>[];
    return rows.map((r) => viewOf(r) as AppSettingsView);
  }

  async referenceEntry(id: string): Promise<ReferenceEntryView | null> {
    const rows = (await this.q.query(`SELECT ${COLUMNS} FROM reference_entry_views WHERE tenant_id = $1 AND id = $2`, [
      this.tenantId,
      id,
    ])) as Row<ReferenceEntryDefinition>[];
    return rows[0] ? (viewOf(rows[0]) as ReferenceEntryView) : null;
  }

  /** The live entries of a list, by key. */
  async referenceEntries(kind: string): Promise<ReferenceEntryView[]> {
    const rows = (await this.q.query(`SELECT ${COLUMNS} FROM reference_entry_views WHERE tenant_id = $1 AND kind = $2 AND NOT removed ORDER BY key`, [
      this.tenantId,
      kind,
    ])) as Row<ReferenceEntryDefinition>[];
    return rows.map((r) => viewOf(r) as ReferenceEntryView);
  }

  async landingPage(id: string): Promise<LandingPageView | null> {
    const rows = (await this.q.query(`SELECT ${COLUMNS} FROM landing_page_views WHERE tenant_id = $1 AND id = $2`, [
      this.tenantId,
      id,
    ])) as Row<unknown>[];
    return rows[0] ? (viewOf(rows[0]) as LandingPageView) : null;
  }

  /** The live landing pages, newest first, one page of them and whether more follow. */
  async landingPages(offset: number, limit: number): Promise<LandingPageView[]> {
    const rows = (await this.q.query(
      `SELECT ${COLUMNS} FROM landing_page_views WHERE tenant_id = $1 AND NOT removed ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [this.tenantId, limit, offset],
    )) as Row<unknown>[];
    return rows.map((r) => viewOf(r) as LandingPageView);
  }

  async contactProfile(contactId: string): Promise<ContactProfileView | null> {
    const rows = (await this.q.query(`SELECT ${COLUMNS} FROM contact_profile_views WHERE tenant_id = $1 AND id = $2`, [
      this.tenantId,
      contactId,
    ])) as Row<unknown>[];
    return rows[0] ? (viewOf(rows[0]) as ContactProfileView) : null;
  }

  async landingPageVersion(id: string): Promise<number> {
    return (await this.landingPage(id))?.version ?? 0;
  }

  async contactProfileVersion(id: string): Promise<number> {
    return (await this.contactProfile(id))?.version ?? 0;
  }

  async appSettingsVersion(id: string): Promise<number> {
    return (await this.appSettings(id))?.version ?? 0;
  }

  async referenceEntryVersion(id: string): Promise<number> {
    return (await this.referenceEntry(id))?.version ?? 0;
  }
}
