import { z } from 'zod';
import { noQuery, param, sendJson, type Handler, type RestContext } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import type { NotFoundSubject } from '@crm/platform/errors';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds } from '../../kit/format';
import { defineResource } from '../../kit/resource';
import { epoch } from '../../kit/response-schemas';
import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';

const TAG = 'Integration adapters';
const BASE = '/backoffice/v2/integrations/adapters';
const KINDS = ['SENDGRID', 'MIXPANEL', 'GA4', 'TWILIO'] as const;
/** Its 404 reason (INTEGRATION_ADAPTER_NOT_FOUND) is catalogued by integrations-write. */
const ADAPTER = 'integration adapter' as NotFoundSubject;

export const CONFIGURE_ADAPTER = op(
  'mutation',
  'RestConfigureIntegrationAdapter',
  `mutation RestConfigureIntegrationAdapter($kind: String!, $credentials: AutomationValue!, $settings: AutomationValue) { configureIntegrationAdapter(kind: $kind, credentials: $credentials, settings: $settings) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);
export const REMOVE_ADAPTER = op(
  'mutation',
  'RestRemoveIntegrationAdapter',
  `mutation RestRemoveIntegrationAdapter($kind: String!) { removeIntegrationAdapter(kind: $kind) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);
export const LIST_ADAPTERS = op(
  'query',
  'RestListIntegrationAdapters',
  `query RestListIntegrationAdapters { integrationAdapters { kind settings createdAt updatedAt } }`,
);

/** PUT /backoffice/v2/integrations/adapters/{kind}. */
export const adapterBody = z.strictObject({
  credentials: z
    .record(z.string(), z.string().min(1).max(500))
    .describe('SENDGRID {api_key}; MIXPANEL {token}; GA4 {api_secret}; TWILIO {account_sid, auth_token}. Sealed at rest; never returned.'),
  settings: z
    .record(z.string(), z.string().min(1).max(500))
    .optional()
    .describe(
      'SENDGRID {from_email, from_name?}; GA4 {measurement_id}; TWILIO {from_number}; every provider: base_url? (where it is reached; checked like a webhook URL).',
    ),
});

export const adapterListResponse = z.strictObject({
  content: z.array(
    z.strictObject({
      kind: z.enum(KINDS),
      settings: z.record(z.string(), z.string()),
      created_date: epoch,
      updated_date: epoch,
    }),
  ),
});

type IdPayload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };

function kindOf(ctx: RestContext): string {
  const raw = param(ctx, 'kind').toUpperCase();
  if (!(KINDS as readonly string[]).includes(raw)) throw recordNotFound(ADAPTER, param(ctx, 'kind'));
  return raw;
}

/** PUT /backoffice/v2/integrations/adapters/{kind} `{credentials, settings}` → 200 `{kind}`. */
const configure: Handler = async (ctx) => {
  noQuery(ctx);
  const kind = kindOf(ctx);
  const body = validateBody(adapterBody, await ctx.readBody());
  await ctx.gateway.mutate<IdPayload>(
    CONFIGURE_ADAPTER,
    { kind, credentials: body.credentials, settings: body.settings ?? {} },
    'configureIntegrationAdapter',
    snakeCaseFields,
  );
  sendJson(ctx.res, 200, { kind });
};

const remove: Handler = async (ctx) => {
  noQuery(ctx);
  const kind = kindOf(ctx);
  await ctx.gateway.mutate<IdPayload>(REMOVE_ADAPTER, { kind }, 'removeIntegrationAdapter', snakeCaseFields);
  sendJson(ctx.res, 204, undefined);
};

const list: Handler = async (ctx) => {
  noQuery(ctx);
  const data = await ctx.gateway.run(LIST_ADAPTERS, {}, snakeCaseFields);
  const adapters = data['integrationAdapters'] as { kind: string; settings: Record<string, string>; createdAt: string; updatedAt: string }[];
  sendJson(ctx.res, 200, {
    content: adapters.map((a) => ({
      kind: a.kind,
      settings: a.settings,
      created_date: epochSeconds(a.createdAt),
      updated_date: epochSeconds(a.updatedAt),
    })),
  });
};

/** Provider adapters per tenant (Sendgrid, Mixpanel, GA4, Twilio) that ADAPTER actions of automations call. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'integration-adapters',
  pathParameters: { kind: 'AdapterKind' },
  openapi: {
    tags: [
      {
        name: TAG,
        description:
          "The tenant's provider adapters that automations' ADAPTER actions call: Sendgrid (email), Mixpanel (profiles, tracked events), Google Analytics 4 (Measurement Protocol) and Twilio (SMS). Credentials are sealed at rest and never returned.",
      },
    ],
    requestSchemas: [{ name: 'IntegrationAdapterRequest', schema: adapterBody }],
    responseSchemas: [
      { name: 'IntegrationAdapterList', schema: adapterListResponse },
      { name: 'IntegrationAdapterKind', schema: z.strictObject({ kind: z.enum(KINDS) }) },
    ],
    parameters: {
      AdapterKind: {
        name: 'kind',
        in: 'path',
        required: true,
        description: 'SENDGRID, MIXPANEL, GA4 or TWILIO (any case); anything else is a 404.',
        schema: { type: 'string', minLength: 1, maxLength: 20 },
      },
    },
  },
  routes: [
    {
      method: 'GET',
      path: BASE,
      handler: list,
      operations: [LIST_ADAPTERS],
      doc: {
        operationId: 'listIntegrationAdaptersBO',
        summary: 'List provider adapters',
        description: 'Needs integrations.read. Their settings only: credentials are never returned.',
        tag: TAG,
        audience: 'backoffice',
        success: { status: 200, description: 'The configured adapters.', schema: 'IntegrationAdapterList' },
      },
    },
    {
      method: 'PUT',
      path: `${BASE}/:kind`,
      handler: configure,
      operations: [CONFIGURE_ADAPTER],
      doc: {
        operationId: 'configureIntegrationAdapterBO',
        summary: 'Configure a provider adapter',
        description: 'Needs integrations.write. Replaces its credentials (sealed) and settings; a 400 names the first missing or unknown field.',
        tag: TAG,
        audience: 'backoffice',
        body: 'IntegrationAdapterRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Configured; the kind.', schema: 'IntegrationAdapterKind' },
      },
    },
    {
      method: 'DELETE',
      path: `${BASE}/:kind`,
      handler: remove,
      operations: [REMOVE_ADAPTER],
      doc: {
        operationId: 'removeIntegrationAdapterBO',
        summary: 'Remove a provider adapter',
        description: 'Needs integrations.write. Its credentials are erased; ADAPTER actions naming it fail from now on.',
        tag: TAG,
        audience: 'backoffice',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 204, description: 'Removed. No body.' },
      },
    },
  ],
});
