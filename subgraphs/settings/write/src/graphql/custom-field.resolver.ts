import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { asPayload, Authorized, UserError, type SubgraphContext } from '@crm/platform/graphql';
import { emptyIdPayload, idPayloadOf } from './payloads';
import { requestOf } from './file.resolver';
import type { CustomFieldCommands } from '../application/custom-field-commands';

@InputType()
export class DefineCustomFieldInput {
  @Field(() => String, { description: 'CONTACTS, ORDERS, … (CRM.COM entities).' }) entity: string;
  @Field(() => String, { description: '1 to 50 lower-case letters, digits or _, starting with a letter; unique per entity.' }) key: string;
  @Field(() => String) label: string;
  @Field(() => String, {
    description: 'SINGLE_LINE, MULTIPLE_LINES, SELECTION, CHECKBOX, RADIO_BUTTONS, TIMESTAMP, DATE, NUMBER, AMOUNT, CONTENT, NUMBERING_SCHEME.',
  })
  field: string;
  @Field(() => [String], { nullable: true, description: 'The allowed values of a SELECTION or RADIO_BUTTONS field.' }) options: string[] | null;
  @Field(() => Boolean, { nullable: true }) mandatory: boolean | null;
  @Field(() => String, { nullable: true }) tooltip: string | null;
  @Field(() => Boolean, { nullable: true }) visible: boolean | null;
}

@InputType()
export class ChangeCustomFieldInput {
  @Field(() => String, { nullable: true }) label?: string | null;
  @Field(() => [String], { nullable: true }) options?: string[] | null;
  @Field(() => Boolean, { nullable: true }) mandatory?: boolean | null;
  @Field(() => String, { nullable: true }) tooltip?: string | null;
  @Field(() => Boolean, { nullable: true }) visible?: boolean | null;
}

@ObjectType({ description: 'Result of a custom field mutation.' })
export class CustomFieldPayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@Resolver()
export class CustomFieldResolver {
  constructor(private readonly commands: CustomFieldCommands) {}

  @Authorized(['settings.write'])
  @Mutation(() => CustomFieldPayload, { description: 'Defines a custom field of an entity; records of it are then checked against it.' })
  defineCustomField(
    @Arg('input', () => DefineCustomFieldInput) input: DefineCustomFieldInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CustomFieldPayload> {
    return asPayload(async () => idPayloadOf(await this.commands.define(requestOf(ctx), { ...input }, idempotencyKey)), emptyIdPayload);
  }

  @Authorized(['settings.write'])
  @Mutation(() => CustomFieldPayload, { description: 'Changes the label, options, mandatory flag, tooltip or visibility of a custom field.' })
  changeCustomField(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ChangeCustomFieldInput) input: ChangeCustomFieldInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CustomFieldPayload> {
    return asPayload(async () => idPayloadOf(await this.commands.change(requestOf(ctx), id, { ...input })), emptyIdPayload);
  }

  @Authorized(['settings.write'])
  @Mutation(() => CustomFieldPayload, { description: 'Removes a custom field definition.' })
  removeCustomField(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<CustomFieldPayload> {
    return asPayload(async () => idPayloadOf(await this.commands.remove(requestOf(ctx), id)), emptyIdPayload);
  }
}
