import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';
import { exactCall } from '../testing/rest-client';
import type { GatewayService } from '../gateway/service';

/** Request headers per kind of caller (the corpus' `Caller`). */
export type Credentials = Record<'anonymous' | 'public' | 'secret' | 'bearer', Record<string, string>>;

/** A platform, a gateway running with production config over it, and real credentials of one tenant. */
export interface HostileTarget {
  platform: TestPlatform;
  /** The gateway as production runs it (NODE_ENV=production: no development authenticator). */
  prod: GatewayService;
  /** Headers per caller: none, the public api_key, the secret api_key, a back-office user's bearer token. */
  creds: Credentials;
}

export async function startHostileTarget(label: string): Promise<HostileTarget> {
  const platform = await startTestPlatform(label);
  const password = 'Hostile-Input-Pass-42';
  const tenant = await platform.identityWrite.createTenant({
    name: 'Hostile',
    ownerEmail: 'owner@hostile.example',
    ownerPassword: password,
    applicationName: 'Hostile App',
  });
  const prod = await platform.startGateway({ NODE_ENV: 'production' });
  const login = await exactCall<{ data?: { authenticateUser?: { tokens?: { accessToken?: string } } } }>(
    prod.http.url,
    'POST',
    '/graphql',
    {
      query: `mutation($u: String!, $p: String!) { authenticateUser(input: { username: $u, password: $p }) { tokens { accessToken } errors { code } } }`,
      variables: { u: 'owner@hostile.example', p: password },
    },
    { api_key: tenant.publicApiKey },
  );
  const accessToken = login.body.data?.authenticateUser?.tokens?.accessToken;
  assert.ok(accessToken, login.text);
  return {
    platform,
    prod,
    creds: {
      anonymous: {},
      public: { api_key: tenant.publicApiKey },
      secret: { api_key: tenant.secretApiKey },
      bearer: { authorization: `Bearer ${accessToken}` },
    },
  };
}
