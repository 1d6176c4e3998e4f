import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { asPayload, type SubgraphContext, Authorized } from '@crm/platform/graphql';
import type { ExternalSignIn } from '../application/providers/external-sign-in';
import { metaOf } from './auth.resolver';
import { ContactAuthPayload } from './contact-auth.types';
import { AuthenticateContactExternalInput, OidcAuthorizationPayload } from './external-sign-in.types';

const emptyAuth = (): ContactAuthPayload => ({
  contactId: null,
  tokens: null,
  isVerified: false,
  authOtp: null,
  obfuscatedValue: null,
  consistencyToken: null,
  errors: [],
});

/** Self-Service sign-in with external providers (OIDC, Google, Facebook); the tenant comes from the public api_key. */
@Resolver()
export class ExternalSignInResolver {
  constructor(private readonly external: ExternalSignIn) {}

  @Authorized(['public'])
  @Mutation(() => OidcAuthorizationPayload, {
    description: 'Starts an OIDC sign-in (`GET /contacts/oidc/{type}`): the authorization URL, with a single-use state valid for 10 minutes.',
  })
  oidcAuthorizationUrl(
    @Arg('type') type: string,
    @Arg('redirectUrl') redirectUrl: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OidcAuthorizationPayload> {
    return asPayload(
      async (): Promise<OidcAuthorizationPayload> => ({
        authorizationUrl: await this.external.oidcAuthorizationUrl(metaOf(ctx), type, redirectUrl, ctx.clientIp),
        errors: [],
      }),
      () => ({ authorizationUrl: null, errors: [] }),
    );
  }

  @Authorized(['public'])
  @Mutation(() => ContactAuthPayload, {
    description:
      'Signs a contact in with an external provider (OIDC_OAUTH/GOOGLE: code + state; FACEBOOK: token); the first sign-in registers the contact.',
  })
  authenticateContactExternal(
    @Arg('input', () => AuthenticateContactExternalInput) input: AuthenticateContactExternalInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ContactAuthPayload> {
    return asPayload(async () => ({ ...(await this.external.authenticate(metaOf(ctx), { ...input }, ctx.clientIp)), errors: [] }), emptyAuth);
  }
}
