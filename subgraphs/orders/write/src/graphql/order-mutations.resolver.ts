import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { asPayload, formatConsistencyToken, UserError, type SubgraphContext } from '@crm/platform/graphql';
import type { OrderCommands } from '../application/order-commands';

@InputType()
export class CreateOrderInput {
  @Field(() => String, { description: '1 to 100 characters once trimmed.' }) name: string;
}

@ObjectType({ description: 'Result of a order mutation.' })
export class OrderPayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true, description: 'Send as `x-consistency-token` with a later query to read at least this write.' })
  consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@Resolver()
export class OrderMutationsResolver {
  constructor(private readonly commands: OrderCommands) {}

  @Authorized(['orders.write'])
  @Mutation(() => OrderPayload, { description: 'Creates a order. Repeating a call with the same idempotencyKey returns the first result.' })
  createOrder(
    @Arg('input', () => CreateOrderInput) input: CreateOrderInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OrderPayload> {
    return asPayload<OrderPayload>(
      async () => {
        const { principal, correlationId } = ctx;
        const request = { tenantId: principal.tenantId, correlationId, actor: { kind: principal.kind, id: principal.subjectId } };
        const result = await this.commands.create(request, { name: input.name }, idempotencyKey);
        return { id: result.state.id, consistencyToken: formatConsistencyToken(result.consistency), errors: [] };
      },
      () => ({ id: null, consistencyToken: null, errors: [] }),
    );
  }
}
