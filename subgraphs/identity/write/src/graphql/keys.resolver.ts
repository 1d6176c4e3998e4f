import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { asPayload, UserError, type SubgraphContext, Authorized } from '@crm/platform/graphql';
import { AppError } from '@crm/platform/errors';
import { maskApiKey } from '@crm/platform/security';
import { insertApiKey, revokeApiKey, rotateApiKey, type IssuedApiKey } from '../application/directory/api-keys';
import type { IdentitySecrets } from '../application/identity-secrets';
import type { UnitOfWork } from '../application/unit-of-work';
import { assertKeyRoleGrantable } from '../application/directory/grants';
import { metaOf } from './auth.resolver';
import { grantorOf } from './grantor';

@InputType()
export class CreateApiKeyInput {
  @Field(() => ID) applicationId: string;
  @Field() name: string;
  @Field(() => ID, { description: 'The role whose permissions the secret key acts with.' }) roleId: string;
  @Field(() => String, { defaultValue: 'live', description: 'live or test.' }) env: string;
  @Field(() => Date, { nullable: true }) expiresAt?: Date | null;
}

@ObjectType({ description: 'A newly issued secret key. `key` is shown only in this payload.' })
export class ApiKeyPayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true }) key: string | null;
  @Field(() => String, { nullable: true, description: 'Masked form, e.g. crm_sk_live_...AbCd.' }) masked: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class RevokeApiKeyPayload {
  @Field() revoked: boolean;
  @Field(() => [UserError]) errors: UserError[];
}

const empty = (): ApiKeyPayload => ({ id: null, key: null, masked: null, errors: [] });
const shown = (k: IssuedApiKey): ApiKeyPayload => ({ id: k.id, key: k.key, masked: maskApiKey(k.prefix, k.last4), errors: [] });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkId(field: string, value: string): string {
  if (!UUID.test(value)) throw AppError.validation(field, 'must be a UUID', 'INVALID_ID');
  return value.toLowerCase();
}

@Resolver()
export class KeysResolver {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly secrets: IdentitySecrets,
  ) {}

  @Authorized(['keys.manage'])
  @Mutation(() => ApiKeyPayload, {
    description: 'Creates a secret key bound to a role (server-to-server calls); you can only bind a role whose permissions you hold.',
  })
  createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: SubgraphContext): Promise<ApiKeyPayload> {
    return asPayload(async () => {
      if (input.env !== 'live' && input.env !== 'test') throw AppError.validation('env', 'must be live or test', 'INVALID_ENUM');
      const name = input.name.trim();
      if (!name || name.length > 100) throw AppError.validation('name', 'must be 1-100 characters', 'INVALID_VALUE');
      const applicationId = checkId('applicationId', input.applicationId);
      const roleId = checkId('roleId', input.roleId);
      const key = await this.uow.run(metaOf(ctx), async (tx) => {
        await assertKeyRoleGrantable(tx, grantorOf(ctx), roleId);
        return insertApiKey(tx, this.secrets, {
          applicationId,
          kind: 'secret',
          env: input.env as 'live' | 'test',
          name,
          roleId,
          expiresAt: input.expiresAt ?? null,
        });
      });
      return shown(key);
    }, empty);
  }

  @Authorized(['keys.manage'])
  @Mutation(() => ApiKeyPayload, { description: 'Rolls a key: returns its replacement; the old key works until oldKeyExpiresAt.' })
  rotateApiKey(
    @Arg('id', () => ID) id: string,
    @Arg('oldKeyExpiresAt', () => Date) oldKeyExpiresAt: Date,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ApiKeyPayload> {
    return asPayload(
      async () => shown(await this.uow.run(metaOf(ctx), (tx) => rotateApiKey(tx, this.secrets, checkId('id', id), oldKeyExpiresAt))),
      empty,
    );
  }

  @Authorized(['keys.manage'])
  @Mutation(() => RevokeApiKeyPayload, { description: 'Revokes a key at once.' })
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<RevokeApiKeyPayload> {
    return asPayload<RevokeApiKeyPayload>(
      async () => {
        await this.uow.run(metaOf(ctx), (tx) => revokeApiKey(tx, checkId('id', id), null));
        return { revoked: true, errors: [] };
      },
      () => ({ revoked: false, errors: [] }),
    );
  }
}
