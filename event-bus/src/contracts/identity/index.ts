import { TenantCreatedV1 } from './tenant-created.v1';
import { OrganisationCreatedV1 } from './organisation-created.v1';
import { ApplicationCreatedV1 } from './application-created.v1';
import { ApiKeyCreatedV1 } from './api-key-created.v1';
import { ApiKeyRotatedV1 } from './api-key-rotated.v1';
import { ApiKeyRevokedV1 } from './api-key-revoked.v1';
import { UserCreatedV1 } from './user-created.v1';
import { UserUpdatedV1 } from './user-updated.v1';
import { UserDisabledV1 } from './user-disabled.v1';
import { UserPasswordChangedV1 } from './user-password-changed.v1';
import { RoleCreatedV1 } from './role-created.v1';
import { RoleUpdatedV1 } from './role-updated.v1';
import { RoleDeletedV1 } from './role-deleted.v1';
import { TeamCreatedV1 } from './team-created.v1';
import { TeamRenamedV1 } from './team-renamed.v1';
import { TeamDeletedV1 } from './team-deleted.v1';
import { SessionRevokedV1 } from './session-revoked.v1';
import { ContactIdentityRegisteredV1 } from './contact-identity-registered.v1';
import { ContactIdentityVerifiedV1 } from './contact-identity-verified.v1';
import { ContactIdentityAddedV1 } from './contact-identity-added.v1';
import { IdentityProviderConfiguredV1 } from './identity-provider-configured.v1';
import { IdentityProviderRemovedV1 } from './identity-provider-removed.v1';
import { OrganisationProfileSetV1 } from './organisation-profile-set.v1';
import { OrganisationProfileClosedV1 } from './organisation-profile-closed.v1';
import type { EventOf } from '../define-event';

export * from './topics';
export * from './shapes';
export * from './tenant-created.v1';
export * from './organisation-created.v1';
export * from './application-created.v1';
export * from './api-key-created.v1';
export * from './api-key-rotated.v1';
export * from './api-key-revoked.v1';
export * from './user-created.v1';
export * from './user-updated.v1';
export * from './user-disabled.v1';
export * from './user-password-changed.v1';
export * from './role-created.v1';
export * from './role-updated.v1';
export * from './role-deleted.v1';
export * from './team-created.v1';
export * from './team-renamed.v1';
export * from './team-deleted.v1';
export * from './session-revoked.v1';
export * from './contact-identity-registered.v1';
export * from './contact-identity-verified.v1';
export * from './contact-identity-added.v1';
export * from './identity-provider-configured.v1';
export * from './identity-provider-removed.v1';
export * from './organisation-profile-shapes';
export * from './organisation-profile-set.v1';
export * from './organisation-profile-closed.v1';

export const IDENTITY_EVENTS = [
  TenantCreatedV1,
  OrganisationCreatedV1,
  ApplicationCreatedV1,
  ApiKeyCreatedV1,
  ApiKeyRotatedV1,
  ApiKeyRevokedV1,
  UserCreatedV1,
  UserUpdatedV1,
  UserDisabledV1,
  UserPasswordChangedV1,
  RoleCreatedV1,
  RoleUpdatedV1,
  RoleDeletedV1,
  TeamCreatedV1,
  TeamRenamedV1,
  TeamDeletedV1,
  SessionRevokedV1,
  ContactIdentityRegisteredV1,
  ContactIdentityVerifiedV1,
  ContactIdentityAddedV1,
  IdentityProviderConfiguredV1,
  IdentityProviderRemovedV1,
  OrganisationProfileSetV1,
  OrganisationProfileClosedV1,
] as const;

/** Every identity event, as the union of its contracts' envelopes. */
export type IdentityEvent = EventOf<(typeof IDENTITY_EVENTS)[number]>;

/** The domain's contracts, as the platform's event registry collects them (contracts/index.ts). */
export const domainEvents = IDENTITY_EVENTS;
