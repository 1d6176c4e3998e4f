import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serviceRegistry } from '@crm/platform/registry';
import { EventRegistry, type EventContract } from './define-event';

export * from './define-event';

/**
 * Each registered domain's contracts (services.json): the folder `contracts/<domain>/` exports
 * `domainEvents`, so adding a domain adds its folder and edits nothing here.
 */
function registeredContracts(): EventContract[] {
  return serviceRegistry().domains.flatMap((d) => {
    if (!existsSync(join(__dirname, d.name))) return [];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the folder is named by the registry (data)
    const mod = require(`./${d.name}`) as { domainEvents?: readonly EventContract[] };
    if (!mod.domainEvents) throw new Error(`event-bus/src/contracts/${d.name}/index.ts must export domainEvents (the domain's event contracts)`);
    return [...mod.domainEvents];
  });
}

/** Every event contract the platform knows, across domains. */
export const registry = new EventRegistry(registeredContracts());
