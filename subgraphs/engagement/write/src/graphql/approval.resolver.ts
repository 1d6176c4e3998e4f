import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import { SELF } from '@crm/platform/auth';
import { canonicalId } from '@crm/platform/ids';
import { asPayload, Authorized, formatConsistencyToken, UserError, type SubgraphContext } from '@crm/platform/graphql';
import { APPROVAL_ENTITY_TYPES, type ApprovalEntityType } from '@crm/event-bus/contracts/engagement';
import type { ApprovalCommands } from '../application/approval-commands';
import { approvalNotFound } from '../domain/approval-request';
import { AppError } from '@crm/platform/errors';
import { callerOf, empty, EngagementPayload, payloadOf } from './engagement-mutations.resolver';
import { asEnum } from './inputs';

export const ApprovalEntityTypeEnum = asEnum(APPROVAL_ENTITY_TYPES);
registerEnumType(ApprovalEntityTypeEnum, { name: 'ApprovalEntityType' });
export const ApprovalActionEnum = asEnum(['ACCEPT', 'REJECT'] as const);
registerEnumType(ApprovalActionEnum, { name: 'ApprovalAction' });

@InputType()
export class RequestApprovalInput {
  @Field(() => ID, { description: 'The contact who approves.' }) approverContactId: string;
  @Field(() => ApprovalEntityTypeEnum) entityType: ApprovalEntityType;
  @Field(() => String, { description: 'The waiting entity (e.g. the order’s id).' }) entityId: string;
  @Field(() => String, { nullable: true, description: 'Its number or code, shown to the approver.' }) reference: string | null;
  @Field(() => Int, { defaultValue: 86400, description: '1 second to 30 days.' }) expiresInSeconds: number;
}

@ObjectType({ description: 'A created approval request with its signed, expiring, single-use links (send them to the approver).' })
export class ApprovalRequestPayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true, description: 'For /approval_requests/accept/{token}.' }) acceptToken: string | null;
  @Field(() => String, { nullable: true, description: 'For /approval_requests/reject/{token}.' }) rejectToken: string | null;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType({ description: 'What a valid approval link stands for.' })
export class ApprovalLinkInfo {
  @Field(() => ID) requestId: string;
  @Field(() => ApprovalActionEnum) action: 'ACCEPT' | 'REJECT';
  @Field(() => Date) expiresAt: Date;
}

@Resolver()
export class ApprovalResolver {
  constructor(private readonly commands: ApprovalCommands) {}

  @Authorized(['engagement.write'])
  @Mutation(() => ApprovalRequestPayload, { description: 'An action waits for a contact’s approval: creates the request and its signed links.' })
  requestApproval(
    @Arg('input', () => RequestApprovalInput) input: RequestApprovalInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ApprovalRequestPayload> {
    return asPayload(
      async (): Promise<ApprovalRequestPayload> => {
        const approverContactId = canonicalId(input.approverContactId);
        if (!approverContactId) throw AppError.validation('contact_id', 'must be an id', 'INVALID_ID');
        const created = await this.commands.create(
          callerOf(ctx),
          { ...input, approverContactId, reference: input.reference ?? null, expiresInSeconds: input.expiresInSeconds ?? 86400 },
          idempotencyKey,
        );
        return {
          id: created.result.state.id,
          acceptToken: created.acceptToken,
          rejectToken: created.rejectToken,
          expiresAt: new Date(created.result.state.expiresAt),
          consistencyToken: formatConsistencyToken(created.result.consistency),
          errors: [],
        };
      },
      (): ApprovalRequestPayload => ({ id: null, acceptToken: null, rejectToken: null, expiresAt: null, consistencyToken: null, errors: [] }),
    );
  }

  @Authorized(['engagement.write', SELF])
  @Mutation(() => EngagementPayload, { description: 'ACCEPT or REJECT an approval request, once (a contact: its own).' })
  decideApprovalRequest(
    @Arg('id', () => ID) id: string,
    @Arg('action', () => ApprovalActionEnum) action: 'ACCEPT' | 'REJECT',
    @Arg('comments', () => String, { nullable: true }) comments: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EngagementPayload> {
    return asPayload(async () => {
      const canonical = canonicalId(id);
      if (!canonical) throw approvalNotFound();
      return payloadOf(await this.commands.decide(callerOf(ctx), canonical, action, comments ?? null));
    }, empty);
  }

  @Authorized(['engagement.write', SELF])
  @Mutation(() => EngagementPayload, {
    description: 'Decides through a signed link (the link’s own decision), once; forged: not found, expired: refused.',
  })
  decideApprovalByLink(
    @Arg('token', () => String) token: string,
    @Arg('action', () => ApprovalActionEnum) action: 'ACCEPT' | 'REJECT',
    @Arg('comments', () => String, { nullable: true }) comments: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EngagementPayload> {
    return asPayload(async () => payloadOf(await this.commands.decideByLink(callerOf(ctx), token, action, comments ?? null)), empty);
  }

  @Authorized(['engagement.read', SELF])
  @Query(() => ApprovalLinkInfo, {
    description: 'What a signed approval link stands for (forged or another tenant’s: NOT_FOUND; expired: VALIDATION).',
  })
  approvalLink(@Arg('token', () => String) token: string, @Ctx() ctx: SubgraphContext): ApprovalLinkInfo {
    const link = this.commands.inspectLink(callerOf(ctx), token);
    return { requestId: link.requestId, action: link.action, expiresAt: new Date(link.expiresAt * 1000) };
  }
}
