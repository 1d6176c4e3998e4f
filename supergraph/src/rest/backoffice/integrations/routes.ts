import { z } from 'zod';
import { noQuery, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { defineResource } from '../../kit/resource';
import { op } from '../../kit/operation';

const TAG = 'Integrations as code';

export const EXPORT_INTEGRATIONS = op('query', 'RestExportIntegrations', `query RestExportIntegrations { integrationsExport }`);
export const IMPORT_INTEGRATIONS = op(
  'mutation',
  'RestImportIntegrations',
  `mutation RestImportIntegrations($document: String!) { importIntegrations(document: $document) {
    webhooks { created updated unchanged } automations { created updated unchanged } secrets { url id secret }
  } }`,
);

/** POST /backoffice/v2/integrations/import. */
export const importBody = z.strictObject({
  document: z
    .string()
    .min(1)
    .max(256 * 1024)
    .describe('The YAML document (version: 1, webhooks[], automations[]) as GET /backoffice/v2/integrations/export gives it.'),
});

const counts = z.strictObject({ created: z.int().min(0), updated: z.int().min(0), unchanged: z.int().min(0) });
export const importResponse = z.strictObject({
  webhooks: counts,
  automations: counts,
  secrets: z
    .array(z.strictObject({ url: z.string(), id: z.string(), secret: z.string() }))
    .describe('The signing secrets of the endpoints this import created, shown this once.'),
});

/** GET /backoffice/v2/integrations/export → the YAML document (application/yaml). */
const exportIntegrations: Handler = async (ctx) => {
  noQuery(ctx);
  const data = await ctx.gateway.run(EXPORT_INTEGRATIONS, {}, snakeCaseFields);
  const body = Buffer.from(data['integrationsExport'] as string, 'utf8');
  ctx.res.writeHead(200, {
    'content-type': 'application/yaml; charset=utf-8',
    'content-length': String(body.length),
    'content-disposition': 'attachment; filename="integrations.yaml"',
  });
  ctx.res.end(body);
};

/** POST /backoffice/v2/integrations/import `{document}` → what it created, changed and left. */
const importIntegrations: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(importBody, await ctx.readBody());
  const data = await ctx.gateway.run(IMPORT_INTEGRATIONS, { document: body.document }, snakeCaseFields);
  sendJson(ctx.res, 200, data['importIntegrations']);
};

/** A tenant's webhooks and automations as one YAML document: export, and idempotent import. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'integrations',
  openapi: {
    tags: [
      {
        name: TAG,
        description:
          "A tenant's webhook endpoints (identified by url; never their secrets) and automations (identified by name; WEBHOOK actions name the endpoint's url) as one YAML document, to keep in version control and apply to another tenant or environment.",
      },
    ],
    requestSchemas: [{ name: 'IntegrationsImportRequest', schema: importBody }],
    responseSchemas: [{ name: 'IntegrationsImportResult', schema: importResponse }],
  },
  routes: [
    {
      method: 'GET',
      path: '/backoffice/v2/integrations/export',
      handler: exportIntegrations,
      operations: [EXPORT_INTEGRATIONS],
      doc: {
        operationId: 'exportIntegrationsBO',
        summary: 'Export webhooks and automations as YAML',
        description: 'Needs integrations.read. An application/yaml document: version: 1, webhooks[], automations[].',
        tag: TAG,
        audience: 'backoffice',
        success: { status: 200, description: 'The YAML document.', binary: true },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/integrations/import',
      handler: importIntegrations,
      operations: [IMPORT_INTEGRATIONS],
      doc: {
        operationId: 'importIntegrationsBO',
        summary: 'Import webhooks and automations from YAML',
        description:
          'Needs integrations.write. The whole document is checked first (a 400 names the first bad field, e.g. document.automations.0.event) and nothing is written unless it passes; then missing entries are created and differing ones changed. Importing the same document again changes nothing.',
        tag: TAG,
        audience: 'backoffice',
        body: 'IntegrationsImportRequest',
        writes: true,
        success: { status: 200, description: 'What the import did.', schema: 'IntegrationsImportResult' },
      },
    },
  ],
});
