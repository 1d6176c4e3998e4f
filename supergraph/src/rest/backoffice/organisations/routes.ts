import { noQuery, sendJson, type Handler, type RestContext } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { epochSeconds } from '../../kit/format';
import { defineResource } from '../../kit/resource';
import { pathGuid } from '../../domains/identity/directory';
import { BOD, BOD_TAG } from '../../domains/identity/openapi';
import { LIST_ORGANISATIONS, type GqlOrganisation } from './operations';
import { organisationListResponse, organisationResponse } from './schemas';

function toOrganisation(o: GqlOrganisation): Record<string, unknown> {
  return { id: o.id, ...(o.parentId !== null ? { parent_id: o.parentId } : {}), type: o.type, name: o.name, created_date: epochSeconds(o.createdAt) };
}

async function organisations(ctx: RestContext): Promise<GqlOrganisation[]> {
  const data = await ctx.gateway.run(LIST_ORGANISATIONS, {}, 'auth');
  return (data['organisations'] as GqlOrganisation[] | null | undefined) ?? [];
}

/** GET /backoffice/v2/organisations → the business, its merchants and venues. */
const listOrganisations: Handler = async (ctx) => {
  noQuery(ctx);
  sendJson(ctx.res, 200, { content: (await organisations(ctx)).map(toOrganisation) });
};

/** GET /backoffice/v2/organisations/{id}. */
const getOrganisation: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathGuid(ctx, 'organisation');
  const found = (await organisations(ctx)).find((o) => o.id === id);
  if (!found) throw recordNotFound('organisation', id);
  sendJson(ctx.res, 200, toOrganisation(found));
};

/** Organisations of the business: list and read. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'organisations',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [BOD_TAG],
    requestSchemas: [],
    responseSchemas: [
      { name: 'Organisation', schema: organisationResponse },
      { name: 'OrganisationList', schema: organisationListResponse },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: '/backoffice/v2/organisations',
      handler: listOrganisations,
      operations: [LIST_ORGANISATIONS],
      doc: {
        operationId: 'listOrganisationsBO',
        summary: 'List organisations',
        description: 'The business, its merchants and venues; for signed-in back-office users.',
        tag: BOD,
        audience: 'user',
        reads: true,
        success: { status: 200, description: 'The organisations.', schema: 'OrganisationList' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/organisations/:id',
      handler: getOrganisation,
      operations: [LIST_ORGANISATIONS],
      doc: {
        operationId: 'getOrganisationBO',
        summary: 'Get an organisation',
        tag: BOD,
        audience: 'user',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The organisation.', schema: 'Organisation' },
      },
    },
  ],
});
