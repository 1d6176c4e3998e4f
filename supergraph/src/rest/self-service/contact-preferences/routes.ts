import { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import { PREFERENCE_TYPES } from '@crm/event-bus/contracts/settings';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';
import { canonicalPathId, isUuid } from '../../kit/request';
import { defineResource } from '../../kit/resource';

const TAG = 'Self-service contact preferences';

const PROFILE = op(
  'query',
  'RestContactPreferences',
  `query RestContactPreferences($contactId: ID!) { contactProfile(contactId: $contactId) { contactId preferences { id type organisationId } } }`,
);
const ORGANISATION_NAME = op(
  'query',
  'RestPreferredOrganisation',
  `query RestPreferredOrganisation($id: ID!) { networkOrganisation(id: $id) { id name } }`,
);
const SET = op(
  'mutation',
  'RestSetContactPreference',
  `mutation RestSetContactPreference($contactId: ID!, $type: String!, $organisationId: ID!) { setContactPreference(contactId: $contactId, type: $type, organisationId: $organisationId) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

type Payload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };

const preferenceBody = z.strictObject({
  organisation_id: z.string().max(64).describe('An organisation of the business network.'),
  type: z.enum(PREFERENCE_TYPES),
});
const preferencesResponse = z.strictObject({
  organisations: z.array(z.strictObject({ id: z.string().describe('The organisation id.'), type: z.enum(PREFERENCE_TYPES), name: z.string() })),
});

async function organisationName(ctx: Parameters<Handler>[0], id: string): Promise<string | null> {
  const data = await ctx.gateway.run(ORGANISATION_NAME, { id }, snakeCaseFields);
  return (data['networkOrganisation'] as { name: string } | null | undefined)?.name ?? null;
}

/** GET /self-service/v2/contacts/{id}/preferences → the preferred organisation per type (ORDERS, REWARDS), with names. */
const list: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = canonicalPathId(param(ctx, 'id'));
  const data = await ctx.gateway.run(PROFILE, { contactId }, snakeCaseFields);
  const prefs = (data['contactProfile'] as { preferences: { type: string; organisationId: string }[] } | null)?.preferences ?? [];
  const organisations: z.infer<typeof preferencesResponse>['organisations'] = [];
  for (const p of prefs) {
    // an organisation that left the network is no longer a preference
    const name = await organisationName(ctx, p.organisationId);
    if (name !== null) organisations.push({ id: p.organisationId, type: p.type as (typeof PREFERENCE_TYPES)[number], name });
  }
  sendJson(ctx.res, 200, { organisations });
};

/** POST /self-service/v2/contacts/{id}/preferences `{organisation_id, type}` → 200 `{id}` (replaces that type's preference). */
const set: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = canonicalPathId(param(ctx, 'id'));
  const body = validateBody(preferenceBody, await ctx.readBody());
  if (!isUuid(body.organisation_id)) throw AppError.validation('organisation_id', 'must be a UUID', 'INVALID_VALUE');
  const organisationId = body.organisation_id.toLowerCase();
  if ((await organisationName(ctx, organisationId)) === null)
    throw AppError.validation('organisation_id', `organisation ${organisationId} is not in the business network`, 'INVALID_VALUE');
  const payload = await ctx.gateway.mutate<Payload>(SET, { contactId, type: body.type, organisationId }, 'setContactPreference', snakeCaseFields);
  sendJson(ctx.res, 200, { id: payload.id });
};

export const resource = defineResource({
  family: 'self-service',
  name: 'contact-preferences',
  pathParameters: { id: 'PreferenceContactId' },
  openapi: {
    tags: [{ name: TAG, description: "A contact's preferred organisation (store) for ORDERS and for REWARDS." }],
    parameters: {
      PreferenceContactId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The contact id (uuid).',
        schema: { type: 'string', format: 'uuid' },
      },
    },
    requestSchemas: [{ name: 'ContactPreferenceRequest', schema: preferenceBody }],
    responseSchemas: [{ name: 'ContactPreferences', schema: preferencesResponse }],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/contacts/:id/preferences',
      handler: list,
      operations: [PROFILE, ORGANISATION_NAME],
      doc: {
        operationId: 'getContactPreferencesSS',
        summary: "Get the contact's preferred organisations",
        tag: TAG,
        audience: 'contact',
        reads: true,
        success: { status: 200, description: 'One organisation per preferred type.', schema: 'ContactPreferences' },
      },
    },
    {
      method: 'POST',
      path: '/self-service/v2/contacts/:id/preferences',
      handler: set,
      operations: [ORGANISATION_NAME, SET],
      doc: {
        operationId: 'setContactPreferenceSS',
        summary: "Set the contact's preferred organisation for a type",
        description: 'The organisation must be in the business network (400 naming organisation_id otherwise). Replaces the preference of that type.',
        tag: TAG,
        audience: 'contact',
        body: 'ContactPreferenceRequest',
        writes: true,
        success: { status: 200, description: 'The id of the preference.', schema: 'IdResult' },
      },
    },
  ],
});
