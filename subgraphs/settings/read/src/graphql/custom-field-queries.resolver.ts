import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import { Authorized, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import { CUSTOM_FIELD_ENTITIES } from '@crm/event-bus/contracts/settings';
import type { FileQueries } from './file-queries.resolver';

@ObjectType({ description: 'A custom field definition: records of its entity may (or, when mandatory, must) carry its key.' })
export class CustomFieldDefinition {
  @Field(() => ID) id: string;
  @Field(() => String) entity: string;
  @Field(() => String) key: string;
  @Field(() => String) label: string;
  @Field(() => String, {
    description: 'SINGLE_LINE, MULTIPLE_LINES, SELECTION, CHECKBOX, RADIO_BUTTONS, TIMESTAMP, DATE, NUMBER, AMOUNT, CONTENT, NUMBERING_SCHEME.',
  })
  field: string;
  @Field(() => [String]) options: string[];
  @Field(() => Boolean) mandatory: boolean;
  @Field(() => String, { nullable: true }) tooltip: string | null;
  @Field(() => Boolean) visible: boolean;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@Resolver(() => CustomFieldDefinition)
export class CustomFieldQueriesResolver {
  constructor(
    private readonly queries: FileQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized(['settings.read', SELF])
  @Query(() => [CustomFieldDefinition], {
    description: 'The custom field definitions of an entity, by key (contacts read them to build their forms).',
  })
  async customFields(@Arg('entity', () => String) entity: string, @Ctx() ctx: SubgraphContext): Promise<CustomFieldDefinition[]> {
    if (!(CUSTOM_FIELD_ENTITIES as readonly string[]).includes(entity)) {
      throw AppError.validation('entity', `must be one of ${CUSTOM_FIELD_ENTITIES.join(', ')}`, 'INVALID_ENUM');
    }
    await this.consistency.before(ctx);
    return this.queries.customFields(ctx.principal.tenantId).list(entity);
  }

  @Authorized(['settings.read'])
  @Query(() => CustomFieldDefinition, {
    nullable: true,
    description: 'A custom field definition by id; null when the tenant has none (or it was removed).',
  })
  async customField(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<CustomFieldDefinition | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    const view = canonical ? await this.queries.customFields(ctx.principal.tenantId).get(canonical) : null;
    return view && !view.removed ? view : null;
  }
}
