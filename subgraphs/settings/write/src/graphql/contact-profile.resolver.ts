import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { assertOwnContact, SELF } from '@crm/platform/auth';
import { canonicalId } from '@crm/platform/ids';
import { AppError } from '@crm/platform/errors';
import { asPayload, Authorized, formatConsistencyToken, UserError, type SubgraphContext } from '@crm/platform/graphql';
import type { ContactProfileCommands } from '../application/contact-profile-commands';
import type { FileCommands } from '../application/file-commands';
import type { MediaSigner } from '../application/media-signer';
import { ownerOf, requestOf } from './file.resolver';

@ObjectType({ description: "Result of a contact profile mutation (the image: the file's id; a preference: the preference's id)." })
export class ContactProfilePayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@InputType()
export class MediaUploadSignatureInput {
  @Field(() => ID, { nullable: true, description: 'The id the uploaded media will take.' }) id?: string | null;
  @Field(() => ID, { nullable: true, description: 'The contact the media is for (a contact: itself, the default).' }) contactId?: string | null;
  @Field(() => String, { nullable: true, description: 'LOGO, AVATAR, PROFILEIMAGE, ATTACHMENT, … (default IMAGE).' }) usageType?: string | null;
  @Field(() => String, { nullable: true }) folder?: string | null;
  @Field(() => String, { nullable: true }) trackingKey?: string | null;
  @Field(() => String, { nullable: true }) mediaGroupId?: string | null;
}

@ObjectType({ description: 'A signed, expiring permission to upload one media file (HMAC-SHA256 over the fields below).' })
export class MediaUploadSignature {
  @Field(() => String, { description: 'Hex HMAC-SHA256 of the canonical string of the fields.' }) signature: string;
  @Field(() => String, { description: 'The signed fields, canonical (what the upload sends back with the signature).' }) signedFields: string;
  @Field(() => Date) expiresAt: Date;
  @Field(() => ID) id: string;
  @Field(() => ID, { nullable: true }) contactId: string | null;
  @Field(() => String) usageType: string;
  @Field(() => String, { nullable: true }) folder: string | null;
  @Field(() => String, { nullable: true }) trackingKey: string | null;
  @Field(() => String, { nullable: true }) mediaGroupId: string | null;
}

@ObjectType({ description: 'Result of signMediaUpload.' })
export class MediaUploadSignaturePayload {
  @Field(() => MediaUploadSignature, { nullable: true }) signature: MediaUploadSignature | null;
  @Field(() => String, { nullable: true, description: 'Always null (nothing is stored).' }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

const empty = (): ContactProfilePayload => ({ id: null, consistencyToken: null, errors: [] });

function contactIdOf(ctx: SubgraphContext, raw: string): string {
  const id = canonicalId(raw);
  if (!id) throw new AppError('NOT_FOUND', `contact ${raw} was not found`, { reason: 'CONTACT_NOT_FOUND' });
  assertOwnContact(ctx.principal, id);
  return id;
}

@Resolver()
export class ContactProfileResolver {
  constructor(
    private readonly commands: ContactProfileCommands,
    private readonly files: FileCommands,
    private readonly signer: MediaSigner,
  ) {}

  @Authorized(['settings.write', SELF])
  @Mutation(() => ContactProfilePayload, {
    description:
      "Sets a contact's profile image to an image file the contact uploaded (png, jpeg, gif or webp; 415 otherwise); the previous image file is deleted.",
  })
  setContactImage(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('fileId', () => ID) fileId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ContactProfilePayload> {
    return asPayload(async () => {
      const id = contactIdOf(ctx, contactId);
      const before = await this.commands.state(requestOf(ctx), id);
      const r = await this.commands.setImage(requestOf(ctx), ownerOf(ctx), id, canonicalId(fileId) ?? fileId);
      const previous = before?.image?.id;
      if (previous && previous !== r.state.image?.id) await this.deleteQuietly(ctx, previous);
      return { id: r.state.image?.id ?? null, consistencyToken: formatConsistencyToken(r.consistency), errors: [] };
    }, empty);
  }

  @Authorized(['settings.write', SELF])
  @Mutation(() => ContactProfilePayload, { description: "Removes a contact's profile image and deletes its file (none set: NOT_FOUND)." })
  removeContactImage(@Arg('contactId', () => ID) contactId: string, @Ctx() ctx: SubgraphContext): Promise<ContactProfilePayload> {
    return asPayload(async () => {
      const id = contactIdOf(ctx, contactId);
      const before = await this.commands.state(requestOf(ctx), id);
      const r = await this.commands.removeImage(requestOf(ctx), id);
      if (before?.image) await this.deleteQuietly(ctx, before.image.id);
      return { id: before?.image?.id ?? null, consistencyToken: formatConsistencyToken(r.consistency), errors: [] };
    }, empty);
  }

  @Authorized(['settings.write', SELF])
  @Mutation(() => ContactProfilePayload, { description: "Sets a contact's preferred organisation for ORDERS or REWARDS (replaces that type's)." })
  setContactPreference(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('type', () => String) type: string,
    @Arg('organisationId', () => ID) organisationId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ContactProfilePayload> {
    return asPayload(async () => {
      const id = contactIdOf(ctx, contactId);
      const org = canonicalId(organisationId);
      if (!org) throw AppError.validation('organisation_id', 'must be a UUID', 'INVALID_VALUE');
      const r = await this.commands.setPreference(requestOf(ctx), id, type, org);
      const pref = r.state.preferences.find((p) => p.type === type);
      return { id: pref?.id ?? null, consistencyToken: formatConsistencyToken(r.consistency), errors: [] };
    }, empty);
  }

  @Authorized(['settings.write', SELF])
  @Mutation(() => MediaUploadSignaturePayload, {
    description: 'Signs a media upload (HMAC-SHA256, expiring); POST /upload/files verifies it when given (400 MEDIA_SIGNATURE_INVALID).',
  })
  signMediaUpload(
    @Arg('input', () => MediaUploadSignatureInput) input: MediaUploadSignatureInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<MediaUploadSignaturePayload> {
    return asPayload(
      async (): Promise<MediaUploadSignaturePayload> => {
        const contactId = input.contactId ? contactIdOf(ctx, input.contactId) : ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null;
        return {
          signature: this.signer.sign(ctx.principal.tenantId, { ...(JSON.parse(JSON.stringify(input)) as MediaUploadSignatureInput), contactId }),
          consistencyToken: null,
          errors: [],
        };
      },
      () => ({ signature: null, consistencyToken: null, errors: [] }),
    );
  }

  /** The image's file goes with it; a file already gone is no failure. */
  private async deleteQuietly(ctx: SubgraphContext, fileId: string): Promise<void> {
    try {
      await this.files.delete(requestOf(ctx), fileId, ownerOf(ctx));
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
    }
  }
}
