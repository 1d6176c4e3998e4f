type Json = Record<string, unknown>;

export const DEV_AUTH_NOTE =
  'The gateway verifies api_key and bearer tokens. Only when DEV_AUTH_ENABLED=true (never in production), a call with neither falls back to the development authenticator, where `x-dev-tenant` names the tenant and `x-dev-principal` the caller (`user`, `user:<perm,…>`, `service:<perm,…>`, `contact:<contact uuid>` or `anonymous`; default `user`).';

export const SECURITY_SCHEMES: Record<string, Json> = {
  api_key: {
    type: 'apiKey',
    in: 'header',
    name: 'api_key',
    description: 'Self-service: the public key of the application. Back-office: a secret key (server to server). ' + DEV_AUTH_NOTE,
  },
  bearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Self-service: the contact JWT (with api_key). Back-office: an admin user JWT. ' + DEV_AUTH_NOTE,
  },
  dev_tenant: { type: 'apiKey', in: 'header', name: 'x-dev-tenant', description: `Development authenticator only. ${DEV_AUTH_NOTE}` },
  dev_principal: { type: 'apiKey', in: 'header', name: 'x-dev-principal', description: `Development authenticator only. ${DEV_AUTH_NOTE}` },
};

const DEV_SECURITY = { dev_tenant: [], dev_principal: [] };
export const SECURITY = {
  backoffice: [{ api_key: [] }, { bearer: [] }, { api_key: [], bearer: [] }, DEV_SECURITY],
  selfservice: [{ api_key: [], bearer: [] }, DEV_SECURITY],
  /** Sign-in, forgot password: the api_key names the tenant (public or secret key). */
  apiKeyOnly: [{ api_key: [] }],
  /** Refresh: the refresh token as the bearer value (it names its tenant); an api_key may come along (same tenant). */
  refresh: [{ bearer: [] }, { api_key: [], bearer: [] }],
  /** Sign-out, switch organisation: the user's access token (an api_key may come along). */
  user: [{ bearer: [] }, { api_key: [], bearer: [] }],
  /** Contact sign-out and password change: the contact's access token (with the api_key, as self-service calls send it). */
  contact: [{ api_key: [], bearer: [] }, { bearer: [] }],
  /** Adding an identity: the contact's own token, or a secret api_key with contacts.write. */
  contactOrSecret: [{ api_key: [], bearer: [] }, { bearer: [] }, { api_key: [] }],
};

/** The credentials a route takes (its OpenAPI security requirement). */
export type Auth = keyof typeof SECURITY;
