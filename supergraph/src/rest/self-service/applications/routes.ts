import { z } from 'zod';
import type { NotFoundSubject } from '@crm/platform/errors';
import { AppError } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler, type RestContext } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { query } from '../../kit/openapi';
import { isUuid, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { INTEGRATION_TYPES } from '@crm/event-bus/contracts/settings';
import {
  APP_BY_ID,
  APP_BY_PLATFORM_APP_ID,
  applicationOut,
  applicationResponse,
  embeddedLinkItem,
  embeddedLinkOut,
  integrationItem,
  integrationOut,
  type GqlAppSettings,
} from '../../domains/settings/app-settings';

const TAG = 'Self-service platform settings';
/** APP_SETTINGS_NOT_FOUND is catalogued by settings-write and settings-read. */
const APP = 'app settings' as NotFoundSubject;

const integrationList = z.strictObject({ content: z.array(integrationItem) });
const translations = z.strictObject({ embedded_links: z.array(embeddedLinkItem) });

/**
 * GET /self-service/v2/applications?platform_app_id= (the public key alone: the first call an app
 * makes, flow 6 step 1) → the app's public configuration; an unknown platform_app_id is 404.
 */
const getApplication: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, ['platform_app_id', 'cloud_name', 'version']);
  const platformAppId = params.get('platform_app_id')?.trim();
  if (!platformAppId) throw AppError.validation('platform_app_id', 'is required', 'REQUIRED');
  const data = await ctx.gateway.run(APP_BY_PLATFORM_APP_ID, { platformAppId }, snakeCaseFields);
  const app = data['appSettingsByPlatformAppId'] as GqlAppSettings | null | undefined;
  if (!app) throw recordNotFound(APP, platformAppId);
  sendJson(ctx.res, 200, applicationOut(app));
};

async function appById(ctx: RestContext): Promise<GqlAppSettings> {
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(APP, raw);
  const data = await ctx.gateway.run(APP_BY_ID, { id: raw.toLowerCase() }, snakeCaseFields);
  const app = data['appSettings'] as GqlAppSettings | null | undefined;
  if (!app) throw recordNotFound(APP, raw);
  return app;
}

/** GET /self-service/v2/applications/{id}/integrations?type= → `{content}` (e.g. the payment gateways a card is added through, flow 7). */
const listIntegrations: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, ['type', 'connector', 'payment_method', 'finance', 'rewards', 'transactions']);
  const type = params.get('type');
  if (type !== undefined && !(INTEGRATION_TYPES as readonly string[]).includes(type)) {
    throw AppError.validation('type', `must be one of ${INTEGRATION_TYPES.join(', ')}`, 'INVALID_ENUM');
  }
  const connector = params.get('connector')?.toUpperCase();
  const method = params.get('payment_method')?.toUpperCase();
  const app = await appById(ctx);
  const content = app.integrations
    .filter((i) => type === undefined || i.type === type)
    .filter((i) => connector === undefined || i.connector.toUpperCase() === connector)
    .filter((i) => method === undefined || i.paymentMethods.includes(method))
    .map(integrationOut);
  sendJson(ctx.res, 200, { content });
};

/** GET /self-service/v2/applications/{id}/translations → `{embedded_links}` in every language, by sort order. */
const getTranslations: Handler = async (ctx) => {
  noQuery(ctx);
  const app = await appById(ctx);
  sendJson(ctx.res, 200, { embedded_links: app.embeddedLinks.map(embeddedLinkOut) });
};

export const resource = defineResource({
  family: 'self-service',
  name: 'applications',
  pathParameters: { id: 'ApplicationId' },
  openapi: {
    tags: [{ name: TAG, description: 'What a self-service app reads at start-up: its configuration, custom field definitions and reference lists.' }],
    parameters: {
      ApplicationId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The application id (uuid).',
        schema: { type: 'string', format: 'uuid' },
      },
      PlatformAppId: {
        name: 'platform_app_id',
        in: 'query',
        required: true,
        description: 'The id the app is built with (required).',
        schema: { type: 'string', maxLength: 100 },
      },
      CloudName: query('cloud_name', { type: 'string' }, 'Accepted; not used to choose the configuration.'),
      AppVersion: query('version', { type: 'string' }, 'Accepted; not used to choose the configuration.'),
      IntegrationType: query('type', { type: 'string', enum: [...INTEGRATION_TYPES] }, 'Only integrations of this type.'),
      IntegrationConnector: query('connector', { type: 'string' }, 'Only integrations of this connector (case-insensitive).'),
      IntegrationPaymentMethod: query(
        'payment_method',
        { type: 'string' },
        'Only payment gateways taking this method (CARD, ACCOUNT_DEBIT, WALLET, A2A).',
      ),
      IntegrationFinance: query('finance', { type: 'boolean' }, 'Accepted; not used.'),
      IntegrationRewards: query('rewards', { type: 'boolean' }, 'Accepted; not used.'),
      IntegrationTransactions: query('transactions', { type: 'string' }, 'Accepted; not used.'),
    },
    responseSchemas: [
      { name: 'SelfServiceApplication', schema: applicationResponse },
      { name: 'SelfServiceIntegrationList', schema: integrationList },
      { name: 'SelfServiceApplicationTranslations', schema: translations },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/applications',
      handler: getApplication,
      operations: [APP_BY_PLATFORM_APP_ID],
      doc: {
        operationId: 'getApplicationSS',
        summary: "Get an application's public configuration",
        description: 'Needs only the public api_key: how contacts may sign in (per provider, guest and demo contacts) and how the app looks.',
        tag: TAG,
        audience: 'apiKeyOnly',
        query: ['PlatformAppId', 'CloudName', 'AppVersion'],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The configuration.', schema: 'SelfServiceApplication' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/applications/:id/integrations',
      handler: listIntegrations,
      operations: [APP_BY_ID],
      doc: {
        operationId: 'listApplicationIntegrationsSS',
        summary: "List an application's integrations",
        tag: TAG,
        audience: 'selfservice',
        query: [
          'IntegrationType',
          'IntegrationConnector',
          'IntegrationPaymentMethod',
          'IntegrationFinance',
          'IntegrationRewards',
          'IntegrationTransactions',
        ],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The integrations.', schema: 'SelfServiceIntegrationList' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/applications/:id/translations',
      handler: getTranslations,
      operations: [APP_BY_ID],
      doc: {
        operationId: 'getApplicationTranslationsSS',
        summary: "Get an application's embedded links in every language",
        tag: TAG,
        audience: 'selfservice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The links, by sort order.', schema: 'SelfServiceApplicationTranslations' },
      },
    },
  ],
});
