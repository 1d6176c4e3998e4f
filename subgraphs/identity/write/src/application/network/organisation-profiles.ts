import { newId } from '@crm/platform/ids';
import { closeOrganisationProfile, setOrganisationProfile, type SetOrganisationProfile } from '../../domain/set-organisation-profile';
import { findOrganisation } from '../../persistence/tenant-store';
import { organisationProfileAggregate, organisationProfileStore } from '../../persistence/organisation-profile-store';
import type { Tx } from '../unit-of-work';

/** The profile as sent: addresses and contact info without an id get one here (the decider stays pure). */
export interface OrganisationProfileInput extends Omit<SetOrganisationProfile, 'addresses' | 'contactInfo'> {
  addresses?: (Omit<NonNullable<SetOrganisationProfile['addresses']>[number], 'id'> & { id?: string | null })[] | null;
  contactInfo?: (Omit<NonNullable<SetOrganisationProfile['contactInfo']>[number], 'id'> & { id?: string | null })[] | null;
}

const withIds = (input: OrganisationProfileInput): SetOrganisationProfile => ({
  ...input,
  addresses: input.addresses?.map((a) => ({ ...a, id: a.id ?? newId() })) ?? null,
  contactInfo: input.contactInfo?.map((c) => ({ ...c, id: c.id ?? newId() })) ?? null,
});

/** Sets an organisation's business-network profile (created on first use, keyed by the organisation's id). */
export async function setProfile(tx: Tx, organisationId: string, input: OrganisationProfileInput) {
  const organisation = await findOrganisation(tx.m, tx.tenantId, organisationId);
  const existing = organisation ? await organisationProfileStore.findById(tx.m, tx.tenantId, organisationId) : null;
  const command = { ...withIds(input), organisationId, organisation };
  return tx.command(organisationProfileAggregate, existing ? { create: false, ref: organisationId } : { create: true, id: organisationId }, (state) =>
    setOrganisationProfile(state, command),
  );
}

/** Takes an organisation out of the business network. */
export async function closeProfile(tx: Tx, organisationId: string) {
  const organisation = await findOrganisation(tx.m, tx.tenantId, organisationId);
  const existing = organisation ? await organisationProfileStore.findById(tx.m, tx.tenantId, organisationId) : null;
  return tx.command(organisationProfileAggregate, existing ? { create: false, ref: organisationId } : { create: true, id: organisationId }, (state) =>
    closeOrganisationProfile(state, { organisationId, organisation }),
  );
}
