import { Ctx, Field, FieldResolver, ID, Int, Arg, ObjectType, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@crm/platform/graphql';
import type { SubscriptionQueries } from './subscription-queries.resolver';
import { Service } from './types';

@ObjectType({ description: 'A service command sent to a provisioning integration, and its answer.' })
export class ProvisioningCommand {
  @Field(() => ID) id: string;
  @Field(() => String) integrationId: string;
  @Field(() => String, { description: 'REFRESH | RESET_PIN' }) code: string;
  @Field(() => String, { description: 'PENDING | COMPLETED | REJECTED | IGNORED' }) state: string;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

/** The service's provisioning commands (its answers update what the service shows). */
@Resolver(() => Service)
export class ServiceProvisioningResolver {
  constructor(private readonly queries: SubscriptionQueries) {}

  @FieldResolver(() => [ProvisioningCommand], { description: "The service's provisioning commands, newest first." })
  async provisioningCommands(
    @Root() service: Service,
    @Arg('limit', () => Int, { defaultValue: 10 }) limit: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProvisioningCommand[]> {
    const rows = await this.queries.provisioning(ctx.principal.tenantId).ofService(service.id, Math.min(Math.max(limit, 1), 100));
    return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt), updatedAt: new Date(r.updatedAt) }));
  }
}
