import { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import { headerValue, isUuid, canonicalPathId, queryParams } from '../../kit/request';
import { param, sendJson, type Handler, type RestContext } from '../../kit/context';
import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';
import { defineResource } from '../../kit/resource';
import { selfServiceRoutes } from '../../domains/subscriptions/openapi';
import { contactNotFound } from '../../domains/contacts/errors';
import { keyOnly } from '../../domains/identity/session';
import type { GqlSessionTokens } from '../../domains/identity/operations';

const SWITCH_CONTACT = op(
  'mutation',
  'RestSwitchContact',
  `mutation RestSwitchContact($ownerId: ID!) { switchContact(ownerId: $ownerId) { contactId consistencyToken tokens { accessToken refreshToken expiresAt sessionId } ${USER_ERROR_FIELDS} } }`,
);
const SWITCH_CONTACT_SUMMARY = op(
  'query',
  'RestSwitchContactSummary',
  `query RestSwitchContactSummary($id: ID!) { contact(id: $id) { id type firstName lastName companyName } }`,
);

interface GqlSummary {
  id: string;
  type: 'PERSON' | 'COMPANY';
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
}

const summary = z.strictObject({
  id: z.string(),
  type: z.enum(['PERSON', 'COMPANY']).optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  company_name: z.string().optional(),
  is_verified: z.boolean().optional(),
});
const switchResponse = z.strictObject({
  access_token: z.string(),
  refresh_token: z.string(),
  expiration_date: z.int().min(0).describe('Epoch seconds'),
  contact: summary,
  organisations: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  initial_contact: summary.optional(),
});

async function summaryOf(ctx: RestContext, headers: Record<string, string> | null, id: string): Promise<z.infer<typeof summary>> {
  try {
    const caller = headers ? ctx.gatewayWith(headers) : ctx.gateway;
    const c = (await caller.run(SWITCH_CONTACT_SUMMARY, { id }, 'auth'))['contact'] as GqlSummary | null;
    if (!c) return { id };
    return {
      id: c.id,
      type: c.type,
      ...(c.firstName ? { first_name: c.firstName } : {}),
      ...(c.lastName ? { last_name: c.lastName } : {}),
      ...(c.companyName ? { company_name: c.companyName } : {}),
    };
  } catch {
    // the switch itself succeeded; only the names are missing
    return { id };
  }
}

/**
 * The caller's contact id: the `sub` of its bearer token (read without verifying: the gateway has
 * just accepted the token for the switch), or the development principal `contact:<id>`.
 */
function callerContactId(ctx: RestContext): string | null {
  const auth = ctx.headers['authorization'];
  if (auth) {
    const token = auth.startsWith('Bearer ') ? auth.slice(7).trim() : auth.trim();
    const part = token.split('.')[1];
    if (part && part.length <= 4096) {
      try {
        const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { sub?: unknown };
        if (typeof claims.sub === 'string') return claims.sub;
      } catch {
        return null;
      }
    }
  }
  const dev = ctx.headers['x-dev-principal'];
  return dev?.startsWith('contact:') ? dev.slice('contact:'.length) : null;
}

/**
 * POST /self-service/v2/contacts/{id}/switch: the signed-in contact, an accepted member of {id}'s
 * community with is_admin or FULL_ACCESS, gets tokens acting as {id}; `initial_contact` is itself.
 */
const switchContact: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw contactNotFound(raw);
  const ownerId = canonicalPathId(raw);
  const body = await ctx.readOptionalBody();
  if (Object.keys(body).length > 0) throw AppError.validation(Object.keys(body)[0]!, 'the switch takes no body', 'INVALID_VALUE');
  const payload = await ctx.gateway.mutate<{
    contactId: string | null;
    consistencyToken: string | null;
    tokens: GqlSessionTokens | null;
    errors: GqlUserError[];
  }>(SWITCH_CONTACT, { ownerId }, 'switchContact', 'auth');
  const tokens = payload.tokens;
  if (!tokens) throw new AppError('INTERNAL', 'the switch issued no tokens');
  const next = { ...keyOnly(ctx, headerValue(ctx.req, 'api_key')), authorization: `Bearer ${tokens.accessToken}` };
  const memberId = callerContactId(ctx);
  const [contact, initial] = await Promise.all([summaryOf(ctx, next, ownerId), memberId ? summaryOf(ctx, null, memberId) : Promise.resolve(null)]);
  sendJson(ctx.res, 200, {
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    expiration_date: tokens.expiresAt,
    contact,
    organisations: [],
    ...(initial ? { initial_contact: initial } : {}),
  });
};

/** Acting as another contact of one's community. */
export const resource = defineResource({
  family: 'self-service',
  name: 'contact-switch',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    responseSchemas: [{ name: 'ContactSwitchResult', schema: switchResponse }],
  },
  routes: [
    selfServiceRoutes('Communities', 'selfservice', '')('POST', '/contacts/:id/switch', switchContact, [SWITCH_CONTACT, SWITCH_CONTACT_SUMMARY], {
      operationId: 'switchContactSS',
      summary: 'Act as the owner of one’s community',
      description:
        'The signed-in contact must be an accepted member of {id}’s community with is_admin or FULL_ACCESS (a narrower grant: 403; no membership: 404). The tokens act as {id} in full; initial_contact is the caller.',
      writes: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'Tokens acting as the owner.', schema: 'ContactSwitchResult' },
    }),
  ],
});
