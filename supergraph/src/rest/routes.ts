import type { Route } from './router';
import type { Handler } from './rest-context';
import { contactRoutes } from './contacts.routes';
import { contactAddressRoutes } from './contact-addresses.routes';

/** Every route the facade serves, in match order (the router and the OpenAPI document both use this). */
export function restRoutes(): Route<Handler>[] {
  return [...contactRoutes(), ...contactAddressRoutes()];
}
