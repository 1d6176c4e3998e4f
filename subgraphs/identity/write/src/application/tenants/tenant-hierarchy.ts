import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import type { OrganisationType } from '../../domain/organisations';
import { addApplication, addOrganisation, checkApplicationName, type TenantChange, type TenantData, type TenantState } from '../../domain/tenant';
import { findOrganisation, insertTenantChild, tenantAggregate, tenantStore } from '../../persistence/tenant-store';
import type { Tx } from '../unit-of-work';
import type { IdentitySecrets } from '../identity-secrets';
import { insertApiKey, type IssuedApiKey } from '../directory/api-keys';

/** The rules are the deciders of `domain/tenant.ts`; this file looks up and persists around them. */
export { checkApplicationName };

/**
 * Runs a tenant command in the transaction (the kit's handler: the root organisation row is
 * locked, the version taken, the events recorded) and adds the rows its events name.
 */
async function tenantCommand(tx: Tx, decide: (state: TenantState | null) => TenantChange[]): Promise<TenantChange[]> {
  const done = await tx.command(tenantAggregate, { create: false, ref: tx.tenantId }, decide);
  const changes = done.events as TenantChange[];
  for (const change of changes) await insertTenantChild(tx.m, tx.tenantId, change, tx.now);
  return changes;
}

/** NOT_FOUND unless the transaction's tenant exists (admin tools take the tenant id as typed). */
export async function assertTenantExists(tx: Tx): Promise<void> {
  if (!(await tenantStore.findById(tx.m, tx.tenantId, tx.tenantId))) throw AppError.notFound('tenant', tx.tenantId);
}

/** A key name derived from an application name, within the 100 characters a key name may have. */
export const keyName = (applicationName: string, suffix: string): string => `${applicationName.slice(0, 99 - suffix.length)} ${suffix}`;

/** An application and its (live) public key, issued in the same transaction; the key is returned once. */
export async function createApplication(
  tx: Tx,
  secrets: IdentitySecrets,
  name: string,
): Promise<{ applicationId: string; name: string; publicKey: IssuedApiKey }> {
  const appName = checkApplicationName(name);
  const applicationId = newId();
  await tenantCommand(tx, (tenant) => addApplication(tenant, { tenantId: tx.tenantId, applicationId, name: appName }));
  const publicKey = await insertApiKey(tx, secrets, {
    applicationId,
    kind: 'public',
    env: 'live',
    name: keyName(appName, 'public key'),
    roleId: null,
    expiresAt: null,
  });
  return { applicationId, name: appName, publicKey };
}

export interface NewOrganisation {
  parentId: string;
  type: OrganisationType;
  name: string;
}

export interface OrganisationView {
  id: string;
  parentId: string | null;
  type: OrganisationType;
  name: string;
}

/** Adds a merchant (under the business) or a venue (under a merchant or the business). */
export async function insertOrganisation(tx: Tx, input: NewOrganisation): Promise<OrganisationView> {
  const organisationId = newId();
  const parent = await findOrganisation(tx.m, tx.tenantId, input.parentId);
  const [created] = await tenantCommand(tx, (tenant) => addOrganisation(tenant, { tenantId: tx.tenantId, organisationId, ...input, parent }));
  const { parentId, type, name } = created!.data as TenantData<'tenant.organisation_created'>;
  return { id: organisationId, parentId, type, name };
}
