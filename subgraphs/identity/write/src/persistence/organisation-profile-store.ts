import type { AggregateDefinition, AggregateStore } from '@crm/event-bus/kit';
import { AGGREGATES, type OrganisationProfile } from '@crm/event-bus/contracts/identity';
import { evolveOrganisationProfile, type OrganisationProfileChange, type OrganisationProfileState } from '../domain/organisation-profile';
import { versionConflict } from './versions';
import { readsById } from './reads-by-id';

/** A profile as stored: its state and when it was first set. */
export interface StoredOrganisationProfile extends OrganisationProfileState {
  createdAt: Date;
  updatedAt: Date;
}

interface Row {
  id: string;
  version: number;
  profile: OrganisationProfile | string;
  closed: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const toState = (r: Row): StoredOrganisationProfile => ({
  ...(typeof r.profile === 'string' ? (JSON.parse(r.profile) as OrganisationProfile) : r.profile),
  id: r.id,
  version: Number(r.version),
  closed: r.closed,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

const profileOf = (s: StoredOrganisationProfile): OrganisationProfile => {
  const { id: _id, version: _v, closed: _c, createdAt: _a, updatedAt: _u, ...profile } = s;
  return profile;
};

/** Where organisation profiles live (the command handler's store; a command locks the row it loads). */
export const organisationProfileStore: AggregateStore<StoredOrganisationProfile> = {
  ...readsById<Row, StoredOrganisationProfile>('organisation_profiles', 'id, version, profile, closed, created_at, updated_at', toState),
  insert: (tenantId, s) => ({
    sql: `INSERT INTO organisation_profiles (tenant_id, id, version, profile, closed, created_at, updated_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7) RETURNING 1`,
    params: [tenantId, s.id, s.version, JSON.stringify(profileOf(s)), s.closed, s.createdAt, s.updatedAt],
  }),
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE organisation_profiles SET version = $3, profile = $4::jsonb, closed = $5, updated_at = $6 WHERE tenant_id = $1 AND id = $2 AND version = $7 RETURNING 1`,
    params: [tenantId, s.id, s.version, JSON.stringify(profileOf(s)), s.closed, s.updatedAt, expectedVersion],
  }),
};

/** The organisation profile aggregate, as the kit's command handler runs it. */
export const organisationProfileAggregate: AggregateDefinition<StoredOrganisationProfile, OrganisationProfileChange> = {
  type: AGGREGATES.organisationProfile,
  evolve: (state, change, meta) => ({
    ...evolveOrganisationProfile(state, change, meta),
    createdAt: state?.createdAt ?? meta.at,
    updatedAt: meta.at,
  }),
  store: organisationProfileStore,
  versionConflict: versionConflict('organisation profile'),
};
