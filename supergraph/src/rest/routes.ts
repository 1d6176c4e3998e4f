import type { Route } from './router';
import type { Handler } from './rest-context';
import { contactRoutes } from './contacts.routes';
import { contactAddressRoutes } from './contact-addresses.routes';
import { userRoutes } from './users.routes';
import { contactAuthRoutes } from './contact-auth.routes';
import { directoryRoutes } from './directory.routes';

/** Every route the facade serves, in match order (the router and the OpenAPI document both use this). */
export function restRoutes(): Route<Handler>[] {
  // the self-service auth routes' literal paths (/contacts/register…) must precede /contacts/:id
  return [...contactAuthRoutes(), ...contactRoutes(), ...contactAddressRoutes(), ...userRoutes(), ...directoryRoutes()];
}
