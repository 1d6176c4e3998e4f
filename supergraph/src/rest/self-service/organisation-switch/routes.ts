import { z } from 'zod';
import type { NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { isUuid } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import {
  CONTACT_NAMES,
  SWITCH_CONTACT_ORGANISATION,
  contactSummary,
  contactWithTokens,
  expiryDate,
  type GqlMembershipPayload,
} from '../../domains/identity/contact-organisations';

const TAG = 'Self-service organisation switch';
/** ORGANISATION_NOT_FOUND is catalogued by identity-write. */
const ORGANISATION = 'organisation' as NotFoundSubject;
const ORG_TYPES = ['OPERATOR', 'SERVICE_OWNER', 'TRANSACTION_PROCESSOR', 'BUSINESS', 'ORGANISATION', 'MERCHANT', 'VENUE'] as const;

const switchResponse = z.strictObject({
  access_token: z.string(),
  refresh_token: z.string(),
  expiration_date: z.string(),
  contact: contactSummary,
  organisations: z.array(z.strictObject({ id: z.string(), type: z.enum(ORG_TYPES), name: z.string() })),
});

/** POST /self-service/v2/organisations/{id}/switch → fresh tokens acting for an organisation the contact joined (or the tenant's own). */
const switchTo: Handler = async (ctx) => {
  noQuery(ctx);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(ORGANISATION, raw);
  const payload = await ctx.gateway.mutate<GqlMembershipPayload>(
    SWITCH_CONTACT_ORGANISATION,
    { organisationId: raw.toLowerCase() },
    'switchContactOrganisation',
    snakeCaseFields,
  );
  const tokens = payload.tokens!;
  sendJson(ctx.res, 200, {
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    expiration_date: expiryDate(tokens.expiresAt),
    contact: await contactWithTokens(ctx, payload.contactId!, tokens.accessToken),
    organisations: payload.organisations.map((o) => ({ id: o.id, type: o.type as (typeof ORG_TYPES)[number], name: o.name })),
  });
};

export const resource = defineResource({
  family: 'self-service',
  name: 'organisation-switch',
  pathParameters: { id: 'SwitchOrganisationId' },
  openapi: {
    tags: [{ name: TAG, description: "Switch a contact's session to an organisation it has joined." }],
    parameters: {
      SwitchOrganisationId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The organisation id (uuid).',
        schema: { type: 'string', format: 'uuid' },
      },
    },
    responseSchemas: [{ name: 'OrganisationSwitch', schema: switchResponse }],
  },
  routes: [
    {
      method: 'POST',
      path: '/self-service/v2/organisations/:id/switch',
      handler: switchTo,
      operations: [SWITCH_CONTACT_ORGANISATION, CONTACT_NAMES],
      doc: {
        operationId: 'switchOrganisationSS',
        summary: 'Switch to an organisation',
        description:
          "The signed-in contact's fresh tokens acting for an organisation it signed up to (or the tenant's own); any other is 404. The sign-in time of the calling session carries over.",
        tag: TAG,
        audience: 'contact',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 200, description: 'Fresh tokens, the contact and the organisations it joined.', schema: 'OrganisationSwitch' },
      },
    },
  ],
});
