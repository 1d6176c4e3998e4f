import type { NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { isUuid } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { landingPageOut, landingPageResponse, PUBLIC_LANDING_PAGE, type GqlLandingPage } from '../../domains/settings/landing-pages';

const TAG = 'Self-service landing pages';
/** LANDING_PAGE_NOT_FOUND is catalogued by settings-write, which the facade loads through the registry. */
const SUBJECT = 'landing page' as NotFoundSubject;

/** GET /self-service/v2/landing_pages/{id}: an ACTIVE landing page (removed, inactive or unknown: 404). */
const get: Handler = async (ctx) => {
  noQuery(ctx);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  const id = raw.toLowerCase();
  const data = await ctx.gateway.run(PUBLIC_LANDING_PAGE, { id }, snakeCaseFields);
  const page = data['publicLandingPage'] as GqlLandingPage | null | undefined;
  if (!page) throw recordNotFound(SUBJECT, id);
  sendJson(ctx.res, 200, landingPageOut(page));
};

export const resource = defineResource({
  family: 'self-service',
  name: 'landing-pages',
  pathParameters: { id: 'LandingPageId' },
  openapi: {
    tags: [{ name: TAG, description: 'Landing pages (registration, pass purchase) as a visitor opens them.' }],
    parameters: {
      LandingPageId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The landing page id (uuid).',
        schema: { type: 'string', format: 'uuid' },
      },
    },
    responseSchemas: [{ name: 'LandingPage', schema: landingPageResponse }],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/landing_pages/:id',
      handler: get,
      operations: [PUBLIC_LANDING_PAGE],
      doc: {
        operationId: 'getLandingPageSS',
        summary: 'Get a landing page',
        description: 'The public key alone is enough. An INACTIVE, removed or unknown page is 404.',
        tag: TAG,
        audience: 'apiKeyOnly',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The landing page.', schema: 'LandingPage' },
      },
    },
  ],
});
