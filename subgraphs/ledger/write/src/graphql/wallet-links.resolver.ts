import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { asPayload, Authorized, formatConsistencyToken, UserError, type SubgraphContext } from '@crm/platform/graphql';
import { SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import type { RequestContext } from '@crm/event-bus/kit';
import type { WalletLinkCommands } from '../application/wallet-links';
import { OpenWalletPayload } from './payloads';

@InputType({ description: 'The e-mail or phone a wallet is found by across the business network.' })
export class WalletIdentityInput {
  @Field(() => String, { description: 'EMAIL or PHONE.' }) type: string;
  @Field(() => String, { description: 'The e-mail address or phone number.' }) value: string;
  @Field(() => String, { nullable: true, description: 'ISO 3166 alpha-3 country of a phone number.' }) countryCode: string | null;
}

@InputType()
export class SetUpWalletInput {
  @Field(() => String, { nullable: true, description: 'The one-time code sent to the identity: links its existing wallet to the contact.' })
  otp: string | null;
  @Field(() => String, { nullable: true, description: "16 digits: the new wallet's code (no OTP), or the linked wallet's (checked)." })
  code: string | null;
  @Field(() => WalletIdentityInput) identity: WalletIdentityInput;
}

@ObjectType()
export class WalletOtpPayload {
  @Field(() => Boolean, { description: 'The code was sent to the identity.' }) sent: boolean;
  @Field(() => String, { nullable: true, description: 'Always null (nothing to read after it).' }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

function request(ctx: SubgraphContext): RequestContext {
  return { tenantId: ctx.principal.tenantId, correlationId: ctx.correlationId, actor: { kind: ctx.principal.kind, id: ctx.principal.subjectId } };
}
const owner = (ctx: SubgraphContext) => (ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null);

/** Flow 16: wallet identities, one-time codes and links (a contact: only for itself). */
@Resolver()
export class WalletLinksResolver {
  constructor(private readonly links: WalletLinkCommands) {}

  @Authorized(['ledger.write', SELF])
  @Mutation(() => WalletOtpPayload, {
    description:
      'Sends a one-time code to the identity of an existing wallet (at most 5 an hour per contact); it proves the identity to setUpWallet.',
  })
  requestWalletOtp(
    @Arg('contactId', () => ID, { nullable: true, description: 'Default: the calling contact.' }) contactId: string | null,
    @Arg('identity', () => WalletIdentityInput) identity: WalletIdentityInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<WalletOtpPayload> {
    return asPayload(
      async (): Promise<WalletOtpPayload> => {
        const contact = contactId ?? owner(ctx);
        if (!contact) throw AppError.validation('contactId', 'is required (only a contact asks for its own code without it)', 'REQUIRED');
        await this.links.requestOtp(request(ctx), contact, identity, owner(ctx));
        return { sent: true, consistencyToken: null, errors: [] };
      },
      (): WalletOtpPayload => ({ sent: false, consistencyToken: null, errors: [] }),
    );
  }

  @Authorized(['ledger.write', SELF])
  @Mutation(() => OpenWalletPayload, {
    description:
      "Sets up the contact's wallet: without an OTP, gives its own wallet the identity (opening it with `code` when it has none); with the OTP sent to the identity, links the identity's existing wallet to the contact (its own must hold nothing).",
  })
  setUpWallet(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('input', () => SetUpWalletInput) input: SetUpWalletInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OpenWalletPayload> {
    return asPayload(
      async (): Promise<OpenWalletPayload> => {
        const r = await this.links.setUp(
          request(ctx),
          contactId,
          { otp: input.otp ?? null, code: input.code ?? null, identity: input.identity },
          owner(ctx),
        );
        return { walletId: r.walletId, code: r.code, consistencyToken: r.consistency ? formatConsistencyToken(r.consistency) : null, errors: [] };
      },
      (): OpenWalletPayload => ({ walletId: null, code: null, consistencyToken: null, errors: [] }),
    );
  }
}
