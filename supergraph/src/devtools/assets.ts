import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The browser files the playground and /docs load, each taken from its npm package (installed
 * with the gateway's dependencies, so they are in the image too) and served from this origin:
 * no page of ours loads anything from another host.
 */
interface Asset {
  /** npm package and the file inside it. */
  pkg: string;
  file: string;
  type: string;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

export const ASSETS: Record<string, Asset> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: JS },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: JS },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: JS },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: CSS },
  'swagger-ui.js': { pkg: 'swagger-ui-dist', file: 'swagger-ui-bundle.js', type: JS },
  'swagger-ui-standalone.js': { pkg: 'swagger-ui-dist', file: 'swagger-ui-standalone-preset.js', type: JS },
  'swagger-ui.css': { pkg: 'swagger-ui-dist', file: 'swagger-ui.css', type: CSS },
};

/** URL prefix of the assets (and of our own page scripts). */
export const ASSET_PREFIX = '/_devtools/';

const loaded = new Map<string, Buffer>();

/** The asset's bytes (read once, then kept), or undefined for a name that is not one. */
export function assetBody(name: string): { body: Buffer; type: string } | undefined {
  const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!asset) return undefined;
  let body = loaded.get(name);
  if (!body) {
    const root = dirname(require.resolve(`${asset.pkg}/package.json`));
    body = readFileSync(join(root, asset.file));
    loaded.set(name, body);
  }
  return { body, type: asset.type };
}
