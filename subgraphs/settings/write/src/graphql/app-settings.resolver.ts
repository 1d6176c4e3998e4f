import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { asPayload, Authorized, UserError, type SubgraphContext } from '@crm/platform/graphql';
import { emptyIdPayload, idPayloadOf } from './payloads';
import { requestOf } from './file.resolver';
import type { AppSettingsCommands } from '../application/app-settings-commands';

@InputType()
export class AppFacebookInput {
  @Field(() => Boolean) isSupported: boolean;
  @Field(() => String, { nullable: true, description: 'The Facebook app id (required when supported).' }) appId?: string | null;
}

@InputType()
export class AppContactOptionInput {
  @Field(() => Boolean) isSupported: boolean;
  @Field(() => ID, { nullable: true, description: 'The contact the app signs in as (required when supported).' }) contactId?: string | null;
  @Field(() => String, { nullable: true }) contactName?: string | null;
}

@InputType()
export class AppAuthenticationInput {
  @Field(() => Boolean, { nullable: true, description: 'Default true.' }) emailPassword?: boolean | null;
  @Field(() => Boolean, { nullable: true }) emailOtp?: boolean | null;
  @Field(() => Boolean, { nullable: true }) smsOtp?: boolean | null;
  @Field(() => AppFacebookInput, { nullable: true }) facebook?: AppFacebookInput | null;
  @Field(() => Boolean, { nullable: true }) google?: boolean | null;
  @Field(() => Boolean, { nullable: true }) sso?: boolean | null;
  @Field(() => AppContactOptionInput, { nullable: true }) guestContact?: AppContactOptionInput | null;
  @Field(() => AppContactOptionInput, { nullable: true }) demoContact?: AppContactOptionInput | null;
}

@InputType()
export class AppColourInput {
  @Field(() => String, { description: 'PRIMARY_COLOUR, SECONDARY_COLOUR, LANDING_BACKGROUND, …' }) type: string;
  @Field(() => String, { description: '#RRGGBB or #RRGGBBAA.' }) value: string;
}

@InputType()
export class AppAppearanceInput {
  @Field(() => Boolean, { nullable: true }) darkMode?: boolean | null;
  @Field(() => String, { nullable: true, description: 'LAYOUT1 … LAYOUT5.' }) homepageLayout?: string | null;
  @Field(() => String, { nullable: true, description: 'LAYOUT1 … LAYOUT5.' }) orderingLayout?: string | null;
  @Field(() => [AppColourInput], { nullable: true }) colours?: AppColourInput[] | null;
  @Field(() => String, { nullable: true, description: 'The text font (San Francisco, Roboto, …).' }) textFont?: string | null;
}

@InputType()
export class AppIntegrationInput {
  @Field(() => ID, { nullable: true, description: 'Kept when given (an existing integration); a new one gets an id.' }) id?: string | null;
  @Field(() => String, { description: 'ADDRESS_REGISTRY, PAYMENT_GATEWAYS, …' }) type: string;
  @Field(() => String, { description: 'The connector (e.g. STRIPE, GOOGLE_PLACES).' }) connector: string;
  @Field(() => ID, { nullable: true }) organisationId?: string | null;
  @Field(() => String, { nullable: true }) mediaUrl?: string | null;
  @Field(() => [String], { nullable: true }) paymentMethods?: string[] | null;
}

@InputType()
export class AppEmbeddedLinkInput {
  @Field(() => ID, { nullable: true }) id?: string | null;
  @Field(() => String) title: string;
  @Field(() => String, { description: 'An absolute http(s) URL.' }) url: string;
  @Field(() => String, { description: 'EN or GR.' }) languageCode: string;
  @Field(() => Int, { nullable: true, description: 'Defaults to the position in the list.' }) sortOrder?: number | null;
}

@InputType({ description: "A self-service application's whole public configuration (what GET /applications?platform_app_id= answers)." })
export class AppSettingsInput {
  @Field(() => String, { description: 'The id the app is built with; unique per tenant.' }) platformAppId: string;
  @Field(() => String) name: string;
  @Field(() => String, { description: 'NATIVE, NATIVE_MERCHANT, WEB, CAPTIVE, CONSUMER_APP.' }) type: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) brandName?: string | null;
  @Field(() => AppAuthenticationInput, { nullable: true }) authentication?: AppAuthenticationInput | null;
  @Field(() => AppAppearanceInput, { nullable: true }) appearance?: AppAppearanceInput | null;
  @Field(() => Boolean, { nullable: true }) showBestSelling?: boolean | null;
  @Field(() => Boolean, { nullable: true }) showRecommendations?: boolean | null;
  @Field(() => [AppIntegrationInput], { nullable: true }) integrations?: AppIntegrationInput[] | null;
  @Field(() => [AppEmbeddedLinkInput], { nullable: true }) embeddedLinks?: AppEmbeddedLinkInput[] | null;
}

@ObjectType({ description: 'Result of an application settings mutation.' })
export class AppSettingsPayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

/** Plain objects (type-graphql hands over class instances). */
const plain = (input: AppSettingsInput) => JSON.parse(JSON.stringify(input)) as AppSettingsInput;

@Resolver()
export class AppSettingsResolver {
  constructor(private readonly commands: AppSettingsCommands) {}

  @Authorized(['settings.write'])
  @Mutation(() => AppSettingsPayload, { description: "Creates a self-service application's public configuration." })
  createAppSettings(
    @Arg('input', () => AppSettingsInput) input: AppSettingsInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AppSettingsPayload> {
    return asPayload(async () => idPayloadOf(await this.commands.create(requestOf(ctx), plain(input), idempotencyKey)), emptyIdPayload);
  }

  @Authorized(['settings.write'])
  @Mutation(() => AppSettingsPayload, { description: "Replaces an application's whole configuration." })
  replaceAppSettings(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => AppSettingsInput) input: AppSettingsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AppSettingsPayload> {
    return asPayload(async () => idPayloadOf(await this.commands.replace(requestOf(ctx), id, plain(input))), emptyIdPayload);
  }

  @Authorized(['settings.write'])
  @Mutation(() => AppSettingsPayload, { description: "Removes an application's configuration." })
  removeAppSettings(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<AppSettingsPayload> {
    return asPayload(async () => idPayloadOf(await this.commands.remove(requestOf(ctx), id)), emptyIdPayload);
  }
}
