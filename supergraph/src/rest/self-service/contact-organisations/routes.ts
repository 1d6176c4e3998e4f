import { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import { param, sendJson, type Handler, noQuery } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { parsePaging } from '../../kit/paging';
import { canonicalPathId, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { pagingResponse } from '../../kit/response-schemas';
import {
  CONTACT_ORGANISATIONS,
  CONTACT_NAMES,
  SIGN_CONTACT_ORGANISATION,
  contactSummary,
  contactWithTokens,
  expiryDate,
  type GqlMembershipPayload,
} from '../../domains/identity/contact-organisations';

const TAG = 'Self-service contact organisations';

const membershipBody = z.strictObject({
  action: z.enum(['SIGNUP', 'SIGNOFF']),
  organisation_id: z.string().max(64),
  service_acceptance: z.boolean().nullable().optional().describe('SIGNUP only; must not be false.'),
  email_opt_out: z.boolean().nullable().optional(),
  sms_opt_out: z.boolean().nullable().optional(),
  referral_code: z.string().max(64).optional().describe('Accepted; referral awards are not made yet.'),
});
const membershipResponse = z.strictObject({ access_token: z.string(), refresh_token: z.string(), exp: z.string(), contact: contactSummary });
const organisationsPage = z.strictObject({
  paging: pagingResponse,
  content: z.array(z.strictObject({ id: z.string(), name: z.string() })),
});

/** GET /self-service/v2/contacts/{id}/organisations → the organisations the contact signed up to, by name (paging envelope). */
const list: Handler = async (ctx) => {
  const q = queryParams(ctx.url.searchParams, ['page', 'size', 'include_total', 'name', 'include_wallet']);
  const include = q.get('include_wallet');
  if (include !== undefined && include !== 'true' && include !== 'false')
    throw AppError.validation('include_wallet', 'must be true or false', 'INVALID_VALUE');
  const paging = parsePaging(q, 10);
  const contactId = canonicalPathId(param(ctx, 'id'));
  const data = await ctx.gateway.run(CONTACT_ORGANISATIONS, { contactId, name: q.get('name') ?? null }, snakeCaseFields);
  const all = (data['contactOrganisations'] as { id: string; name: string }[] | null) ?? [];
  const start = (paging.page - 1) * paging.size;
  sendJson(ctx.res, 200, {
    paging: {
      page: paging.page,
      size: paging.size,
      ...(paging.includeTotal ? { total: all.length } : {}),
      has_more: start + paging.size < all.length,
    },
    content: all.slice(start, start + paging.size).map((o) => ({ id: o.id, name: o.name })),
  });
};

/** POST /self-service/v2/contacts/{id}/organisations `{action, organisation_id, …}` → 200 fresh tokens acting for it. */
const act: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = canonicalPathId(param(ctx, 'id'));
  const body = validateBody(membershipBody, await ctx.readBody());
  if (body.action === 'SIGNUP' && body.service_acceptance === false)
    throw AppError.validation('service_acceptance', 'signing up needs the service accepted', 'INVALID_VALUE');
  const input = {
    organisationId: body.organisation_id,
    action: body.action,
    emailOptOut: body.email_opt_out ?? null,
    smsOptOut: body.sms_opt_out ?? null,
  };
  const payload = await ctx.gateway.mutate<GqlMembershipPayload>(SIGN_CONTACT_ORGANISATION, { contactId, input }, 'signContactOrganisation', (f) =>
    f ? snakeCaseFields(f.replace(/^input\./, '')) : undefined,
  );
  const tokens = payload.tokens!;
  sendJson(ctx.res, 200, {
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    exp: expiryDate(tokens.expiresAt),
    contact: await contactWithTokens(ctx, payload.contactId ?? contactId, tokens.accessToken),
  });
};

export const resource = defineResource({
  family: 'self-service',
  name: 'contact-organisations',
  pathParameters: { id: 'MembershipContactId' },
  openapi: {
    tags: [{ name: TAG, description: 'Organisations of the business network a contact signs up to and off.' }],
    parameters: {
      MembershipContactId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The contact id (uuid).',
        schema: { type: 'string', format: 'uuid' },
      },
      MembershipName: { name: 'name', in: 'query', required: false, description: 'A part of the organisation name.', schema: { type: 'string' } },
      IncludeWallet: {
        name: 'include_wallet',
        in: 'query',
        required: false,
        description: 'Accepted; wallets are per tenant here, not per organisation.',
        schema: { type: 'boolean' },
      },
    },
    requestSchemas: [{ name: 'ContactOrganisationRequest', schema: membershipBody }],
    responseSchemas: [
      { name: 'ContactOrganisationTokens', schema: membershipResponse },
      { name: 'ContactOrganisationPage', schema: organisationsPage },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/contacts/:id/organisations',
      handler: list,
      operations: [CONTACT_ORGANISATIONS],
      doc: {
        operationId: 'listContactOrganisationsSS',
        summary: 'List the organisations the contact signed up to',
        tag: TAG,
        audience: 'contact',
        query: ['Page', 'Size', 'IncludeTotal', 'MembershipName', 'IncludeWallet'],
        reads: true,
        success: { status: 200, description: 'A page of organisations, by name.', schema: 'ContactOrganisationPage' },
      },
    },
    {
      method: 'POST',
      path: '/self-service/v2/contacts/:id/organisations',
      handler: act,
      operations: [SIGN_CONTACT_ORGANISATION, CONTACT_NAMES],
      doc: {
        operationId: 'signUpOutOrganisationSS',
        summary: 'Sign up to or off an organisation',
        description:
          'The signed-in contact only. SIGNUP: fresh tokens acting for the organisation; SIGNOFF: fresh tokens acting for the tenant. An organisation not in the business network, or SIGNOFF of one not joined, is 400 naming organisation_id.',
        tag: TAG,
        audience: 'contact',
        body: 'ContactOrganisationRequest',
        writes: true,
        success: { status: 200, description: 'Fresh tokens and the contact.', schema: 'ContactOrganisationTokens' },
      },
    },
  ],
});
