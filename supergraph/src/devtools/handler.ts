import type { IncomingMessage, ServerResponse } from 'node:http';
import { annotateRequest } from '@crm/platform/logging';
import { sendJson } from '@crm/platform/http';
import { ASSET_PREFIX, assetBody } from './assets';
import { API_FAMILIES, DOCS_JS, docsHtml, familyOpenApi } from './docs-page';
import { PLAYGROUND_CSS, PLAYGROUND_JS, playgroundHtml } from './playground-page';

export interface DevtoolsOptions {
  /** Serve the GraphQL IDE to browsers at GET /graphql. */
  playground: boolean;
  /** Serve the REST API docs at /docs. */
  docs: boolean;
  production: boolean;
}

/**
 * Our pages load scripts, styles and data from this origin only (the browser refuses anything
 * else), and talk to this origin only.
 */
export const DEVTOOLS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

function send(res: ServerResponse, body: string | Buffer, type: string, cacheControl: string, method: string): void {
  res.writeHead(200, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
    ...(type.startsWith('text/html') ? { 'content-security-policy': DEVTOOLS_CSP, 'referrer-policy': 'no-referrer' } : {}),
  });
  res.end(method === 'HEAD' ? undefined : body);
}

const HTML = 'text/html; charset=utf-8';
const OWN_FILES: Record<string, { body: string; type: string }> = {
  'playground.js': { body: PLAYGROUND_JS, type: 'text/javascript; charset=utf-8' },
  'playground.css': { body: PLAYGROUND_CSS, type: 'text/css; charset=utf-8' },
  'docs.js': { body: DOCS_JS, type: 'text/javascript; charset=utf-8' },
};

/** A browser asking for a page (not a GraphQL client doing a GET query). */
function wantsHtml(req: IncomingMessage, search: string): boolean {
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html') && !new URLSearchParams(search).has('query');
}

/**
 * The gateway's browser pages: the GraphQL playground (GET /graphql from a browser) and the REST
 * API docs (/docs), with their assets under /_devtools/. Answers true when it served the request.
 */
export function devtoolsHandler(options: DevtoolsOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const pages = { playground: options.playground ? playgroundHtml({ production: options.production }) : '', docs: options.docs ? docsHtml() : '' };
  return (req, res) => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return false;
    const [path = '/', search = ''] = (req.url ?? '/').split('?');
    if (path === '/graphql') {
      if (!options.playground || !wantsHtml(req, search)) return false;
      annotateRequest({ route: '/graphql (playground)' });
      send(res, pages.playground, HTML, 'no-cache', method);
      return true;
    }
    if (path.startsWith(ASSET_PREFIX) && (options.playground || options.docs)) {
      annotateRequest({ route: `${ASSET_PREFIX}*` });
      const name = path.slice(ASSET_PREFIX.length);
      const own = Object.hasOwn(OWN_FILES, name) ? OWN_FILES[name] : undefined;
      const asset = own ?? assetBody(name);
      if (!asset) return false;
      send(res, asset.body, asset.type, 'public, max-age=3600', method);
      return true;
    }
    if (!options.docs) return false;
    if (path === '/docs' || path === '/docs/') {
      annotateRequest({ route: '/docs' });
      send(res, pages.docs, HTML, 'no-cache', method);
      return true;
    }
    const family = API_FAMILIES.find((f) => path === `/docs/openapi/${f.id}.json`);
    if (family) {
      annotateRequest({ route: '/docs/openapi/*' });
      sendJson(res, 200, familyOpenApi(family.id), { 'cache-control': 'no-cache' });
      return true;
    }
    return false;
  };
}
