import { AppError } from '@crm/platform/errors';
import type { PurchaseChange, PurchaseState } from './purchase';

export interface CompleteStep {
  key: string;
  outcome: 'POSTED' | 'WRITTEN_OFF' | 'CLAIMED';
  transactionId: string | null;
}

/** Records a ledger step's outcome (pure): once; a second report of the same step changes nothing. */
export function completeStep(state: PurchaseState | null, cmd: CompleteStep): PurchaseChange[] {
  if (!state) throw AppError.notFound('purchase', '');
  const step = state.steps.find((s) => s.key === cmd.key);
  if (!step) throw AppError.validation('key', `no step ${cmd.key}`, 'INVALID_VALUE');
  if (step.outcome !== null) return [];
  if (cmd.outcome === 'POSTED' && !cmd.transactionId) throw AppError.validation('transactionId', 'a posted step names its transaction', 'REQUIRED');
  return [{ type: 'purchase.step_completed', data: cmd }];
}
