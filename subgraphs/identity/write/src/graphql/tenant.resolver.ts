import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { asPayload, type SubgraphContext, Authorized } from '@crm/platform/graphql';
import { maskApiKey } from '@crm/platform/security';
import type { UnitOfWork } from '../application/unit-of-work';
import type { IdentitySecrets } from '../application/identity-secrets';
import { createApplication, insertOrganisation } from '../application/tenants/tenant-hierarchy';
import type { OrganisationType } from '../domain/organisations';
import { requireUuid } from '../domain/ids';
import { metaOf } from './auth.resolver';
import { CreateApplicationInput, CreateApplicationPayload, CreateOrganisationInput, OrganisationPayload } from './directory.types';

@Resolver()
export class TenantResolver {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly secrets: IdentitySecrets,
  ) {}

  @Authorized(['keys.manage'])
  @Mutation(() => CreateApplicationPayload, { description: 'Adds an application to the tenant with its public key (shown once).' })
  createApplication(
    @Arg('input', () => CreateApplicationInput) input: CreateApplicationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateApplicationPayload> {
    return asPayload<CreateApplicationPayload>(
      async () => {
        const app = await this.uow.run(metaOf(ctx), (tx) => createApplication(tx, this.secrets, input.name));
        return {
          applicationId: app.applicationId,
          publicKey: app.publicKey.key,
          maskedPublicKey: maskApiKey(app.publicKey.prefix, app.publicKey.last4),
          errors: [],
        };
      },
      () => ({ applicationId: null, publicKey: null, maskedPublicKey: null, errors: [] }),
    );
  }

  @Authorized(['organisations.manage'])
  @Mutation(() => OrganisationPayload, { description: 'Adds a merchant (under the business) or a venue (under a merchant or the business).' })
  createOrganisation(
    @Arg('input', () => CreateOrganisationInput) input: CreateOrganisationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OrganisationPayload> {
    return asPayload<OrganisationPayload>(
      async () => {
        const parentId = requireUuid('parentId', input.parentId);
        const organisation = await this.uow.run(metaOf(ctx), (tx) =>
          insertOrganisation(tx, { parentId, type: input.type as OrganisationType, name: input.name }),
        );
        return { organisation, errors: [] };
      },
      () => ({ organisation: null, errors: [] }),
    );
  }
}
