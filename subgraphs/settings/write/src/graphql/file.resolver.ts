import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { asPayload, Authorized, formatConsistencyToken, UserError, type SubgraphContext } from '@crm/platform/graphql';
import { FILE_ENTITY_TYPES, type FileEntityType, type FileOwner } from '@crm/event-bus/contracts/settings';
import type { RequestContext } from '@crm/event-bus/kit';
import type { FileCommands } from '../application/file-commands';

@InputType()
export class UploadFileInput {
  @Field(() => String, { description: `What the file is for: ${FILE_ENTITY_TYPES.join(', ')} (default OTHER).`, nullable: true })
  entityType: string | null;
  @Field(() => String, { nullable: true, description: 'The file name (default "file"), at most 255 characters.' }) name: string | null;
  @Field(() => String, {
    description:
      'The bytes, base64. The content type is sniffed from them (png, jpeg, gif, webp, pdf, docx, xlsx, plain text); a claimed type is never used.',
  })
  contentBase64: string;
  @Field(() => String, { nullable: true, description: 'A media upload signature (signMediaUpload); verified when given.' }) signature?: string | null;
  @Field(() => String, { nullable: true, description: 'The signed fields the signature covers (as signMediaUpload answered them).' })
  signedFields?: string | null;
}

@ObjectType({ description: 'Result of a file mutation.' })
export class FilePayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true, description: 'Send as `x-consistency-token` with a later query to read at least this write.' })
  consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType({ description: 'A stored file with its bytes (served by the settings write side, which owns the file store).' })
export class FileContent {
  @Field(() => ID) id: string;
  @Field(() => String) entityType: string;
  @Field(() => String) name: string;
  @Field(() => String, { description: 'Sniffed from the bytes at upload.' }) contentType: string;
  @Field(() => Int) sizeBytes: number;
  @Field(() => String) sha256: string;
  @Field(() => Date) createdAt: Date;
  @Field(() => String) contentBase64: string;
}

/** The caller as a file owner: a contact owns its uploads; users and keys upload for the tenant. */
export function ownerOf(ctx: SubgraphContext): FileOwner {
  const { kind, subjectId } = ctx.principal;
  return { kind: kind === 'contact' ? 'contact' : kind === 'user' ? 'user' : 'service', id: subjectId };
}

export const requestOf = (ctx: SubgraphContext): RequestContext => ({
  tenantId: ctx.principal.tenantId,
  correlationId: ctx.correlationId,
  actor: { kind: ctx.principal.kind, id: ctx.principal.subjectId },
});

function entityTypeOf(value: string | null): FileEntityType {
  if (value === null || value === '') return 'OTHER';
  if (!(FILE_ENTITY_TYPES as readonly string[]).includes(value)) {
    throw AppError.validation('entityType', `must be one of ${FILE_ENTITY_TYPES.join(', ')}`, 'INVALID_ENUM');
  }
  return value as FileEntityType;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

@Resolver()
export class FileResolver {
  constructor(private readonly commands: FileCommands) {}

  /** A signed upload: the signature must match its fields, not be expired, and name the uploading contact (when it names one). */
  private checkSignature(ctx: SubgraphContext, signature: string, signedFields: string): void {
    if (!this.commands.signer) throw AppError.validation('signature', 'media signatures are not configured', 'MEDIA_SIGNATURE_INVALID');
    const fields = this.commands.signer.verify(ctx.principal.tenantId, signedFields, signature);
    if (ctx.principal.kind === 'contact' && fields['contactId'] !== undefined && fields['contactId'] !== ctx.principal.subjectId)
      throw AppError.validation('signature', 'was issued for another contact', 'MEDIA_SIGNATURE_INVALID');
  }

  @Authorized(['settings.write', SELF])
  @Mutation(() => FilePayload, { description: 'Stores a file (size-limited; a contact keeps a limited number of files) and returns its id.' })
  uploadFile(@Arg('input', () => UploadFileInput) input: UploadFileInput, @Ctx() ctx: SubgraphContext): Promise<FilePayload> {
    return asPayload<FilePayload>(
      async () => {
        // refuse an oversized body before decoding it (base64 is 4 characters per 3 bytes)
        if (input.contentBase64.length > Math.ceil(this.commands.limits.maxBytes / 3) * 4 + 4) {
          throw new AppError('PAYLOAD_TOO_LARGE', `file: larger than ${this.commands.limits.maxBytes} bytes`, {
            field: 'file',
            reason: 'FILE_TOO_LARGE',
          });
        }
        if (!BASE64.test(input.contentBase64)) throw AppError.validation('contentBase64', 'is not base64', 'INVALID_VALUE');
        if (input.signature != null || input.signedFields != null) this.checkSignature(ctx, input.signature ?? '', input.signedFields ?? '');
        const bytes = Buffer.from(input.contentBase64, 'base64');
        const result = await this.commands.upload(requestOf(ctx), {
          owner: ownerOf(ctx),
          entityType: entityTypeOf(input.entityType),
          name: input.name ?? 'file',
          bytes,
        });
        return { id: result.state.id, consistencyToken: formatConsistencyToken(result.consistency), errors: [] };
      },
      () => ({ id: null, consistencyToken: null, errors: [] }),
    );
  }

  @Authorized(['settings.write', SELF])
  @Mutation(() => FilePayload, { description: "Deletes a file and its bytes. A contact deletes only its own files (others' are NOT_FOUND)." })
  deleteFile(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<FilePayload> {
    return asPayload<FilePayload>(
      async () => {
        const result = await this.commands.delete(requestOf(ctx), id, ownerOf(ctx));
        return { id: result.state.id, consistencyToken: formatConsistencyToken(result.consistency), errors: [] };
      },
      () => ({ id: null, consistencyToken: null, errors: [] }),
    );
  }

  @Authorized(['settings.read', SELF])
  @Query(() => FileContent, { nullable: true, description: "A file with its bytes; null when the tenant has none or it is another contact's." })
  async fileContent(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<FileContent | null> {
    const found = await this.commands.content(ctx.principal.tenantId, id, ownerOf(ctx));
    if (!found) return null;
    const { file, bytes } = found;
    return {
      id: file.id,
      entityType: file.entityType,
      name: file.name,
      contentType: file.contentType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
      createdAt: file.createdAt,
      contentBase64: bytes.toString('base64'),
    };
  }
}
