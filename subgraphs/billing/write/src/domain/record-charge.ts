import { AppError } from '@crm/platform/errors';
import type { TopupChange, TopupState } from './topup';

/** What the gateway answered for the top-up's charge (found by its key after a timeout, or answered directly). */
export type ChargeOutcome = { kind: 'succeeded'; chargeId: string } | { kind: 'declined'; code: string; reason: string };

/** Records the gateway's answer once (pure): REQUESTED → CHARGED or DECLINED; the same answer again changes nothing. */
export function recordCharge(state: TopupState | null, outcome: ChargeOutcome): TopupChange[] {
  if (!state) throw AppError.notFound('topup', '');
  if (state.status !== 'REQUESTED') {
    const same = outcome.kind === 'succeeded' ? state.chargeId === outcome.chargeId : state.status === 'DECLINED';
    if (same) return [];
    throw new AppError('CONFLICT', `the top-up is ${state.status} already`, { reason: 'TOPUP_STATE' });
  }
  return outcome.kind === 'succeeded'
    ? [{ type: 'topup.charged', data: { chargeId: outcome.chargeId } }]
    : [{ type: 'topup.declined', data: { code: outcome.code, reason: outcome.reason } }];
}
