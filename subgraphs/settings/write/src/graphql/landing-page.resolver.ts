import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { asPayload, Authorized, UserError, type SubgraphContext } from '@crm/platform/graphql';
import { emptyIdPayload, idPayloadOf } from './payloads';
import { requestOf } from './file.resolver';
import type { LandingPageCommands, LandingPageInput as LandingPageCommand } from '../application/landing-page-commands';

@InputType()
export class LandingPageColorInput {
  @Field(() => String, { description: 'BACKGROUND, HEADER, BUTTON, TEXT, FOOTER, HEADER_TEXT, FOOTER_TEXT, BUTTON_TEXT.' }) type: string;
  @Field(() => String, { description: 'A hex colour code (FDE56F).' }) value: string;
}

@InputType()
export class LandingPageFormFieldInput {
  @Field(() => ID, { nullable: true, description: 'Kept when given; a new field gets an id.' }) id?: string | null;
  @Field(() => String, { description: 'The property the field fills (contact.email).' }) property: string;
  @Field(() => String) label: string;
  @Field(() => Int, { nullable: true, description: 'Display order (defaults to the position).' }) priority?: number | null;
}

@InputType({ description: 'A landing page, whole.' })
export class LandingPageInput {
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { description: 'REGISTER or PURCHASE_PASS.' }) type: string;
  @Field(() => String, { nullable: true, description: 'ACTIVE (default) or INACTIVE.' }) state?: string | null;
  @Field(() => String, { nullable: true }) link?: string | null;
  @Field(() => Boolean, { nullable: true }) mobilePass?: boolean | null;
  @Field(() => String, { nullable: true }) header?: string | null;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) footer?: string | null;
  @Field(() => String, { nullable: true }) button?: string | null;
  @Field(() => String, { nullable: true }) success?: string | null;
  @Field(() => String, { nullable: true }) fail?: string | null;
  @Field(() => String, { nullable: true }) signInUrl?: string | null;
  @Field(() => [LandingPageColorInput], { nullable: true }) colors?: LandingPageColorInput[] | null;
  @Field(() => [LandingPageFormFieldInput], { nullable: true }) form?: LandingPageFormFieldInput[] | null;
}

@ObjectType({ description: 'Result of a landing page mutation.' })
export class LandingPagePayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

const plain = (input: LandingPageInput) => JSON.parse(JSON.stringify(input)) as LandingPageCommand;

@Resolver()
export class LandingPageResolver {
  constructor(private readonly commands: LandingPageCommands) {}

  @Authorized(['settings.write'])
  @Mutation(() => LandingPagePayload, { description: 'Creates a landing page.' })
  createLandingPage(
    @Arg('input', () => LandingPageInput) input: LandingPageInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LandingPagePayload> {
    return asPayload(async () => idPayloadOf(await this.commands.create(requestOf(ctx), plain(input), idempotencyKey)), emptyIdPayload);
  }

  @Authorized(['settings.write'])
  @Mutation(() => LandingPagePayload, { description: "Replaces a landing page's whole definition." })
  replaceLandingPage(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => LandingPageInput) input: LandingPageInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LandingPagePayload> {
    return asPayload(async () => idPayloadOf(await this.commands.replace(requestOf(ctx), id, plain(input))), emptyIdPayload);
  }

  @Authorized(['settings.write'])
  @Mutation(() => LandingPagePayload, { description: 'Removes a landing page.' })
  removeLandingPage(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<LandingPagePayload> {
    return asPayload(async () => idPayloadOf(await this.commands.remove(requestOf(ctx), id)), emptyIdPayload);
  }
}
