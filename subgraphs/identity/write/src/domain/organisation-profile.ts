import type { IdentityEvent, OrganisationProfile } from '@crm/event-bus/contracts/identity';

/** Write-side state of an organisation's business-network profile (the aggregate id is the organisation's). */
export interface OrganisationProfileState extends OrganisationProfile {
  id: string;
  version: number;
  closed: boolean;
}

type ProfileEvent = Extract<IdentityEvent, { type: 'organisation.profile_set' | 'organisation.profile_closed' }>;
export type OrganisationProfileChange = ProfileEvent extends infer E ? (E extends ProfileEvent ? Pick<E, 'type' | 'data'> : never) : never;

/** Applies one event to the state (pure). */
export function evolveOrganisationProfile(
  state: OrganisationProfileState | null,
  change: OrganisationProfileChange,
  meta: { version: number; at: Date },
): OrganisationProfileState {
  switch (change.type) {
    case 'organisation.profile_set':
      return { ...change.data, id: state?.id ?? '', version: meta.version, closed: false };
    case 'organisation.profile_closed':
      if (!state) throw new Error('organisation.profile_closed before organisation.profile_set');
      return { ...state, version: meta.version, closed: true };
  }
}
