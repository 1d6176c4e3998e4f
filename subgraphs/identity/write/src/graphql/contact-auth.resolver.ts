import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { assertOwnContact, SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { asPayload, type SubgraphContext, Authorized } from '@crm/platform/graphql';
import type { ContactAuth, ContactAuthResult } from '../application/contacts/contact-auth';
import { metaOf } from './auth.resolver';
import {
  AddContactIdentityInput,
  AuthenticateContactInput,
  ContactAuthPayload,
  DonePayload,
  OtpCredentialInput,
  RegisterContactInput,
} from './contact-auth.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const emptyAuth = (): ContactAuthPayload => ({
  contactId: null,
  tokens: null,
  isVerified: false,
  authOtp: null,
  obfuscatedValue: null,
  consistencyToken: null,
  errors: [],
});
const toPayload = (r: ContactAuthResult): ContactAuthPayload => ({ ...r, errors: [] });
const done = (): DonePayload => ({ ok: true, errors: [] });
const notDone = (): DonePayload => ({ ok: false, errors: [] });

function contactIdArg(ctx: SubgraphContext, contactId: string): string {
  if (!UUID.test(contactId)) throw AppError.validation('contactId', 'must be a UUID', 'INVALID_ID');
  const id = contactId.toLowerCase();
  assertOwnContact(ctx.principal, id);
  return id;
}

/** Self-Service identities: the tenant comes from the caller's public api_key. */
@Resolver()
export class ContactAuthResolver {
  constructor(
    private readonly contacts: ContactAuth,
    /** Whether a contact id exists in a tenant (from the contacts domain's events). */
    private readonly knownContact: (tenantId: string, contactId: string) => Promise<boolean>,
  ) {}

  @Authorized(['public'])
  @Mutation(() => ContactAuthPayload, { description: 'Registers a contact: tokens at once (EMAIL + password) or a one-time code first.' })
  registerContact(@Arg('input', () => RegisterContactInput) input: RegisterContactInput, @Ctx() ctx: SubgraphContext): Promise<ContactAuthPayload> {
    return asPayload(async () => toPayload(await this.contacts.register(metaOf(ctx), { ...input }, ctx.clientIp)), emptyAuth);
  }

  @Authorized(['public'])
  @Mutation(() => ContactAuthPayload, {
    description: 'Signs a contact in (EMAIL + password), or sends a one-time code (EMAIL or PHONE without password).',
  })
  authenticateContact(
    @Arg('input', () => AuthenticateContactInput) input: AuthenticateContactInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ContactAuthPayload> {
    return asPayload(async () => toPayload(await this.contacts.authenticate(metaOf(ctx), { ...input }, ctx.clientIp)), emptyAuth);
  }

  @Authorized(['public'])
  @Mutation(() => ContactAuthPayload, { description: 'Sends a 6-digit one-time code to the contact with this EMAIL or PHONE.' })
  requestContactOtp(
    @Arg('credential', () => OtpCredentialInput) credential: OtpCredentialInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ContactAuthPayload> {
    return asPayload(
      async () =>
        toPayload(
          await this.contacts.requestOtp(
            metaOf(ctx),
            { name: credential.name, value: credential.value, countryCode: credential.countryCode ?? '' },
            ctx.clientIp,
          ),
        ),
      emptyAuth,
    );
  }

  @Authorized(['public'])
  @Mutation(() => ContactAuthPayload, { description: 'Validates a one-time code (at most 5 tries, 5 minutes): tokens.' })
  validateContactOtp(@Arg('authOtp', () => ID) authOtp: string, @Arg('code') code: string, @Ctx() ctx: SubgraphContext): Promise<ContactAuthPayload> {
    return asPayload(async () => toPayload(await this.contacts.validateOtp(metaOf(ctx), authOtp, code)), emptyAuth);
  }

  @Authorized(['public'])
  @Mutation(() => DonePayload, { description: 'Sends a password-reset link when the email belongs to a contact; always answers ok.' })
  requestContactPasswordReset(@Arg('username') username: string, @Ctx() ctx: SubgraphContext): Promise<DonePayload> {
    return asPayload(async () => {
      await this.contacts.forgotPassword(metaOf(ctx), username, ctx.clientIp);
      return done();
    }, notDone);
  }

  @Authorized(['public'])
  @Mutation(() => DonePayload, { description: "Sets a new password with a reset link's token; ends every session of the contact." })
  resetContactPassword(@Arg('token') token: string, @Arg('password') password: string, @Ctx() ctx: SubgraphContext): Promise<DonePayload> {
    return asPayload(async () => {
      await this.contacts.resetPassword(metaOf(ctx), token, password);
      return done();
    }, notDone);
  }

  @Authorized([SELF])
  @Mutation(() => DonePayload, {
    description:
      'A signed-in contact changes its password; its sessions end. When one is set, currentPassword is required unless the session signed in within the re-authentication window (REAUTH_WINDOW_SECONDS, refreshes keep the sign-in time): FORBIDDEN (REAUTHENTICATION_REQUIRED) otherwise.',
  })
  changeContactPassword(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('password') password: string,
    @Arg('currentPassword', () => String, { nullable: true }) currentPassword: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DonePayload> {
    return asPayload(async () => {
      await this.contacts.changePassword(metaOf(ctx), contactIdArg(ctx, contactId), password, currentPassword, ctx.principal.sessionId ?? null);
      return done();
    }, notDone);
  }

  @Authorized(['public'])
  @Mutation(() => DonePayload, { description: 'Sends an email-verification link to an unverified contact email; always answers ok.' })
  requestContactEmailVerification(@Arg('email') email: string, @Ctx() ctx: SubgraphContext): Promise<DonePayload> {
    return asPayload(async () => {
      await this.contacts.requestEmailVerification(metaOf(ctx), email);
      return done();
    }, notDone);
  }

  @Authorized(['public'])
  @Mutation(() => DonePayload)
  verifyContactEmail(@Arg('token') token: string, @Ctx() ctx: SubgraphContext): Promise<DonePayload> {
    return asPayload(async () => {
      await this.contacts.verifyEmail(metaOf(ctx), token);
      return done();
    }, notDone);
  }

  @Authorized(['contacts.write', SELF])
  @Mutation(() => DonePayload, { description: 'Adds login credentials to an existing contact.' })
  addContactIdentity(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('input', () => AddContactIdentityInput) input: AddContactIdentityInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DonePayload> {
    return asPayload(async () => {
      const id = contactIdArg(ctx, contactId);
      // a contact's own token proves the contact; a back-office caller's id is checked against its tenant
      const known = () => (ctx.principal.kind === 'contact' ? Promise.resolve(true) : this.knownContact(ctx.principal.tenantId, id));
      await this.contacts.addIdentity(metaOf(ctx), id, known, { ...input });
      return done();
    }, notDone);
  }

  @Authorized(['public'])
  @Query(() => Boolean, {
    description:
      'Whether a contact with this email or phone exists (the public existence check). Answered from the identity store, which registration writes synchronously.',
  })
  contactIdentityExists(
    @Arg('email', () => String, { nullable: true }) email: string | null,
    @Arg('phoneCountryCode', () => String, { nullable: true }) phoneCountryCode: string | null,
    @Arg('phoneNumber', () => String, { nullable: true }) phoneNumber: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<boolean> {
    if (!email && !phoneNumber) throw AppError.validation('email', 'give an email or a phone', 'REQUIRED');
    return this.contacts.exists(metaOf(ctx), email ? { email } : { phone: { countryCode: phoneCountryCode ?? '', number: phoneNumber ?? '' } });
  }
}
