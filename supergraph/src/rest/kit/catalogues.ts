import { createRequire } from 'node:module';
import { codesOf, defineErrors, platformErrors, restErrorOf, type ErrorCatalogue, type ErrorCode, type RestException } from '@crm/platform/errors';
import { serviceRegistry, type ServiceRegistry } from '@crm/platform/registry';
import { errors as gatewayErrors } from '../../errors';

/** Where each service declares its error catalogue: `<service dir>/src/errors.ts`, exporting `errors`. */
export const CATALOGUE_MODULE = 'dist/errors.js';

const load = createRequire(__filename);

/**
 * Every error catalogue: the platform's, the gateway's and each registered service's (read from
 * its package by the registry, so a new domain needs no edit here). Only catalogue data is loaded:
 * `errors.js` imports nothing but `@crm/platform/errors`.
 */
export function errorCatalogues(registry: ServiceRegistry = serviceRegistry()): ErrorCatalogue[] {
  const services = registry.services.map((s) => catalogueOf(s.package) ?? defineErrors(s.name, {}));
  return [platformErrors, gatewayErrors, ...services];
}

/**
 * A service's catalogue, or undefined when its package has none: its reasons then answer with
 * their category's exception (the catalogue test fails the build for it, the gateway still starts).
 */
export function catalogueOf(pkg: string): ErrorCatalogue | undefined {
  let module: { errors?: ErrorCatalogue };
  try {
    module = load(`${pkg}/${CATALOGUE_MODULE}`) as { errors?: ErrorCatalogue };
  } catch (err) {
    if ((err as { code?: unknown }).code === 'MODULE_NOT_FOUND') return undefined;
    throw err;
  }
  if (!module.errors) throw new Error(`${pkg}/${CATALOGUE_MODULE} exports no \`errors\` catalogue`);
  return module.errors;
}

/**
 * reason → category → REST exception, for the reasons whose exception is not their category's
 * (a failed sign-in is INVALIDLOGINEXCEPTION, NOTES §1.4). Two catalogues naming different
 * exceptions for one reason and category are refused.
 */
export function reasonExceptions(catalogues: readonly ErrorCatalogue[]): Map<string, Map<ErrorCode, RestException>> {
  const table = new Map<string, Map<ErrorCode, RestException>>();
  const from = new Map<string, string>();
  for (const c of catalogues) {
    for (const [reason, spec] of Object.entries(c.reasons)) {
      if (!spec.exception) continue;
      for (const code of codesOf(spec)) {
        const { exception } = restErrorOf(spec, code);
        const byCode = table.get(reason) ?? new Map<ErrorCode, RestException>();
        const seen = byCode.get(code);
        if (seen && seen !== exception) {
          throw new Error(`error reason ${reason} (${code}) is ${seen} in ${from.get(reason)} but ${exception} in ${c.domain}`);
        }
        byCode.set(code, exception);
        table.set(reason, byCode);
        from.set(reason, c.domain);
      }
    }
  }
  return table;
}

let cached: Map<string, Map<ErrorCode, RestException>> | undefined;

/** The REST exception of a relayed reason raised under `code`, when its catalogue names one. */
export function exceptionOfReason(reason: string, code: ErrorCode): RestException | undefined {
  cached ??= reasonExceptions(errorCatalogues());
  return cached.get(reason)?.get(code);
}
