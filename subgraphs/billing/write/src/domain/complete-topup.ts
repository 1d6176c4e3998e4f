import { AppError } from '@crm/platform/errors';
import type { TopupChange, TopupState } from './topup';

/** Records the ledger credit of a charged top-up once (pure): CHARGED → COMPLETED. */
export function completeTopup(state: TopupState | null, ledgerTransactionId: string): TopupChange[] {
  if (!state) throw AppError.notFound('topup', '');
  if (state.status === 'COMPLETED') return [];
  if (state.status !== 'CHARGED') throw new AppError('CONFLICT', `a ${state.status} top-up cannot be credited`, { reason: 'TOPUP_STATE' });
  return [{ type: 'topup.completed', data: { ledgerTransactionId } }];
}
