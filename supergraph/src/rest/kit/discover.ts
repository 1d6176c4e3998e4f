import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RestResource } from './resource';

/**
 * The resources of one family: every folder of `dir` holding a `routes` module that exports
 * `resource` (sorted by folder name; registration order does not matter to the router). Adding a
 * resource adds its folder and edits no list.
 */
export function resourcesIn(dir: string): RestResource[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && readdirSync(join(dir, e.name)).some((f) => f === 'routes.js' || f === 'routes.ts'))
    .map((e) => e.name)
    .sort()
    .map((folder) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- resource folders are discovered, not listed
      const mod = require(join(dir, folder, 'routes')) as { resource?: RestResource };
      if (!mod.resource) throw new Error(`${join(dir, folder)}/routes.ts must export \`resource\` (defineResource)`);
      if (mod.resource.name !== folder) throw new Error(`${join(dir, folder)}/routes.ts: resource name "${mod.resource.name}" is not its folder's`);
      return mod.resource;
    });
}
