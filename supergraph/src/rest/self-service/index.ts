import type { RestResource } from '../kit/resource';
import { resource as contactAuth } from './contact-auth/routes';
import { resource as contacts } from './contacts/routes';
import { resource as contactAddresses } from './contact-addresses/routes';

/** The /self-service/v2 resources: one line per folder (order does not matter; index.test.ts checks every folder is listed). */
export const selfServiceResources: RestResource[] = [contactAuth, contacts, contactAddresses];
