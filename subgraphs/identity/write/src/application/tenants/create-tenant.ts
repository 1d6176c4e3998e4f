import type { DataSource } from 'typeorm';
import { canonicalId, newId } from '@crm/platform/ids';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { BUILT_IN_ROLES } from '../../domain/permissions';
import type { UnitOfWork } from '../unit-of-work';
import type { IdentitySecrets } from '../identity-secrets';
import { insertApiKey } from '../directory/api-keys';
import { insertUser } from '../directory/users';
import { ADMIN_CLI } from '../directory/grants';
import { checkOrganisationName } from '../../domain/organisations';
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
 * Creates a tenant (a business): its root organisation, the built-in roles, an owner user, an
 * application with a public key, and an admin secret key. Keys are returned once.
 */
export async function createTenant(uow: UnitOfWork, secrets: IdentitySecrets, input: CreateTenant): Promise<TenantCredentials> {
  const tenantId = newId();
  return uow.run({ tenantId, actor: { kind: 'system', id: 'admin-cli' }, correlationId: `tenant-${tenantId}` }, async (tx) => {
    const name = checkOrganisationName(input.name);
    await tx.m.query(
      `INSERT INTO organisations (id, tenant_id, parent_id, type, name, version, created_at) VALUES ($1::uuid, $1::text, NULL, 'BUSINESS', $2, 1, $3)`,
      [tenantId, name, tx.now],
    );
    tx.emit({ type: 'tenant.created', aggregateType: AGGREGATES.tenant, aggregateId: tenantId, aggregateVersion: 1, data: { name } });
    const roleIds: Record<string, string> = {};
    for (const role of BUILT_IN_ROLES) {
      const id = newId();
      roleIds[role.name] = id;
      await tx.m.query(
        `INSERT INTO roles (id, tenant_id, name, built_in, permissions, version, created_at) VALUES ($1, $2, $3, true, $4::text[], 1, $5)`,
        [id, tenantId, role.name, [...role.permissions], tx.now],
      );
      tx.emit({
        type: 'role.created',
        aggregateType: AGGREGATES.role,
        aggregateId: id,
        aggregateVersion: 1,
        data: { name: role.name, permissions: [...role.permissions], builtIn: true },
      });
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
