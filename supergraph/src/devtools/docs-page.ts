import { buildRestOpenApi } from '../rest/openapi';
import { ASSET_PREFIX } from './assets';

/** The two API families /docs shows, each its own OpenAPI document (a part of the generated one). */
export const API_FAMILIES = [
  { id: 'backoffice', name: 'Back-Office API', prefix: '/backoffice/v2/' },
  { id: 'self-service', name: 'Self-Service API', prefix: '/self-service/v2/' },
] as const;

export type ApiFamilyId = (typeof API_FAMILIES)[number]['id'];

type Json = Record<string, unknown>;

let whole: Json | undefined;

/**
 * The family's OpenAPI document: the facade's generated one (the same as schema/rest/openapi.json)
 * with only that family's paths and tags; components are shared and kept whole.
 */
export function familyOpenApi(id: ApiFamilyId): Json {
  whole ??= buildRestOpenApi();
  const family = API_FAMILIES.find((f) => f.id === id)!;
  const paths = Object.fromEntries(Object.entries(whole['paths'] as Json).filter(([path]) => path.startsWith(family.prefix)));
  const used = new Set(
    Object.values(paths).flatMap((item) => Object.values(item as Json).flatMap((op) => ((op as { tags?: string[] })?.tags ?? []) as string[])),
  );
  const tags = ((whole['tags'] as { name: string }[] | undefined) ?? []).filter((t) => used.has(t.name));
  const info = whole['info'] as Json;
  // Swagger UI renders only the OAS base dialect and shows a warning for any other; our schemas use
  // nothing beyond JSON Schema 2020-12, which that dialect extends, so the docs leave the field out
  const { jsonSchemaDialect: _, ...rest } = whole;
  return { ...rest, info: { ...info, title: `CRM platform ${family.name}` }, tags, paths };
}

/** /docs: Swagger UI (from the gateway's own assets) over both families, "Try it out" against this origin. */
export function docsHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CRM platform · REST API docs</title>
<link rel="stylesheet" href="${ASSET_PREFIX}swagger-ui.css">
</head>
<body>
<div id="swagger-ui">Loading the API docs…</div>
<script src="${ASSET_PREFIX}swagger-ui.js"></script>
<script src="${ASSET_PREFIX}swagger-ui-standalone.js"></script>
<script src="${ASSET_PREFIX}docs.js"></script>
</body>
</html>
`;
}

export const DOCS_JS = `(function () {
  'use strict';
  window.ui = SwaggerUIBundle({
    urls: ${JSON.stringify(API_FAMILIES.map((f) => ({ url: `/docs/openapi/${f.id}.json`, name: f.name })))},
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
    // no call to the public validator service: nothing leaves this origin
    validatorUrl: null,
    tryItOutEnabled: true,
    // tags start collapsed: with every domain's operations (over 200 in the Back-Office family)
    // Swagger UI stopped rendering the expanded list part-way; a tag renders when opened
    docExpansion: 'none',
    persistAuthorization: false,
  });
})();
`;
