import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { assertOwnContact, SELF } from '@crm/platform/auth';
import { canonicalId } from '@crm/platform/ids';
import { Authorized, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import type { FileQueries } from './file-queries.resolver';

@ObjectType({ description: 'The file of an attachment, as it was when attached.' })
export class AttachedFile {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String) contentType: string;
}

@ObjectType({ description: 'A file or a link attached to a contact.' })
export class ContactAttachment {
  @Field(() => ID) id: string;
  @Field(() => AttachedFile, { nullable: true }) file: AttachedFile | null;
  @Field(() => String, { nullable: true }) link: string | null;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => Date) createdAt: Date;
}

@Resolver(() => ContactAttachment)
export class AttachmentQueriesResolver {
  constructor(
    private readonly queries: FileQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized(['settings.read', SELF])
  @Query(() => [ContactAttachment], { description: "A contact's attachments, oldest first (a contact: its own only; another's is empty)." })
  async contactAttachments(@Arg('contactId', () => ID) contactId: string, @Ctx() ctx: SubgraphContext): Promise<ContactAttachment[]> {
    const id = canonicalId(contactId);
    if (!id) return [];
    if (ctx.principal.kind === 'contact' && ctx.principal.subjectId !== id) return [];
    assertOwnContact(ctx.principal, id);
    await this.consistency.before(ctx);
    return this.queries.attachments(ctx.principal.tenantId).ofContact(id);
  }
}
