import { AppError } from '@crm/platform/errors';
import type { IdentityEvent } from '@crm/event-bus/contracts/identity';
import { checkOrganisationName, checkOrganisationParent, type OrganisationType } from './organisations';

/**
 * Write-side state of one tenant aggregate (a business). Its version lives on the root (BUSINESS)
 * organisation row: every tenant event (created, application created, organisation created) takes
 * the next version of it.
 */
export interface TenantState {
  /** The tenant id (the aggregate id of its events). */
  id: string;
  name: string;
  version: number;
  createdAt: Date;
}

type TenantEvent = Extract<IdentityEvent, { type: 'tenant.created' | 'tenant.application_created' | 'tenant.organisation_created' }>;
/** What a tenant decider returns: event types with their data, before the envelope is added. */
export type TenantChange = Pick<TenantEvent, 'type' | 'data'>;
export type TenantData<T extends TenantChange['type']> = Extract<TenantEvent, { type: T }>['data'];

/** Applies one event to the state (pure). */
export function evolveTenant(state: TenantState | null, change: TenantChange, meta: { version: number; at: Date }): TenantState {
  switch (change.type) {
    case 'tenant.created':
      return { id: state?.id ?? '', name: (change.data as { name: string }).name, version: meta.version, createdAt: meta.at };
    case 'tenant.application_created':
    case 'tenant.organisation_created':
      if (!state) throw new Error(`${change.type} on a missing tenant`);
      return { ...state, version: meta.version };
  }
}

export function checkApplicationName(name: string, field = 'name'): string {
  const v = name.trim();
  if (v.length === 0 || v.length > 100) throw AppError.validation(field, 'must be 1-100 characters', 'INVALID_LENGTH');
  if (/\p{Cc}/u.test(v)) throw AppError.validation(field, 'must not contain control characters', 'INVALID_CHARACTERS');
  return v;
}

const requireTenant = (state: TenantState | null, tenantId: string): TenantState => {
  if (!state) throw AppError.notFound('tenant', tenantId);
  return state;
};

/** A tenant with its root organisation (the business), named `name`. */
export function createTenant(state: TenantState | null, cmd: { name: string }): TenantChange[] {
  const name = checkOrganisationName(cmd.name);
  if (state) throw new Error('a tenant is created once');
  return [{ type: 'tenant.created', data: { name } }];
}

/** Adds an application (its id chosen by the caller) to the tenant. */
export function addApplication(state: TenantState | null, cmd: { tenantId: string; applicationId: string; name: string }): TenantChange[] {
  const name = checkApplicationName(cmd.name);
  requireTenant(state, cmd.tenantId);
  return [{ type: 'tenant.application_created', data: { applicationId: cmd.applicationId, name } }];
}

/** The parent organisation the command names, looked up by the caller (null when the tenant has none with that id). */
export interface ParentLookup {
  parentId: string;
  parent: { id: string; type: OrganisationType } | null;
}

/** Adds a merchant (under the business) or a venue (under a merchant or the business). */
export function addOrganisation(
  state: TenantState | null,
  cmd: { tenantId: string; organisationId: string; type: OrganisationType; name: string } & ParentLookup,
): TenantChange[] {
  const name = checkOrganisationName(cmd.name);
  requireTenant(state, cmd.tenantId);
  if (!cmd.parent) throw AppError.notFound('organisation', cmd.parentId);
  checkOrganisationParent(cmd.type, cmd.parent.type);
  return [{ type: 'tenant.organisation_created', data: { organisationId: cmd.organisationId, parentId: cmd.parent.id, type: cmd.type, name } }];
}
