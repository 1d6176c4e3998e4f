import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { SERVICE_COMMANDS } from '@crm/event-bus/contracts/subscriptions';
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

@ObjectType()
export class ServiceCommandAttribute {
  @Field(() => String) key: string;
  @Field(() => String) label: string;
  @Field(() => String, { description: 'SELECTION | TEXT' }) type: string;
  @Field(() => Boolean) mandatory: boolean;
}

@ObjectType({ description: 'A command provisioning integrations take.' })
export class ServiceCommandSpec {
  @Field(() => String) code: string;
  @Field(() => String) name: string;
  @Field(() => [ServiceCommandAttribute]) attributes: ServiceCommandAttribute[];
}

/** The service's provisioning commands (its answers update what the service shows). */
@Resolver(() => Service)
export class ServiceProvisioningResolver {
  constructor(private readonly queries: SubscriptionQueries) {}

  @Authorized(['subscriptions.read'])
  @Query(() => [ServiceCommandSpec], { description: 'The service commands provisioning integrations take (every integration takes these here).' })
  serviceCommands(@Arg('integrationId', () => String, { nullable: true }) _integrationId: string | null): ServiceCommandSpec[] {
    return SERVICE_COMMANDS.map((c) => ({ code: c.code, name: c.name, attributes: c.attributes.map((a) => ({ ...a })) }));
  }

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
