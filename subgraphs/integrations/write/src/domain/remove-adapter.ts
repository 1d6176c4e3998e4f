import { AppError } from '@crm/platform/errors';
import type { AdapterChange, AdapterKind, AdapterState } from './adapter';

/** Removes a tenant's adapter, erasing its credentials (pure). */
export function removeAdapter(state: AdapterState | null, cmd: { kind: AdapterKind }): AdapterChange[] {
  if (!state || state.removed) {
    throw new AppError('NOT_FOUND', `the ${cmd.kind} adapter is not configured`, { reason: 'INTEGRATION_ADAPTER_NOT_FOUND' });
  }
  return [{ type: 'integration_adapter.removed', data: { kind: cmd.kind } }];
}
