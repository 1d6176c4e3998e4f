import { z } from 'zod';
import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';
import type { RestContext } from '../../kit/context';

/** Contact organisation membership and switching (identity-write), shared by the two Self-Service resources. */
const PAYLOAD = `contactId tokens { accessToken refreshToken expiresAt } organisations { id type name } ${USER_ERROR_FIELDS}`;

export const SIGN_CONTACT_ORGANISATION = op(
  'mutation',
  'RestSignContactOrganisation',
  `mutation RestSignContactOrganisation($contactId: ID!, $input: ContactOrganisationInput!) { signContactOrganisation(contactId: $contactId, input: $input) { ${PAYLOAD} } }`,
);
export const SWITCH_CONTACT_ORGANISATION = op(
  'mutation',
  'RestSwitchContactOrganisation',
  `mutation RestSwitchContactOrganisation($organisationId: ID!) { switchContactOrganisation(organisationId: $organisationId) { ${PAYLOAD} } }`,
);
export const CONTACT_ORGANISATIONS = op(
  'query',
  'RestContactOrganisations',
  `query RestContactOrganisations($contactId: ID!, $name: String) { contactOrganisations(contactId: $contactId, name: $name) { id type name } }`,
);
export const CONTACT_NAMES = op(
  'query',
  'RestOrganisationContact',
  `query RestOrganisationContact($id: ID!) { contact(id: $id) { id type firstName lastName companyName } }`,
);

export interface GqlMembershipPayload {
  contactId: string | null;
  tokens: { accessToken: string; refreshToken: string; expiresAt: number } | null;
  organisations: { id: string; type: string; name: string }[];
  consistencyToken: string | null;
  errors: GqlUserError[];
}

export const contactSummary = z.strictObject({
  id: z.string(),
  type: z.enum(['PERSON', 'COMPANY']).optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  company_name: z.string().optional(),
});

/** The contract's `format: date` of a token's expiry. */
export const expiryDate = (epochSeconds: number): string => new Date(epochSeconds * 1000).toISOString().slice(0, 10);

/** `contact{id, type, names}` read with the NEW access token (the caller's next credential); `{id}` when the read fails. */
export async function contactWithTokens(ctx: RestContext, id: string, accessToken: string): Promise<z.infer<typeof contactSummary>> {
  try {
    const headers: Record<string, string> = { authorization: `Bearer ${accessToken}` };
    const apiKey = ctx.headers['api_key'];
    if (apiKey) headers['api_key'] = apiKey;
    for (const name of ['x-dev-principal', 'x-dev-tenant']) {
      const v = ctx.headers[name];
      if (v !== undefined) headers[name] = v;
    }
    const data = await ctx.gatewayWith(headers).run(CONTACT_NAMES, { id }, 'auth');
    const c = data['contact'] as { id: string; type: string; firstName: string | null; lastName: string | null; companyName: string | null } | null;
    if (!c) return { id };
    return {
      id: c.id,
      ...(c.type === 'PERSON' || c.type === 'COMPANY' ? { type: c.type } : {}),
      ...(c.firstName ? { first_name: c.firstName } : {}),
      ...(c.lastName ? { last_name: c.lastName } : {}),
      ...(c.companyName ? { company_name: c.companyName } : {}),
    };
  } catch {
    return { id };
  }
}
