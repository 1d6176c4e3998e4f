import { AppError } from '@crm/platform/errors';
import type { PROVISIONING_ANSWERS } from '@crm/event-bus/contracts/subscriptions';
import type { ProvisioningChange, ProvisioningCommandState } from './provisioning';

/** The integration's answer to a command. */
export interface AnswerCommand {
  commandId: string;
  state: (typeof PROVISIONING_ANSWERS)[number];
  reason: string | null;
}

/** Settles a PENDING command (pure); the same answer again changes nothing, another one is a conflict. */
export function answerCommand(state: ProvisioningCommandState | null, cmd: AnswerCommand): ProvisioningChange[] {
  if (!state) throw AppError.notFound('provisioning command', cmd.commandId);
  if (state.state !== 'PENDING') {
    if (state.state === cmd.state && state.reason === cmd.reason) return [];
    throw new AppError('CONFLICT', `the command was already answered ${state.state}`, { reason: 'PROVISIONING_COMMAND_ANSWERED' });
  }
  if (cmd.state === 'REJECTED' && !cmd.reason) throw AppError.validation('reason', 'is required to reject', 'REQUIRED');
  return [{ type: 'provisioning.command_answered', data: { serviceId: state.serviceId, state: cmd.state, reason: cmd.reason } }];
}
