import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { PUBLIC, SELF } from '@crm/platform/auth';
import { canonicalId } from '@crm/platform/ids';
import { Authorized, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import type { FileQueries } from './file-queries.resolver';
import type { AppSettingsView } from '../projections/app-settings-view.projection';

@ObjectType()
export class AppFacebook {
  @Field(() => Boolean) isSupported: boolean;
  @Field(() => String, { nullable: true }) appId: string | null;
}

@ObjectType()
export class AppContactOption {
  @Field(() => Boolean) isSupported: boolean;
  @Field(() => ID, { nullable: true }) contactId: string | null;
  @Field(() => String, { nullable: true }) contactName: string | null;
}

@ObjectType({ description: 'How contacts of the app may sign in.' })
export class AppAuthentication {
  @Field(() => Boolean) emailPassword: boolean;
  @Field(() => Boolean) emailOtp: boolean;
  @Field(() => Boolean) smsOtp: boolean;
  @Field(() => AppFacebook) facebook: AppFacebook;
  @Field(() => Boolean) google: boolean;
  @Field(() => Boolean) sso: boolean;
  @Field(() => AppContactOption) guestContact: AppContactOption;
  @Field(() => AppContactOption) demoContact: AppContactOption;
}

@ObjectType()
export class AppColour {
  @Field(() => String) type: string;
  @Field(() => String) value: string;
}

@ObjectType()
export class AppAppearance {
  @Field(() => Boolean) darkMode: boolean;
  @Field(() => String) homepageLayout: string;
  @Field(() => String) orderingLayout: string;
  @Field(() => [AppColour]) colours: AppColour[];
  @Field(() => String, { nullable: true }) textFont: string | null;
}

@ObjectType({ description: 'An integration the app offers (payment gateway, address registry, …).' })
export class AppIntegration {
  @Field(() => ID) id: string;
  @Field(() => String) type: string;
  @Field(() => String) connector: string;
  @Field(() => ID, { nullable: true }) organisationId: string | null;
  @Field(() => String, { nullable: true }) mediaUrl: string | null;
  @Field(() => [String]) paymentMethods: string[];
}

@ObjectType({ description: "A link the app opens in its embedded browser, in one language (the app's translations)." })
export class AppEmbeddedLink {
  @Field(() => ID) id: string;
  @Field(() => String) title: string;
  @Field(() => String) url: string;
  @Field(() => String) languageCode: string;
  @Field(() => Int) sortOrder: number;
}

@ObjectType({ description: "A self-service application's public configuration." })
export class AppSettings {
  @Field(() => ID) id: string;
  @Field(() => String) platformAppId: string;
  @Field(() => String) name: string;
  @Field(() => String) type: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => String, { nullable: true }) brandName: string | null;
  @Field(() => AppAuthentication) authentication: AppAuthentication;
  @Field(() => AppAppearance) appearance: AppAppearance;
  @Field(() => Boolean) showBestSelling: boolean;
  @Field(() => Boolean) showRecommendations: boolean;
  @Field(() => [AppIntegration]) integrations: AppIntegration[];
  @Field(() => [AppEmbeddedLink], { description: 'Sorted by sort order.' }) embeddedLinks: AppEmbeddedLink[];
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

const out = (v: AppSettingsView | null): AppSettings | null =>
  v && !v.removed ? { ...v, embeddedLinks: [...v.embeddedLinks].sort((a, b) => a.sortOrder - b.sortOrder) } : null;

@Resolver(() => AppSettings)
export class AppSettingsQueriesResolver {
  constructor(
    private readonly queries: FileQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized([PUBLIC])
  @Query(() => AppSettings, {
    nullable: true,
    description:
      "An application's public configuration by the id it is built with (what an app reads first, with the public key alone); null when none.",
  })
  async appSettingsByPlatformAppId(
    @Arg('platformAppId', () => String) platformAppId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AppSettings | null> {
    await this.consistency.before(ctx);
    return out(await this.queries.settings(ctx.principal.tenantId).appSettingsByPlatformAppId(platformAppId));
  }

  @Authorized(['settings.read', SELF])
  @Query(() => AppSettings, {
    nullable: true,
    description: "An application's configuration by id (contacts read its integrations and links); null when none.",
  })
  async appSettings(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<AppSettings | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    return canonical ? out(await this.queries.settings(ctx.principal.tenantId).appSettings(canonical)) : null;
  }

  @Authorized(['settings.read'])
  @Query(() => [AppSettings], { description: 'Every application configuration of the tenant, by platform_app_id.' })
  async appSettingsList(@Ctx() ctx: SubgraphContext): Promise<AppSettings[]> {
    await this.consistency.before(ctx);
    return (await this.queries.settings(ctx.principal.tenantId).appSettingsList()).map((v) => out(v)!);
  }
}
