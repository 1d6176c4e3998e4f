import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { asPayload, type SubgraphContext, Authorized } from '@crm/platform/graphql';
import type { ConfiguredProvider, TenantProviderStore } from '../application/providers/tenant-providers';
import { metaOf } from './auth.resolver';
import {
  ConfigureFacebookProviderInput,
  ConfigureIdentityProviderPayload,
  ConfigureOidcProviderInput,
  IdentityProviderKind,
  RemoveIdentityProviderPayload,
  type ConfiguredIdentityProvider,
} from './identity-providers.types';

const empty = (): ConfigureIdentityProviderPayload => ({ provider: null, errors: [] });
const configured = (p: ConfiguredProvider): ConfigureIdentityProviderPayload => ({
  provider: { ...p, kind: p.kind as IdentityProviderKind } satisfies ConfiguredIdentityProvider,
  errors: [],
});

/** Back-office management of the tenant's external sign-in providers (`security.manage`). */
@Resolver()
export class IdentityProvidersResolver {
  constructor(private readonly providers: TenantProviderStore) {}

  @Authorized(['security.manage'])
  @Mutation(() => ConfigureIdentityProviderPayload, {
    description:
      'Configures (or replaces) an OpenID Connect sign-in provider of the tenant, under `type` (GOOGLE sign-in uses `google`). The issuer is discovered now: an issuer that cannot be discovered is a VALIDATION error (ISSUER_NOT_DISCOVERABLE).',
  })
  configureOidcProvider(
    @Arg('type') type: string,
    @Arg('input', () => ConfigureOidcProviderInput) input: ConfigureOidcProviderInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ConfigureIdentityProviderPayload> {
    return asPayload(
      async () => configured(await this.providers.configureOidc(metaOf(ctx), type, { ...input, scopes: input.scopes ?? undefined })),
      empty,
    );
  }

  @Authorized(['security.manage'])
  @Mutation(() => ConfigureIdentityProviderPayload, {
    description: 'Configures (or replaces) the Facebook application the tenant’s contacts sign in with.',
  })
  configureFacebookProvider(
    @Arg('input', () => ConfigureFacebookProviderInput) input: ConfigureFacebookProviderInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ConfigureIdentityProviderPayload> {
    return asPayload(async () => configured(await this.providers.configureFacebook(metaOf(ctx), { ...input })), empty);
  }

  @Authorized(['security.manage'])
  @Mutation(() => RemoveIdentityProviderPayload, {
    description: 'Removes a provider (OIDC: give its type); sign-ins with it fail from now on (UNKNOWN_PROVIDER).',
  })
  removeIdentityProvider(
    @Arg('kind', () => IdentityProviderKind) kind: IdentityProviderKind,
    @Arg('type', () => String, { nullable: true }) type: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RemoveIdentityProviderPayload> {
    return asPayload<RemoveIdentityProviderPayload>(
      async () => {
        await this.providers.remove(metaOf(ctx), kind, type);
        return { removed: true, errors: [] };
      },
      () => ({ removed: false, errors: [] }),
    );
  }
}
