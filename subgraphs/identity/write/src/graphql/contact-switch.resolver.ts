import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import { asPayload, Authorized, type SubgraphContext } from '@crm/platform/graphql';
import type { ContactSwitch } from '../application/contacts/contact-switch';
import { ContactAuthPayload } from './contact-auth.types';
import { metaOf } from './auth.resolver';

const empty = (): ContactAuthPayload =>
  ({
    contactId: null,
    tokens: null,
    isVerified: false,
    authOtp: null,
    obfuscatedValue: null,
    consistencyToken: null,
    errors: [],
  }) as ContactAuthPayload;

/** A member of a community acts as its owner (Self-Service `POST /contacts/{id}/switch`). */
@Resolver()
export class ContactSwitchResolver {
  constructor(private readonly switching: ContactSwitch) {}

  @Authorized([SELF])
  @Mutation(() => ContactAuthPayload, {
    description:
      "A signed-in contact that is an accepted member of `ownerId`'s community with is_admin or FULL_ACCESS gets tokens acting as the owner; another member: FORBIDDEN; no such membership: NOT_FOUND.",
  })
  switchContact(@Arg('ownerId', () => ID) ownerId: string, @Ctx() ctx: SubgraphContext): Promise<ContactAuthPayload> {
    return asPayload(async () => {
      if (ctx.principal.kind !== 'contact' || !ctx.principal.subjectId)
        throw new AppError('FORBIDDEN', 'only a signed-in contact switches', { reason: 'PERMISSION_DENIED' });
      const owner = canonicalId(ownerId);
      if (!owner) throw new AppError('NOT_FOUND', `contact ${ownerId} was not found`, { reason: 'CONTACT_NOT_FOUND' });
      const tokens = await this.switching.switchTo(metaOf(ctx), ctx.principal.subjectId, owner);
      return { ...empty(), contactId: owner, tokens, isVerified: true };
    }, empty);
  }
}
