import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { checkOrganisationName, checkOrganisationParent, type OrganisationType } from '../../domain/organisations';
import type { Tx } from '../unit-of-work';
import type { IdentitySecrets } from '../identity-secrets';
import { insertApiKey, type IssuedApiKey } from '../directory/api-keys';

/**
 * The tenant aggregate's version lives on its root (BUSINESS) organisation row: every tenant
 * event (application created, organisation created) takes the next version under a row lock.
 */
export async function nextTenantVersion(tx: Tx): Promise<number> {
  const [root] = (await tx.m.query(
    `SELECT id, version FROM organisations WHERE tenant_id = $1 AND type = 'BUSINESS' AND parent_id IS NULL FOR UPDATE`,
    [tx.tenantId],
  )) as {
    id: string;
    version: number;
  }[];
  if (!root) throw AppError.notFound('tenant', tx.tenantId);
  const version = Number(root.version) + 1;
  await tx.m.query(`UPDATE organisations SET version = $3 WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, root.id, version]);
  return version;
}

/** NOT_FOUND unless the transaction's tenant exists (admin tools take the tenant id as typed). */
export async function assertTenantExists(tx: Tx): Promise<void> {
  const root = (await tx.m.query(`SELECT 1 FROM organisations WHERE tenant_id = $1 AND type = 'BUSINESS' AND parent_id IS NULL`, [
    tx.tenantId,
  ])) as unknown[];
  if (root.length === 0) throw AppError.notFound('tenant', tx.tenantId);
}

export function checkApplicationName(name: string, field = 'name'): string {
  const v = name.trim();
  if (v.length === 0 || v.length > 100) throw AppError.validation(field, 'must be 1-100 characters', 'INVALID_LENGTH');
  if (/\p{Cc}/u.test(v)) throw AppError.validation(field, 'must not contain control characters', 'INVALID_CHARACTERS');
  return v;
}

/** Adds an application to the tenant (the caller issues its keys in the same transaction). */
export async function insertApplication(tx: Tx, name: string): Promise<string> {
  const appName = checkApplicationName(name);
  const version = await nextTenantVersion(tx);
  const applicationId = newId();
  await tx.m.query(`INSERT INTO applications (id, tenant_id, name, created_at) VALUES ($1, $2, $3, $4)`, [
    applicationId,
    tx.tenantId,
    appName,
    tx.now,
  ]);
  tx.emit({
    type: 'tenant.application_created',
    aggregateType: AGGREGATES.tenant,
    aggregateId: tx.tenantId,
    aggregateVersion: version,
    data: { applicationId, name: appName },
  });
  return applicationId;
}

/** A key name derived from an application name, within the 100 characters a key name may have. */
export const keyName = (applicationName: string, suffix: string): string => `${applicationName.slice(0, 99 - suffix.length)} ${suffix}`;

/** An application and its (live) public key; the key is returned once. */
export async function createApplication(
  tx: Tx,
  secrets: IdentitySecrets,
  name: string,
): Promise<{ applicationId: string; name: string; publicKey: IssuedApiKey }> {
  const appName = checkApplicationName(name);
  const applicationId = await insertApplication(tx, appName);
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
  const name = checkOrganisationName(input.name);
  // lock the root first (every hierarchy change takes it), then read the parent
  const version = await nextTenantVersion(tx);
  const [parent] = (await tx.m.query(`SELECT id, type FROM organisations WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, input.parentId])) as {
    id: string;
    type: OrganisationType;
  }[];
  if (!parent) throw AppError.notFound('organisation', input.parentId);
  checkOrganisationParent(input.type, parent.type);
  const id = newId();
  await tx.m.query(`INSERT INTO organisations (id, tenant_id, parent_id, type, name, version, created_at) VALUES ($1, $2, $3, $4, $5, 1, $6)`, [
    id,
    tx.tenantId,
    parent.id,
    input.type,
    name,
    tx.now,
  ]);
  tx.emit({
    type: 'tenant.organisation_created',
    aggregateType: AGGREGATES.tenant,
    aggregateId: tx.tenantId,
    aggregateVersion: version,
    data: { organisationId: id, parentId: parent.id, type: input.type, name },
  });
  return { id, parentId: parent.id, type: input.type, name };
}
