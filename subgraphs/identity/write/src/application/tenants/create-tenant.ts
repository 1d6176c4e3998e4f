import type { DataSource } from 'typeorm';
import { canonicalId, newId } from '@crm/platform/ids';
import { BUILT_IN_ROLES } from '../../domain/permissions';
import type { UnitOfWork } from '../unit-of-work';
import type { IdentitySecrets } from '../identity-secrets';
import { insertApiKey } from '../directory/api-keys';
import { insertUser } from '../directory/users';
import { ADMIN_CLI } from '../directory/grants';
import { createTenant as decideCreateTenant } from '../../domain/tenant';
import { createBuiltInRole } from '../../domain/role';
import { tenantAggregate } from '../../persistence/tenant-store';
import { roleAggregate } from '../../persistence/role-store';
import { createApplication, keyName } from './tenant-hierarchy';

export interface CreateTenant {
  name: string;
  ownerEmail: string;
  ownerPassword: string;
  applicationName: string;
}

export interface TenantCredentials {
  tenantId: string;
  ownerUserId: string;
  applicationId: string;
  publicApiKey: string;
  secretApiKey: string;
}

/**
 * Creates a tenant (a business), in one transaction: its root organisation, the built-in roles, an owner user, an
 * application with a public key, and an admin secret key. Keys are returned once.
 */
export async function createTenant(uow: UnitOfWork, secrets: IdentitySecrets, input: CreateTenant): Promise<TenantCredentials> {
  const tenantId = newId();
  return uow.run({ tenantId, actor: { kind: 'system', id: 'admin-cli' }, correlationId: `tenant-${tenantId}` }, async (tx) => {
    await tx.command(tenantAggregate, { create: true, id: tenantId }, (tenant) => decideCreateTenant(tenant, { name: input.name }));
    const roleIds: Record<string, string> = {};
    for (const role of BUILT_IN_ROLES) {
      const { state } = await tx.command(roleAggregate, { create: true, id: null }, (current) => createBuiltInRole(current, role));
      roleIds[role.name] = state.id;
    }
    const ownerUserId = await insertUser(
      tx,
      { email: input.ownerEmail, password: input.ownerPassword, firstName: 'Owner', lastName: null, roleIds: [roleIds['owner']!] },
      ADMIN_CLI,
    );
    // the application takes tenant version 2 from the root organisation row, like every later tenant event
    const app = await createApplication(tx, secrets, input.applicationName);
    const secretKey = await insertApiKey(tx, secrets, {
      applicationId: app.applicationId,
      kind: 'secret',
      env: 'live',
      name: keyName(app.name, 'admin key'),
      roleId: roleIds['admin']!,
      expiresAt: null,
    });
    return { tenantId, ownerUserId, applicationId: app.applicationId, publicApiKey: app.publicKey.key, secretApiKey: secretKey.key };
  });
}

/** Whether the database has this tenant (its root organisation); false for a malformed id. */
export async function tenantExists(dataSource: DataSource, tenantId: string): Promise<boolean> {
  const id = canonicalId(tenantId);
  if (!id) return false;
  const rows = (await dataSource.query(`SELECT 1 FROM organisations WHERE id = $1::uuid AND tenant_id = $1::text AND parent_id IS NULL`, [
    id,
  ])) as unknown[];
  return rows.length === 1;
}
