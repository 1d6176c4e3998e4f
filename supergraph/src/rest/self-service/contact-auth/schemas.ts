import { z } from 'zod';
import { CONTACT_TYPES } from '@crm/event-bus/contracts/contacts';
import { epoch } from '../../kit/response-schemas';

/** The organisation types of the Self-Service auth payload's `organisations[]`. */
export const ORGANISATION_TYPES = ['OPERATOR', 'SERVICE_OWNER', 'TRANSACTION_PROCESSOR', 'BUSINESS', 'ORGANISATION', 'MERCHANT', 'VENUE'] as const;

/**
 * The Self-Service auth payload (NOTES §1.3; the v2 OpenAPI response of register, authenticate,
 * validate_otp and refresh). Tokens, or — when a one-time code must be validated first —
 * `auth_otp` + `obfuscated_value` without tokens. Absent values are omitted, never null.
 */
export const contactAuthResponse = z.strictObject({
  access_token: z
    .string()
    .optional()
    .describe(
      'The contact access token (JWT): send it as `authorization: Bearer <access_token>` with the api_key. Its `sub` claim is the contact id.',
    ),
  refresh_token: z
    .string()
    .optional()
    .describe(
      'Send it to POST /self-service/v2/contacts/refresh; it can be used once (a repeat within the reuse grace window returns the same new pair).',
    ),
  expiration_date: epoch.optional().describe('When the access token expires (epoch seconds)'),
  contact: z
    .strictObject({
      id: z.string().describe('The contact GUID (dashed, lower case)'),
      type: z.enum(CONTACT_TYPES).optional(),
      first_name: z.string().optional(),
      last_name: z.string().optional(),
      company_name: z.string().optional(),
      is_verified: z.boolean().optional().describe('Whether the sign-in identity has been verified (one-time code or email link)'),
    })
    .optional()
    .describe('The contact; the names are omitted when the contact could not be read yet'),
  organisations: z
    .array(z.strictObject({ id: z.string(), type: z.enum(ORGANISATION_TYPES), name: z.string() }))
    .optional()
    .describe('Organisations the contact has joined through a service owner: always empty here (sent with tokens)'),
  auth_otp: z.string().optional().describe('A one-time code was sent: send this with the code to POST /self-service/v2/contacts/validate_otp'),
  obfuscated_value: z.string().optional().describe('Where the code went, partly hidden (e.g. `*****200`, `e***@example.com`)'),
});

/** POST /self-service/v2/contacts/otp. */
export const otpResponse = z.strictObject({
  auth_otp: z.string().describe('Send it with the code to POST /self-service/v2/contacts/validate_otp'),
  obfuscated_value: z.string().describe('Where the code went, partly hidden'),
});

/** GET /self-service/v2/contacts?email_address=|phone= */
export const contactExistsResponse = z.strictObject({ contact_exists: z.boolean() });

/** GET /self-service/v2/contacts/oidc/{type} */
export const oidcAuthorizationResponse = z.strictObject({
  authorization_url: z
    .string()
    .describe('Send the contact here; the provider redirects back to redirect_url with code and state (then POST /contacts/authenticate).'),
});
