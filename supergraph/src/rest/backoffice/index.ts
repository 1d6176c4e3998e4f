import type { RestResource } from '../kit/resource';
import { resource as contacts } from './contacts/routes';
import { resource as userAuth } from './user-auth/routes';
import { resource as users } from './users/routes';
import { resource as userRoles } from './user-roles/routes';
import { resource as teams } from './teams/routes';
import { resource as apiKeys } from './api-keys/routes';
import { resource as organisations } from './organisations/routes';

/** The /backoffice/v2 resources: one line per folder (order does not matter; index.test.ts checks every folder is listed). */
export const backofficeResources: RestResource[] = [contacts, userAuth, users, userRoles, teams, apiKeys, organisations];
