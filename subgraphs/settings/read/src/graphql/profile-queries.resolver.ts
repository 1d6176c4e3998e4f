import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { assertOwnContact, PUBLIC, SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import { Authorized, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import type { FileQueries } from './file-queries.resolver';
import type { LandingPageView } from '../projections/landing-page-view.projection';

@ObjectType()
export class LandingPageColor {
  @Field(() => String) type: string;
  @Field(() => String) value: string;
}

@ObjectType()
export class LandingPageFormField {
  @Field(() => ID) id: string;
  @Field(() => String) property: string;
  @Field(() => String) label: string;
  @Field(() => Int) priority: number;
}

@ObjectType({ description: 'A landing page: texts, colours and the form a visitor fills.' })
export class LandingPage {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => String) type: string;
  @Field(() => String) state: string;
  @Field(() => String, { nullable: true }) link: string | null;
  @Field(() => Boolean) mobilePass: boolean;
  @Field(() => String, { nullable: true }) header: string | null;
  @Field(() => String, { nullable: true }) title: string | null;
  @Field(() => String, { nullable: true }) footer: string | null;
  @Field(() => String, { nullable: true }) button: string | null;
  @Field(() => String, { nullable: true }) success: string | null;
  @Field(() => String, { nullable: true }) fail: string | null;
  @Field(() => String, { nullable: true }) signInUrl: string | null;
  @Field(() => [LandingPageColor]) colors: LandingPageColor[];
  @Field(() => [LandingPageFormField], { description: 'By priority.' }) form: LandingPageFormField[];
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class ContactImage {
  @Field(() => ID, { description: 'The file (GET /files/{id} streams it).' }) id: string;
  @Field(() => String) name: string;
  @Field(() => String) contentType: string;
}

@ObjectType()
export class ContactPreference {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'ORDERS or REWARDS.' }) type: string;
  @Field(() => ID) organisationId: string;
}

@ObjectType({ description: "A contact's profile extras kept by settings." })
export class ContactProfile {
  @Field(() => ID, { description: "The contact's id." }) contactId: string;
  @Field(() => ContactImage, { nullable: true }) image: ContactImage | null;
  @Field(() => [ContactPreference]) preferences: ContactPreference[];
}

const pageOut = (v: LandingPageView | null): LandingPage | null =>
  v && !v.removed ? { ...v, form: [...v.form].sort((a, b) => a.priority - b.priority) } : null;

@Resolver()
export class ProfileQueriesResolver {
  constructor(
    private readonly queries: FileQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized([PUBLIC])
  @Query(() => LandingPage, {
    nullable: true,
    description: 'A landing page by id, as a visitor sees it (the public key alone): null when none, removed or INACTIVE.',
  })
  async publicLandingPage(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<LandingPage | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    const page = canonical ? pageOut(await this.queries.settings(ctx.principal.tenantId).landingPage(canonical)) : null;
    return page && page.state === 'ACTIVE' ? page : null;
  }

  @Authorized(['settings.read'])
  @Query(() => LandingPage, { nullable: true, description: 'A landing page by id, whatever its state; null when none or removed.' })
  async landingPage(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<LandingPage | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    return canonical ? pageOut(await this.queries.settings(ctx.principal.tenantId).landingPage(canonical)) : null;
  }

  @Authorized(['settings.read'])
  @Query(() => [LandingPage], { description: 'The live landing pages, newest first (offset/limit; ask limit + 1 to learn whether more follow).' })
  async landingPages(
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('limit', () => Int, { defaultValue: 10 }) limit: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LandingPage[]> {
    await this.consistency.before(ctx);
    if (offset < 0 || limit < 1 || limit > 101) throw AppError.validation('size', 'must be from 1 to 100', 'INVALID_VALUE');
    return (await this.queries.settings(ctx.principal.tenantId).landingPages(offset, limit)).map((v) => pageOut(v)!);
  }

  @Authorized(['settings.read', SELF])
  @Query(() => ContactProfile, { description: "A contact's image and preferred organisations (a contact: its own); empty when none set." })
  async contactProfile(@Arg('contactId', () => ID) contactId: string, @Ctx() ctx: SubgraphContext): Promise<ContactProfile> {
    const id = canonicalId(contactId);
    if (!id) throw new AppError('NOT_FOUND', `contact ${contactId} was not found`, { reason: 'CONTACT_NOT_FOUND' });
    assertOwnContact(ctx.principal, id);
    await this.consistency.before(ctx);
    const view = await this.queries.settings(ctx.principal.tenantId).contactProfile(id);
    return {
      contactId: id,
      image: view?.image ?? null,
      preferences: [...(view?.preferences ?? [])].sort((a, b) => a.type.localeCompare(b.type)),
    };
  }
}
