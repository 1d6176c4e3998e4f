import { AppError } from '@crm/platform/errors';
import { PROVISIONING_COMMAND_CODES, SERVICE_COMMANDS } from '@crm/event-bus/contracts/subscriptions';
import type { ServiceRef } from '../usage/usage';
import type { ProvisioningChange, ProvisioningCommandState } from './provisioning';

/** POST /provisioning/service_commands. */
export interface RequestCommand {
  service: ServiceRef;
  integrationId: string;
  code: string;
  metadata: { key: string; value: string }[];
}

/** Sends a service command (pure): a known code, its mandatory metadata, no unknown keys, to a service in use (EFFECTIVE or PAUSED). */
export function requestCommand(state: ProvisioningCommandState | null, cmd: RequestCommand): ProvisioningChange[] {
  if (state) throw new AppError('CONFLICT', 'the command was already sent', { reason: 'VERSION_CONFLICT' });
  const spec = SERVICE_COMMANDS.find((c) => c.code === cmd.code);
  if (!spec) throw AppError.validation('code', `must be one of ${PROVISIONING_COMMAND_CODES.join(', ')}`, 'INVALID_ENUM');
  const keys = new Set<string>(spec.attributes.map((a) => a.key));
  cmd.metadata.forEach((m, i) => {
    if (!keys.has(m.key)) throw AppError.validation(`metadataAttributes[${i}].key`, `is not an attribute of ${cmd.code}`, 'INVALID_VALUE');
  });
  for (const a of spec.attributes)
    if (a.mandatory && !cmd.metadata.some((m) => m.key === a.key && m.value !== ''))
      throw AppError.validation('metadataAttributes', `${cmd.code} needs ${a.key}`, 'REQUIRED');
  if (cmd.service.state !== 'EFFECTIVE' && cmd.service.state !== 'PAUSED')
    throw new AppError('CONFLICT', `commands go to a service in use; this one is ${cmd.service.state}`, { reason: 'SERVICE_NOT_EFFECTIVE' });
  return [
    {
      type: 'provisioning.command_requested',
      data: {
        serviceId: cmd.service.id,
        subscriptionId: cmd.service.subscriptionId,
        contactId: cmd.service.contactId,
        integrationId: cmd.integrationId,
        code: spec.code,
        metadata: cmd.metadata,
      },
    },
  ];
}
