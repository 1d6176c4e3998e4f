import type { Statement } from '@crm/event-bus/kit';
import { apiKeyViewStatements } from './api-key-view.projection';
import { applicationViewStatements } from './application-view.projection';
import { identityProviderStatements } from './identity-provider-view.projection';
import { organisationViewStatements } from './organisation-view.projection';
import { organisationProfileViewStatements } from './organisation-profile-view.projection';
import type { ProjectedEvent } from './projected-event';
import { roleViewStatements } from './role-view.projection';
import { teamViewStatements } from './team-view.projection';
import { userViewStatements } from './user-view.projection';

export type { Statement };

/** The identity read models' projections, one file per read model (table). */
export const IDENTITY_PROJECTIONS = [
  organisationViewStatements,
  organisationProfileViewStatements,
  applicationViewStatements,
  userViewStatements,
  roleViewStatements,
  teamViewStatements,
  apiKeyViewStatements,
  identityProviderStatements,
] as const;

/**
 * What one identity event changes in the read models (pure): the statements of every read
 * model's projection. The projector skips events at or below the aggregate version already
 * applied; events no read model models yield no statements.
 */
export function identityStatements(event: ProjectedEvent): Statement[] {
  return IDENTITY_PROJECTIONS.flatMap((project) => project(event));
}
