import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { asPayload, Authorized, UserError, type SubgraphContext } from '@crm/platform/graphql';
import { emptyIdPayload, idPayloadOf } from './payloads';
import { requestOf } from './file.resolver';
import type { ReferenceEntryCommands } from '../application/reference-entry-commands';

@InputType({ description: 'The fields of a reference list entry; which ones apply depends on the kind (any other non-null field is refused).' })
export class ReferenceEntryFieldsInput {
  @Field(() => String, { nullable: true, description: 'TAG, INDUSTRY, SUB_INDUSTRY, BUSINESS_ACTIVITY.' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'TAG: the entity it is put on (ORGANISATIONS, CONTACTS, …).' }) entity?: string | null;
  @Field(() => String, { nullable: true, description: 'TAG, NAME_DAY_RULE.' }) description?: string | null;
  @Field(() => String, { nullable: true, description: 'TAG: #RRGGBB.' }) colour?: string | null;
  @Field(() => String, { nullable: true, description: 'TAG: ACTIVE (default) or INACTIVE.' }) state?: string | null;
  @Field(() => String, { nullable: true, description: 'LANGUAGE: EN, GR, ENG, …' }) languageCode?: string | null;
  @Field(() => Int, { nullable: true, description: 'NAME_DAY_RULE.' }) month?: number | null;
  @Field(() => Int, { nullable: true, description: 'NAME_DAY_RULE.' }) day?: number | null;
  @Field(() => [String], { nullable: true, description: 'NAME_DAY_RULE: the names celebrated that day.' }) names?: string[] | null;
  @Field(() => String, { nullable: true, description: 'SUB_INDUSTRY: the industry it belongs to.' }) industryName?: string | null;
}

@ObjectType({ description: 'Result of a reference list mutation.' })
export class ReferenceEntryPayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

/** The fields the caller sent (absent ones stay undefined: a change keeps them). */
const fieldsOf = (input: ReferenceEntryFieldsInput) => JSON.parse(JSON.stringify(input)) as ReferenceEntryFieldsInput;

@Resolver()
export class ReferenceEntryResolver {
  constructor(private readonly commands: ReferenceEntryCommands) {}

  @Authorized(['settings.write'])
  @Mutation(() => ReferenceEntryPayload, {
    description: 'Adds an entry to a reference list: a TAG, LANGUAGE, NAME_DAY_RULE, INDUSTRY, SUB_INDUSTRY or BUSINESS_ACTIVITY.',
  })
  defineReferenceEntry(
    @Arg('kind', () => String) kind: string,
    @Arg('input', () => ReferenceEntryFieldsInput) input: ReferenceEntryFieldsInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ReferenceEntryPayload> {
    return asPayload(
      async () => idPayloadOf(await this.commands.define(requestOf(ctx), { kind, ...fieldsOf(input) }, idempotencyKey)),
      emptyIdPayload,
    );
  }

  @Authorized(['settings.write'])
  @Mutation(() => ReferenceEntryPayload, { description: 'Changes an entry of a reference list (the fields sent; null clears an optional one).' })
  changeReferenceEntry(
    @Arg('kind', () => String) kind: string,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ReferenceEntryFieldsInput) input: ReferenceEntryFieldsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ReferenceEntryPayload> {
    return asPayload(async () => idPayloadOf(await this.commands.change(requestOf(ctx), kind, id, fieldsOf(input))), emptyIdPayload);
  }

  @Authorized(['settings.write'])
  @Mutation(() => ReferenceEntryPayload, { description: 'Removes an entry from a reference list.' })
  removeReferenceEntry(
    @Arg('kind', () => String) kind: string,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ReferenceEntryPayload> {
    return asPayload(async () => idPayloadOf(await this.commands.remove(requestOf(ctx), kind, id)), emptyIdPayload);
  }
}
