import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import { Authorized, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import { REFERENCE_KINDS } from '@crm/event-bus/contracts/settings';
import type { FileQueries } from './file-queries.resolver';
import type { ReferenceEntryView } from '../projections/reference-entry-view.projection';

@ObjectType({ description: 'An entry of a reference list; the fields its kind does not take are null.' })
export class ReferenceEntry {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'TAG, LANGUAGE, NAME_DAY_RULE, INDUSTRY, SUB_INDUSTRY, BUSINESS_ACTIVITY.' }) kind: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => String, { nullable: true }) entity: string | null;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => String, { nullable: true }) colour: string | null;
  @Field(() => String, { nullable: true }) state: string | null;
  @Field(() => String, { nullable: true }) languageCode: string | null;
  @Field(() => Int, { nullable: true }) month: number | null;
  @Field(() => Int, { nullable: true }) day: number | null;
  @Field(() => [String], { nullable: true }) names: string[] | null;
  @Field(() => String, { nullable: true }) industryName: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

const out = (v: ReferenceEntryView): ReferenceEntry => ({
  name: null,
  entity: null,
  description: null,
  colour: null,
  state: null,
  languageCode: null,
  month: null,
  day: null,
  names: null,
  industryName: null,
  ...v,
});

function kindOf(kind: string): string {
  if (!(REFERENCE_KINDS as readonly string[]).includes(kind))
    throw AppError.validation('kind', `must be one of ${REFERENCE_KINDS.join(', ')}`, 'INVALID_ENUM');
  return kind;
}

@Resolver(() => ReferenceEntry)
export class ReferenceEntryQueriesResolver {
  constructor(
    private readonly queries: FileQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized(['settings.read', SELF])
  @Query(() => [ReferenceEntry], { description: 'The live entries of a reference list, by key (tags: by entity and name; name-day rules: by date).' })
  async referenceEntries(@Arg('kind', () => String) kind: string, @Ctx() ctx: SubgraphContext): Promise<ReferenceEntry[]> {
    kindOf(kind);
    await this.consistency.before(ctx);
    return (await this.queries.settings(ctx.principal.tenantId).referenceEntries(kind)).map(out);
  }

  @Authorized(['settings.read'])
  @Query(() => ReferenceEntry, { nullable: true, description: 'An entry of a reference list by id; null when the list has none.' })
  async referenceEntry(
    @Arg('kind', () => String) kind: string,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ReferenceEntry | null> {
    kindOf(kind);
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    const view = canonical ? await this.queries.settings(ctx.principal.tenantId).referenceEntry(canonical) : null;
    return view && !view.removed && view.kind === kind ? out(view) : null;
  }
}
