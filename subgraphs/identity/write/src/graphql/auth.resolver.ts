import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { AUTHENTICATED } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { asPayload, type SubgraphContext, Authorized } from '@crm/platform/graphql';
import type { UserAuth } from '../application/auth/user-auth';
import type { CommandMeta } from '../application/unit-of-work';
import { AuthPayload, AuthenticateUserInput, SignOutPayload } from './auth.types';
import { DonePayload } from './contact-auth.types';

export function metaOf(ctx: SubgraphContext): CommandMeta {
  return { tenantId: ctx.principal.tenantId, actor: { kind: ctx.principal.kind, id: ctx.principal.subjectId }, correlationId: ctx.correlationId };
}

const noTokens = (): AuthPayload => ({ tokens: null, errors: [] });

@Resolver()
export class AuthResolver {
  constructor(private readonly users: UserAuth) {}

  @Authorized(['public'])
  @Mutation(() => AuthPayload, { description: 'Back-office sign-in with email and password (the tenant comes from the api_key).' })
  async authenticateUser(@Arg('input', () => AuthenticateUserInput) input: AuthenticateUserInput, @Ctx() ctx: SubgraphContext): Promise<AuthPayload> {
    return asPayload(
      async () => ({
        tokens: await this.users.authenticate(metaOf(ctx), { email: input.username, password: input.password }, ctx.clientIp),
        errors: [],
      }),
      noTokens,
    );
  }

  @Authorized(['public'])
  @Mutation(() => AuthPayload, { description: 'Rotates a refresh token (user or contact): a new pair; the old refresh token is spent.' })
  async refreshSession(@Arg('refreshToken') refreshToken: string, @Ctx() ctx: SubgraphContext): Promise<AuthPayload> {
    return asPayload(async () => ({ tokens: await this.users.refresh(metaOf(ctx), refreshToken), errors: [] }), noTokens);
  }

  @Authorized(['public'])
  @Mutation(() => DonePayload, { description: 'Emails a password-reset token to an active back-office user; always answers ok (no enumeration).' })
  async requestUserPasswordReset(@Arg('email') email: string, @Ctx() ctx: SubgraphContext): Promise<DonePayload> {
    return asPayload<DonePayload>(
      async () => {
        await this.users.forgotPassword(metaOf(ctx), email, ctx.clientIp);
        return { ok: true, errors: [] };
      },
      () => ({ ok: false, errors: [] }),
    );
  }

  @Authorized(['public'])
  @Mutation(() => DonePayload, { description: 'Sets a new password with a reset token; every session of the user ends.' })
  async resetUserPassword(@Arg('token') token: string, @Arg('password') password: string, @Ctx() ctx: SubgraphContext): Promise<DonePayload> {
    return asPayload<DonePayload>(
      async () => {
        await this.users.resetPassword(metaOf(ctx), token, password);
        return { ok: true, errors: [] };
      },
      () => ({ ok: false, errors: [] }),
    );
  }

  @Authorized([AUTHENTICATED])
  @Mutation(() => SignOutPayload, { description: "Ends the caller's session: its refresh tokens and access tokens stop working." })
  async signOut(@Ctx() ctx: SubgraphContext): Promise<SignOutPayload> {
    return asPayload<SignOutPayload>(
      async () => {
        await this.users.signOut(metaOf(ctx), ctx.principal.sessionId);
        return { signedOut: true, errors: [] };
      },
      () => ({ signedOut: false, errors: [] }),
    );
  }

  @Authorized([AUTHENTICATED])
  @Mutation(() => AuthPayload, { description: 'New tokens acting for another organisation (merchant, venue) of the tenant.' })
  async switchOrganisation(@Arg('organisationId', () => ID) organisationId: string, @Ctx() ctx: SubgraphContext): Promise<AuthPayload> {
    if (ctx.principal.kind !== 'user' || !ctx.principal.subjectId)
      throw new AppError('FORBIDDEN', 'only back-office users switch organisation', { reason: 'PERMISSION_DENIED' });
    const userId = ctx.principal.subjectId;
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(organisationId)) {
      return {
        tokens: null,
        errors: [{ code: 'VALIDATION', reason: 'INVALID_ID', field: 'organisationId', message: 'organisationId: must be a UUID' }],
      };
    }
    return asPayload(
      async () => ({ tokens: await this.users.switchOrganisation(metaOf(ctx), userId, organisationId, ctx.principal.sessionId ?? null), errors: [] }),
      noTokens,
    );
  }
}
