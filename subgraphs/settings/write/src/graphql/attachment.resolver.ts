import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { assertOwnContact, SELF } from '@crm/platform/auth';
import { canonicalId } from '@crm/platform/ids';
import { AppError } from '@crm/platform/errors';
import { asPayload, Authorized, formatConsistencyToken, UserError, type SubgraphContext } from '@crm/platform/graphql';
import type { AttachmentCommands } from '../application/attachment-commands';
import { ownerOf, requestOf } from './file.resolver';

@InputType()
export class AddContactAttachmentInput {
  @Field(() => ID, { nullable: true, description: 'A file uploaded first (a contact: one of its own).' }) fileId: string | null;
  @Field(() => String, { nullable: true, description: 'Or an http(s) link.' }) link: string | null;
  @Field(() => String, { nullable: true }) description: string | null;
}

@ObjectType({ description: 'Result of an attachment mutation.' })
export class AttachmentPayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

const empty = (): AttachmentPayload => ({ id: null, consistencyToken: null, errors: [] });

function contactIdOf(ctx: SubgraphContext, raw: string): string {
  const id = canonicalId(raw);
  if (!id) throw new AppError('NOT_FOUND', `contact ${raw} was not found`, { reason: 'CONTACT_NOT_FOUND' });
  assertOwnContact(ctx.principal, id);
  return id;
}

@Resolver()
export class AttachmentResolver {
  constructor(private readonly commands: AttachmentCommands) {}

  @Authorized(['settings.write', SELF])
  @Mutation(() => AttachmentPayload, { description: 'Attaches a file or a link to a contact (a contact: to itself).' })
  addContactAttachment(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('input', () => AddContactAttachmentInput) input: AddContactAttachmentInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AttachmentPayload> {
    return asPayload(async () => {
      const r = await this.commands.add(requestOf(ctx), ownerOf(ctx), {
        contactId: contactIdOf(ctx, contactId),
        fileId: input.fileId ? (canonicalId(input.fileId) ?? input.fileId) : null,
        link: input.link,
        description: input.description,
      });
      return { id: r.state.id, consistencyToken: formatConsistencyToken(r.consistency), errors: [] };
    }, empty);
  }

  @Authorized(['settings.write', SELF])
  @Mutation(() => AttachmentPayload, { description: 'Removes an attachment from a contact (the file stays until deleted).' })
  removeContactAttachment(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AttachmentPayload> {
    return asPayload(async () => {
      const r = await this.commands.remove(requestOf(ctx), contactIdOf(ctx, contactId), id);
      return { id: r.state.id, consistencyToken: formatConsistencyToken(r.consistency), errors: [] };
    }, empty);
  }
}
