import { createHmac } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult } from '@crm/event-bus/kit';
import { APPROVAL_REQUEST_AGGREGATE, type ApprovalEntityType } from '@crm/event-bus/contracts/engagement';
import {
  approvalNotFound,
  createApprovalRequest,
  decideApprovalRequest,
  evolveApprovalRequest,
  type ApprovalRequestChange,
  type ApprovalRequestState,
} from '../domain/approval-request';
import { signApprovalLink, verifyApprovalLink, type ApprovalLink } from '../domain/approval-link';
import { approvalRequestStore } from '../persistence/stores';
import { contactExists } from '../consumers/known-contacts.consumer';
import { versionConflict, type Caller } from './engagement-commands';

export const approvalRequestAggregate: AggregateDefinition<ApprovalRequestState, ApprovalRequestChange> = {
  type: APPROVAL_REQUEST_AGGREGATE,
  evolve: evolveApprovalRequest,
  store: approvalRequestStore,
  versionConflict: versionConflict('approval request'),
};

/** The key approval links are signed with, derived from the service secret (no further secret to keep). */
export const approvalLinkKey = (serviceSecret: string): Buffer => createHmac('sha256', serviceSecret).update('engagement.approval-links').digest();

export interface RequestApprovalInput {
  approverContactId: string;
  entityType: ApprovalEntityType;
  entityId: string;
  reference: string | null;
  expiresInSeconds: number;
}

export interface CreatedApproval {
  result: CommandResult<ApprovalRequestState>;
  acceptToken: string;
  rejectToken: string;
}

/** Approval request commands: create (with its signed accept/reject links), decide once by link or by action. */
export class ApprovalCommands {
  private readonly requests: CommandHandler<ApprovalRequestState, ApprovalRequestChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    onCommitted: () => void,
    private readonly key: Buffer,
  ) {
    this.requests = new CommandHandler(dataSource, registry, approvalRequestAggregate, onCommitted);
  }

  private tokens(tenantId: string, state: ApprovalRequestState): { acceptToken: string; rejectToken: string } {
    const base = { tenantId, requestId: state.id, expiresAt: Math.floor(Date.parse(state.expiresAt) / 1000) };
    return {
      acceptToken: signApprovalLink({ ...base, action: 'ACCEPT' }, this.key),
      rejectToken: signApprovalLink({ ...base, action: 'REJECT' }, this.key),
    };
  }

  async create(caller: Caller, input: RequestApprovalInput, idempotencyKey: string | null): Promise<CreatedApproval> {
    if (!(await contactExists(this.dataSource, caller.tenantId, input.approverContactId)))
      throw AppError.validation('contact_id', `contact ${input.approverContactId} is not a contact of the business`, 'INVALID_ID');
    const idempotency = idempotencyKey ? { scope: 'engagement.approval_request.create', key: idempotencyKey, request: input } : null;
    const requestedBy = { kind: caller.principal.kind, id: caller.principal.subjectId };
    const result = await this.requests.run(
      caller,
      { create: true, id: null },
      (state, now) => createApprovalRequest(state, { ...input, requestedBy, now }),
      idempotency,
    );
    return { result, ...this.tokens(caller.tenantId, result.state) };
  }

  /** The link a token stands for, in the caller's tenant: a forged token, or another tenant's, names nothing (404); an expired one is refused (400). */
  inspectLink(caller: Caller, token: string): ApprovalLink {
    const check = verifyApprovalLink(token, caller.tenantId, this.key, new Date());
    if (!check.ok && check.reason === 'EXPIRED')
      throw new AppError('VALIDATION', 'token: the approval link has expired', { reason: 'APPROVAL_LINK_EXPIRED', field: 'token' });
    if (!check.ok) throw approvalNotFound();
    return check.link;
  }

  /** Decides through a signed link: the link's own decision, once. */
  decideByLink(caller: Caller, token: string, action: 'ACCEPT' | 'REJECT', comments: string | null): Promise<CommandResult<ApprovalRequestState>> {
    const link = this.inspectLink(caller, token);
    if (link.action !== action)
      throw new AppError('VALIDATION', `token: the link ${link.action.toLowerCase()}s`, { reason: 'APPROVAL_LINK_ACTION_MISMATCH', field: 'token' });
    return this.decide(caller, link.requestId, action, comments, 'LINK');
  }

  /** Decides by id: a contact decides its own requests (another's: 404); a user with engagement.write for the approver. */
  decide(
    caller: Caller,
    id: string,
    action: 'ACCEPT' | 'REJECT',
    comments: string | null,
    via: 'LINK' | 'ACTION' = 'ACTION',
  ): Promise<CommandResult<ApprovalRequestState>> {
    const contactId = caller.principal.kind === 'contact' ? caller.principal.subjectId : null;
    const decision = action === 'ACCEPT' ? 'APPROVED' : 'REJECTED';
    return this.requests.run(caller, { create: false, ref: id }, (state, now) =>
      decideApprovalRequest(state, { decision, comments, via, contactId, now }),
    );
  }
}
