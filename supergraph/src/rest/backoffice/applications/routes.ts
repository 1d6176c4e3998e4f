import { z } from 'zod';
import type { NotFoundSubject } from '@crm/platform/errors';
import {
  APP_COLOUR_TYPES,
  APP_FONTS,
  APP_LAYOUTS,
  APP_TYPES,
  EMBEDDED_LINK_LANGUAGES,
  INTEGRATION_PAYMENT_METHODS,
  INTEGRATION_TYPES,
} from '@crm/event-bus/contracts/settings';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds } from '../../kit/format';
import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';
import { idempotencyKeyOf, isUuid } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { epoch } from '../../kit/response-schemas';
import {
  APP_BY_ID,
  APP_LIST,
  applicationOut,
  applicationResponse,
  embeddedLinkItem,
  embeddedLinkOut,
  integrationItem,
  integrationOut,
  type GqlAppSettings,
} from '../../domains/settings/app-settings';

const TAG = 'Back-office applications';
/** APP_SETTINGS_NOT_FOUND is catalogued by settings-write and settings-read. */
const SUBJECT = 'app settings' as NotFoundSubject;

const PAYLOAD = `id consistencyToken ${USER_ERROR_FIELDS}`;
const CREATE = op(
  'mutation',
  'RestCreateAppSettings',
  `mutation RestCreateAppSettings($input: AppSettingsInput!, $idempotencyKey: String) { createAppSettings(input: $input, idempotencyKey: $idempotencyKey) { ${PAYLOAD} } }`,
);
const REPLACE = op(
  'mutation',
  'RestReplaceAppSettings',
  `mutation RestReplaceAppSettings($id: ID!, $input: AppSettingsInput!) { replaceAppSettings(id: $id, input: $input) { ${PAYLOAD} } }`,
);
const REMOVE = op('mutation', 'RestRemoveAppSettings', `mutation RestRemoveAppSettings($id: ID!) { removeAppSettings(id: $id) { ${PAYLOAD} } }`);

type Payload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };

const contactOption = z.strictObject({
  is_supported: z.boolean(),
  contact: z
    .strictObject({ id: z.string().max(64), name: z.string().max(200).optional() })
    .optional()
    .describe('Required when supported.'),
});
const appBody = z.strictObject({
  platform_app_id: z.string().min(1).max(100).describe('The id the app is built with (letters, digits, . _ : -); unique per tenant.'),
  name: z.string().min(1).max(100),
  type: z.enum(APP_TYPES),
  description: z.string().max(1000).nullable().optional(),
  brand_name: z.string().max(100).nullable().optional(),
  authentication: z
    .strictObject({
      email_password: z.boolean().optional().describe('Default true.'),
      email_otp: z.boolean().optional(),
      sms_otp: z.boolean().optional(),
      facebook: z.strictObject({ is_supported: z.boolean(), app_id: z.string().max(100).nullable().optional() }).optional(),
      google: z.strictObject({ is_supported: z.boolean() }).optional(),
      sso: z.strictObject({ is_supported: z.boolean() }).optional(),
      guest_contact: contactOption.optional(),
      demo_contact: contactOption.optional(),
    })
    .optional(),
  appearance: z
    .strictObject({
      dark_mode: z.boolean().optional(),
      homepage_layout: z.enum(APP_LAYOUTS).optional(),
      ordering_layout: z.enum(APP_LAYOUTS).optional(),
      colours: z
        .array(z.strictObject({ type: z.enum(APP_COLOUR_TYPES), value: z.string().max(9) }))
        .max(20)
        .optional(),
      fonts: z
        .array(z.strictObject({ type: z.enum(['TEXT']), font: z.enum(APP_FONTS) }))
        .max(1)
        .optional(),
    })
    .optional(),
  show_best_selling: z.boolean().optional(),
  show_recommendations: z.boolean().optional(),
  integrations: z
    .array(
      z.strictObject({
        id: z.string().max(64).optional().describe('Keep an existing integration by its id; a new one gets an id.'),
        type: z.enum(INTEGRATION_TYPES),
        connector: z.string().min(1).max(100),
        organisation_id: z.string().max(64).nullable().optional(),
        media_url: z.string().max(2000).nullable().optional(),
        payment_methods: z.array(z.enum(INTEGRATION_PAYMENT_METHODS)).max(4).optional(),
      }),
    )
    .max(50)
    .optional(),
  embedded_links: z
    .array(
      z.strictObject({
        id: z.string().max(64).optional(),
        title: z.string().min(1).max(200),
        url: z.string().min(1).max(2000).describe('An absolute http(s) URL.'),
        language_code: z.enum(EMBEDDED_LINK_LANGUAGES),
        sort_order: z.int().min(0).max(10_000).optional(),
      }),
    )
    .max(100)
    .optional(),
});
type AppBody = z.infer<typeof appBody>;

const appResponse = applicationResponse.extend({
  platform_app_id: z.string(),
  integrations: z.array(integrationItem),
  embedded_links: z.array(embeddedLinkItem),
  created_date: epoch,
  updated_date: epoch,
});
const appList = z.strictObject({ content: z.array(appResponse) });

const optionIn = (o: z.infer<typeof contactOption> | undefined) =>
  o ? { isSupported: o.is_supported, contactId: o.contact?.id ?? null, contactName: o.contact?.name ?? null } : null;

/** The REST body as the GraphQL input (camelCase). */
function inputOf(b: AppBody) {
  const auth = b.authentication;
  const look = b.appearance;
  return {
    platformAppId: b.platform_app_id,
    name: b.name,
    type: b.type,
    description: b.description ?? null,
    brandName: b.brand_name ?? null,
    authentication: auth
      ? {
          emailPassword: auth.email_password ?? null,
          emailOtp: auth.email_otp ?? null,
          smsOtp: auth.sms_otp ?? null,
          facebook: auth.facebook ? { isSupported: auth.facebook.is_supported, appId: auth.facebook.app_id ?? null } : null,
          google: auth.google?.is_supported ?? null,
          sso: auth.sso?.is_supported ?? null,
          guestContact: optionIn(auth.guest_contact),
          demoContact: optionIn(auth.demo_contact),
        }
      : null,
    appearance: look
      ? {
          darkMode: look.dark_mode ?? null,
          homepageLayout: look.homepage_layout ?? null,
          orderingLayout: look.ordering_layout ?? null,
          colours: look.colours ?? null,
          textFont: look.fonts?.[0]?.font ?? null,
        }
      : null,
    showBestSelling: b.show_best_selling ?? null,
    showRecommendations: b.show_recommendations ?? null,
    integrations:
      b.integrations?.map((i) => ({
        id: i.id ?? null,
        type: i.type,
        connector: i.connector,
        organisationId: i.organisation_id ?? null,
        mediaUrl: i.media_url ?? null,
        paymentMethods: i.payment_methods ?? null,
      })) ?? null,
    embeddedLinks:
      b.embedded_links?.map((l) => ({
        id: l.id ?? null,
        title: l.title,
        url: l.url,
        languageCode: l.language_code,
        sortOrder: l.sort_order ?? null,
      })) ?? null,
  };
}

const toResponse = (a: GqlAppSettings): z.infer<typeof appResponse> => ({
  ...applicationOut(a),
  platform_app_id: a.platformAppId,
  integrations: a.integrations.map(integrationOut),
  embedded_links: a.embeddedLinks.map(embeddedLinkOut),
  created_date: epochSeconds(a.createdAt),
  updated_date: epochSeconds(a.updatedAt),
});

function pathId(raw: string): string {
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  return raw.toLowerCase();
}

/** POST /backoffice/v2/applications → 201 `{id}`. */
const create: Handler = async (ctx) => {
  noQuery(ctx);
  const input = inputOf(validateBody(appBody, await ctx.readBody()));
  const payload = await ctx.gateway.mutate<Payload>(
    CREATE,
    { input, idempotencyKey: idempotencyKeyOf(ctx.req) },
    'createAppSettings',
    snakeCaseFields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

/** GET /backoffice/v2/applications → every configuration, by platform_app_id. */
const list: Handler = async (ctx) => {
  noQuery(ctx);
  const data = await ctx.gateway.run(APP_LIST, {}, snakeCaseFields);
  sendJson(ctx.res, 200, { content: ((data['appSettingsList'] as GqlAppSettings[] | null | undefined) ?? []).map(toResponse) });
};

/** GET /backoffice/v2/applications/{id}. */
const get: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(param(ctx, 'id'));
  const data = await ctx.gateway.run(APP_BY_ID, { id }, snakeCaseFields);
  const found = data['appSettings'] as GqlAppSettings | null | undefined;
  if (!found) throw recordNotFound(SUBJECT, id);
  sendJson(ctx.res, 200, toResponse(found));
};

/** PUT /backoffice/v2/applications/{id} → 200 `{id}`: the whole configuration is replaced. */
const replace: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(param(ctx, 'id'));
  const input = inputOf(validateBody(appBody, await ctx.readBody()));
  await ctx.gateway.mutate<Payload>(REPLACE, { id, input }, 'replaceAppSettings', snakeCaseFields);
  sendJson(ctx.res, 200, { id });
};

/** DELETE /backoffice/v2/applications/{id} → 204. */
const remove: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(param(ctx, 'id'));
  await ctx.gateway.mutate<Payload>(REMOVE, { id }, 'removeAppSettings', snakeCaseFields);
  sendJson(ctx.res, 204, undefined);
};

const doc = { tag: TAG, audience: 'backoffice' as const };

export const resource = defineResource({
  family: 'backoffice',
  name: 'applications',
  pathParameters: { id: 'ApplicationId' },
  openapi: {
    tags: [{ name: TAG, description: "Self-service applications' public configuration: sign-in options, appearance, integrations, embedded links." }],
    parameters: {
      ApplicationId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The application id (uuid).',
        schema: { type: 'string', format: 'uuid' },
      },
    },
    requestSchemas: [{ name: 'ApplicationRequest', schema: appBody }],
    responseSchemas: [
      { name: 'Application', schema: appResponse },
      { name: 'ApplicationList', schema: appList },
    ],
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/applications',
      handler: create,
      operations: [CREATE],
      doc: {
        ...doc,
        operationId: 'createApplicationBO',
        summary: "Create an application's configuration",
        description: 'Needs settings.write. A platform_app_id the tenant has already: 409.',
        body: 'ApplicationRequest',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Created; the id of the application.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/applications',
      handler: list,
      operations: [APP_LIST],
      doc: {
        ...doc,
        operationId: 'listApplicationsBO',
        summary: 'List applications',
        reads: true,
        success: { status: 200, description: 'The applications.', schema: 'ApplicationList' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/applications/:id',
      handler: get,
      operations: [APP_BY_ID],
      doc: {
        ...doc,
        operationId: 'getApplicationBO',
        summary: 'Get an application',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The configuration.', schema: 'Application' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/applications/:id',
      handler: replace,
      operations: [REPLACE],
      doc: {
        ...doc,
        operationId: 'replaceApplicationBO',
        summary: "Replace an application's configuration",
        description: 'The whole configuration: integrations and links sent with their id are kept, the others get new ids, those left out are gone.',
        body: 'ApplicationRequest',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 200, description: 'Replaced; the id of the application.', schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: '/backoffice/v2/applications/:id',
      handler: remove,
      operations: [REMOVE],
      doc: {
        ...doc,
        operationId: 'removeApplicationBO',
        summary: "Remove an application's configuration",
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 204, description: 'Removed. No body.' },
      },
    },
  ],
});
