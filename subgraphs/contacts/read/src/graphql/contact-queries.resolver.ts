import { Arg, Ctx, Field, ID, InputType, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { Contact, ContactType, toContactType } from '@crm/contacts-model';
import { isAllowed, SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { encodeCursor, PageInfo, pageWindow, type ReadConsistency, type SubgraphContext, Authorized } from '@crm/platform/graphql';
import type { ContactQueries } from '../queries/contact-queries';
import type { ContactView } from '../projections/contact-view.projection';
import { canonicalId } from '../persistence/contact-view-store';

export enum ContactSortField {
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  NAME = 'NAME',
  CODE = 'CODE',
}
export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(ContactSortField, { name: 'ContactSortField' });
registerEnumType(SortDirection, { name: 'SortDirection' });

@InputType({ description: 'All given conditions must hold.' })
export class ContactFilter {
  @Field(() => String, { nullable: true, description: 'Substring of name, company, email, phone or code.' }) search?: string | null;
  @Field(() => String, { nullable: true }) code?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true, description: 'Digits of a phone number (substring).' }) phone?: string | null;
  @Field(() => [String], { nullable: true, description: 'Contacts having any of these tags.' }) tags?: string[] | null;
  @Field(() => ContactType, { nullable: true }) type?: string | null;
  @Field(() => Date, { nullable: true, description: 'Created at or after.' }) createdFrom?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Created at or before.' }) createdTo?: Date | null;
}

@InputType()
export class ContactSort {
  @Field(() => ContactSortField, { defaultValue: ContactSortField.CREATED_AT }) field: ContactSortField;
  @Field(() => SortDirection, { defaultValue: SortDirection.DESC }) direction: SortDirection;
}

@ObjectType()
export class ContactEdge {
  @Field() cursor: string;
  @Field(() => Contact) node: Contact;
}

@ObjectType({ description: 'A page of contacts.' })
export class ContactConnection {
  @Field(() => [ContactEdge]) edges: ContactEdge[];
  @Field(() => [Contact]) nodes: Contact[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int, { nullable: true, description: 'Matching contacts, counted up to 10,000; null unless includeTotal is true.' })
  totalCount: number | null;
}

const MAX_FILTER_TEXT = 200;

function checkFilter(f: ContactFilter | null | undefined): ContactFilter {
  const filter = { ...(f ?? {}) };
  for (const key of ['search', 'code', 'email', 'phone'] as const) {
    const v = filter[key];
    if (v !== undefined && v !== null && v.length > MAX_FILTER_TEXT)
      throw AppError.validation(`filter.${key}`, `must be at most ${MAX_FILTER_TEXT} characters`, 'TOO_LONG');
  }
  if ((filter.tags?.length ?? 0) > 50) throw AppError.validation('filter.tags', 'at most 50 tags', 'TOO_MANY');
  if (filter.createdFrom && filter.createdTo && filter.createdFrom > filter.createdTo)
    throw AppError.validation('filter.createdFrom', 'must not be after createdTo', 'INVALID_RANGE');
  return filter;
}

@Resolver(() => Contact)
export class ContactQueriesResolver {
  constructor(
    private readonly queries: ContactQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  private async consistent(ctx: SubgraphContext): Promise<void> {
    await this.consistency.before(ctx);
  }

  @Authorized(['contacts.read', SELF])
  @Query(() => Contact, { nullable: true, description: 'A contact by id or code; null when there is none (or it is not yours).' })
  async contact(@Arg('id', () => ID, { description: 'Contact id or code.' }) id: string, @Ctx() ctx: SubgraphContext): Promise<Contact | null> {
    if (id.length > 100) throw AppError.validation('id', 'must be at most 100 characters', 'TOO_LONG');
    await this.consistent(ctx);
    const canonical = canonicalId(id);
    const minVersion = Math.max(0, ...ctx.consistency.filter((t) => t.aggregateId === canonical).map((t) => t.version));
    const view = await this.queries.get(ctx.principal, id, minVersion);
    return this.visible(ctx, view);
  }

  @Authorized(['contacts.read'])
  @Query(() => ContactConnection, { description: 'Contacts of the tenant, filtered, sorted and paged (first/after, or first/offset).' })
  async contacts(
    @Ctx() ctx: SubgraphContext,
    @Arg('filter', () => ContactFilter, { nullable: true }) filter: ContactFilter | null,
    @Arg('sort', () => ContactSort, { nullable: true }) sort: ContactSort | null,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100, default 20.' }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('offset', () => Int, { nullable: true, description: 'Skip this many (page-based clients); ignored with after.' }) offset: number | null,
    @Arg('includeTotal', () => Boolean, { defaultValue: false }) includeTotal: boolean,
  ): Promise<ContactConnection> {
    const window = pageWindow({ first, after, offset });
    await this.consistent(ctx);
    const result = await this.queries.list(
      ctx.principal,
      {
        filter: checkFilter(filter),
        sort: { field: sort?.field ?? ContactSortField.CREATED_AT, direction: sort?.direction ?? SortDirection.DESC },
        window,
        withTotal: includeTotal,
      },
      ctx.consistency.length > 0,
    );
    const edges = result.views.map((v, i) => ({ cursor: encodeCursor(window.offset + i), node: toContactType(v) }));
    return {
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: {
        hasNextPage: result.hasMore,
        hasPreviousPage: window.offset > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      totalCount: result.total,
    };
  }

  /** Tenant scoping is in the store; here a contact principal sees only itself. */
  visible(ctx: SubgraphContext, view: ContactView | null): Contact | null {
    if (!view) return null;
    if (ctx.principal.kind === 'contact' && ctx.principal.subjectId !== view.id) return null;
    return toContactType(view);
  }
}

/** `_entities` is another way in: same permission, tenant and ownership rules as `contact`. */
export function contactReferenceResolver(queries: ContactQueries) {
  return {
    Contact: {
      __resolveReference: async (ref: { id: string }, ctx: SubgraphContext): Promise<Contact | null> => {
        if (!isAllowed(ctx.principal, ['contacts.read', SELF]))
          throw new AppError('FORBIDDEN', 'not allowed to read contacts', { reason: 'FORBIDDEN' });
        const view = await queries.get(ctx.principal, ref.id);
        if (!view) return null;
        if (ctx.principal.kind === 'contact' && ctx.principal.subjectId !== view.id) return null;
        return toContactType(view);
      },
    },
  };
}
