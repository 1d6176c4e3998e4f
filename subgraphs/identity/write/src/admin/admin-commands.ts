import { randomBytes } from 'node:crypto';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import { checkPasswordPolicy, maskApiKey } from '@crm/platform/security';
import type { UnitOfWork, Tx } from '../application/unit-of-work';
import type { IdentitySecrets } from '../application/identity-secrets';
import { createTenant } from '../application/tenants/create-tenant';
import { assertTenantExists, checkApplicationName } from '../application/tenants/tenant-hierarchy';
import { checkOrganisationName } from '../domain/organisations';
import { insertApiKey, listApiKeys, revokeApiKey, rotateApiKey, type ApiKeyListing } from '../application/directory/api-keys';
import { cleanPersonName, insertUser, normaliseEmail } from '../application/directory/users';
import { findRoleByName, type RoleView } from '../application/directory/roles';
import { ADMIN_CLI } from '../application/directory/grants';
import { requireUuid } from '../domain/ids';

/** What a command prints: JSON-able fields, plus human lines for the text form. */
export interface CommandOutput {
  data: Record<string, unknown>;
  text: string[];
}

export interface AdminDeps {
  uow: UnitOfWork;
  secrets: IdentitySecrets;
}

const ONCE = 'Store the values marked (shown once) now: they are not stored in plaintext and cannot be shown again.';

/** 144 random bits, URL-safe: passes the password policy and survives copy and paste. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

function lines(rows: [string, string | null][], footer: string[] = []): string[] {
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  return [...rows.map(([k, v]) => `  ${`${k}:`.padEnd(width)}${v ?? '-'}`), ...(footer.length ? ['', ...footer] : [])];
}

function inTenant<R>(deps: AdminDeps, tenant: string, fn: (tx: Tx) => Promise<R>): Promise<R> {
  const tenantId = requireUuid('--tenant', tenant);
  return deps.uow.run({ tenantId, actor: ADMIN_CLI.actor, correlationId: `admin-cli-${newId()}` }, async (tx) => {
    await assertTenantExists(tx);
    return fn(tx);
  });
}

async function roleNamed(tx: Tx, name: string): Promise<RoleView> {
  const role = await findRoleByName(tx, name);
  if (role) return role;
  const names = (await tx.m.query(`SELECT name FROM roles WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY built_in DESC, name`, [
    tx.tenantId,
  ])) as { name: string }[];
  throw AppError.validation(
    '--role',
    `no role named ${JSON.stringify(name)} in this tenant (roles: ${names.map((r) => r.name).join(', ')})`,
    'UNKNOWN_ROLE',
  );
}

const opt = (v: string | undefined): string | null => (v === undefined || v.trim() === '' ? null : v);

export async function runAdminCommand(deps: AdminDeps, command: string, flags: Record<string, string>): Promise<CommandOutput> {
  switch (command) {
    case 'create-tenant': {
      const generated = flags['owner-password'] === undefined;
      const ownerPassword = flags['owner-password'] ?? generatePassword();
      // checked here too, so errors name the flag rather than the field
      checkOrganisationName(flags['name']!, '--name');
      normaliseEmail('--owner-email', flags['owner-email']!);
      checkPasswordPolicy(ownerPassword, '--owner-password');
      if (flags['app-name'] !== undefined) checkApplicationName(flags['app-name'], '--app-name');
      const created = await createTenant(deps.uow, deps.secrets, {
        name: flags['name']!,
        ownerEmail: flags['owner-email']!,
        ownerPassword,
        applicationName: opt(flags['app-name']) ?? 'Default application',
      });
      return {
        data: { ...created, ownerEmail: flags['owner-email']!.trim().toLowerCase(), ...(generated ? { ownerPassword } : {}) },
        text: [
          'Tenant created.',
          ...lines(
            [
              ['tenant id', created.tenantId],
              ['owner user id', created.ownerUserId],
              ['owner email', flags['owner-email']!.trim().toLowerCase()],
              ...(generated ? ([['owner password', `${ownerPassword}   (generated, shown once)`]] as [string, string][]) : []),
              ['application id', created.applicationId],
              ['public key', `${created.publicApiKey}   (shown once)`],
              ['secret key', `${created.secretApiKey}   (shown once, admin role)`],
            ],
            [ONCE],
          ),
        ],
      };
    }
    case 'create-user': {
      const generated = flags['password'] === undefined;
      const password = flags['password'] ?? generatePassword();
      normaliseEmail('--email', flags['email']!);
      checkPasswordPolicy(password, '--password');
      cleanPersonName('--first-name', opt(flags['first-name']));
      cleanPersonName('--last-name', opt(flags['last-name']));
      const user = await inTenant(deps, flags['tenant']!, async (tx) => {
        const role = await roleNamed(tx, flags['role']!);
        const id = await insertUser(
          tx,
          { email: flags['email']!, password, firstName: opt(flags['first-name']), lastName: opt(flags['last-name']), roleIds: [role.id] },
          ADMIN_CLI,
        );
        return { id, role: role.name };
      });
      return {
        data: { userId: user.id, email: flags['email']!.trim().toLowerCase(), role: user.role, ...(generated ? { password } : {}) },
        text: [
          'User created.',
          ...lines(
            [
              ['user id', user.id],
              ['email', flags['email']!.trim().toLowerCase()],
              ['role', user.role],
              ...(generated ? ([['password', `${password}   (generated, shown once)`]] as [string, string][]) : []),
            ],
            generated ? [ONCE] : [],
          ),
        ],
      };
    }
    case 'create-key': {
      const env = opt(flags['env']) ?? 'live';
      if (env !== 'live' && env !== 'test') throw AppError.validation('--env', 'must be live or test', 'INVALID_ENUM');
      const applicationId = requireUuid('--application', flags['application']);
      const issued = await inTenant(deps, flags['tenant']!, async (tx) => {
        const role = await roleNamed(tx, flags['role']!);
        const name = (opt(flags['name']) ?? `${role.name} key`).trim();
        if (name.length > 100) throw AppError.validation('--name', 'must be at most 100 characters', 'TOO_LONG');
        const key = await insertApiKey(tx, deps.secrets, { applicationId, kind: 'secret', env, name, roleId: role.id, expiresAt: null });
        return { ...key, role: role.name, name };
      });
      const masked = maskApiKey(issued.prefix, issued.last4);
      return {
        data: { keyId: issued.id, key: issued.key, masked, role: issued.role, name: issued.name, env },
        text: [
          'Secret key created.',
          ...lines(
            [
              ['key id', issued.id],
              ['name', issued.name],
              ['role', issued.role],
              ['key', `${issued.key}   (shown once)`],
              ['masked', masked],
            ],
            [ONCE],
          ),
        ],
      };
    }
    case 'rotate-key': {
      const keyId = requireUuid('--key-id', flags['key-id']);
      const raw = flags['old-expires-in-hours']!.trim();
      const hours = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
      if (!(hours >= 0 && hours <= 720))
        throw AppError.validation('--old-expires-in-hours', 'must be a number of hours from 0 to 720', 'INVALID_VALUE');
      const result = await inTenant(deps, flags['tenant']!, async (tx) => {
        const oldKeyExpiresAt = new Date(tx.now.getTime() + Math.round(hours * 3_600_000));
        return { issued: await rotateApiKey(tx, deps.secrets, keyId, oldKeyExpiresAt), oldKeyExpiresAt };
      });
      const masked = maskApiKey(result.issued.prefix, result.issued.last4);
      return {
        data: { oldKeyId: keyId, oldKeyExpiresAt: result.oldKeyExpiresAt.toISOString(), keyId: result.issued.id, key: result.issued.key, masked },
        text: [
          'Key rotated.',
          ...lines(
            [
              ['old key id', keyId],
              ['old key works until', result.oldKeyExpiresAt.toISOString()],
              ['new key id', result.issued.id],
              ['new key', `${result.issued.key}   (shown once)`],
              ['masked', masked],
            ],
            [ONCE],
          ),
        ],
      };
    }
    case 'revoke-key': {
      const keyId = requireUuid('--key-id', flags['key-id']);
      const reason = opt(flags['reason']) ?? 'revoked with the admin CLI';
      if (reason.length > 200) throw AppError.validation('--reason', 'must be at most 200 characters', 'TOO_LONG');
      await inTenant(deps, flags['tenant']!, (tx) => revokeApiKey(tx, keyId, reason));
      return { data: { keyId, revoked: true }, text: [`Key ${keyId} revoked.`] };
    }
    case 'list-keys': {
      const keys = await inTenant(deps, flags['tenant']!, (tx) => listApiKeys(tx));
      return {
        data: { keys: keys.map((k) => ({ ...k, createdAt: k.createdAt.toISOString(), expiresAt: k.expiresAt?.toISOString() ?? null })) },
        text: keyTable(keys),
      };
    }
    default:
      throw new Error(`no implementation for ${command}`);
  }
}

function keyTable(keys: ApiKeyListing[]): string[] {
  if (keys.length === 0) return ['No keys.'];
  const head = ['ID', 'KIND', 'ENV', 'STATUS', 'KEY', 'ROLE', 'APPLICATION', 'EXPIRES', 'NAME'];
  const rows = keys.map((k) => [
    k.id,
    k.kind,
    k.env,
    k.status,
    k.masked,
    k.roleName ?? '-',
    k.applicationId,
    k.expiresAt?.toISOString() ?? '-',
    k.name,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [fmt(head), ...rows.map(fmt)];
}
