import { AppError } from '@crm/platform/errors';
import type { ReferralAward, ReferralRecordedV1 } from '@crm/event-bus/contracts/rewards';

export type ReferralAwardState = ReferralAward & { outcome: 'POSTED' | 'DECLINED' | null; transactionId: string | null };

/** Write-side state of one referral: one per referred contact (its id is derived from the referred contact). */
export interface ReferralState {
  id: string;
  version: number;
  referrerId: string;
  referredId: string;
  code: string;
  awards: ReferralAwardState[];
  createdAt: string;
  updatedAt: string;
}

export type ReferralChange =
  | { type: 'referral.recorded'; data: ReferralRecordedV1['data'] }
  | { type: 'referral.award_completed'; data: { key: string; outcome: 'POSTED' | 'DECLINED'; transactionId: string | null } };

export interface RecordReferral {
  referrerId: string;
  referredId: string;
  code: string;
  awards: ReferralAward[];
}

/** Records that `referredId` registered with `referrerId`'s code (pure): once per referred contact, never by the referrer itself. */
export function recordReferral(state: ReferralState | null, cmd: RecordReferral): ReferralChange[] {
  if (state) throw AppError.validation('code', 'this contact has already been referred', 'ALREADY_REFERRED');
  if (cmd.referrerId === cmd.referredId) throw AppError.validation('code', 'a contact cannot use its own referral code', 'SELF_REFERRAL');
  return [{ type: 'referral.recorded', data: { referrerId: cmd.referrerId, referredId: cmd.referredId, code: cmd.code, awards: cmd.awards } }];
}

/** Records an award's ledger outcome (pure): once; a second report changes nothing. */
export function completeReferralAward(
  state: ReferralState | null,
  cmd: { key: string; outcome: 'POSTED' | 'DECLINED'; transactionId: string | null },
): ReferralChange[] {
  if (!state) throw AppError.validation('referral', 'no such referral', 'INVALID_VALUE');
  const award = state.awards.find((a) => a.key === cmd.key);
  if (!award) throw AppError.validation('key', `no award ${cmd.key}`, 'INVALID_VALUE');
  if (award.outcome !== null) return [];
  if (cmd.outcome === 'POSTED' && !cmd.transactionId) throw AppError.validation('transactionId', 'a posted award names its transaction', 'REQUIRED');
  return [{ type: 'referral.award_completed', data: cmd }];
}

export const pendingAwards = (s: ReferralState): ReferralAwardState[] => s.awards.filter((a) => a.outcome === null);

export function evolveReferral(state: ReferralState | null, change: ReferralChange, meta: { version: number; at: Date }): ReferralState {
  const at = meta.at.toISOString();
  switch (change.type) {
    case 'referral.recorded':
      return {
        id: state?.id ?? '',
        version: meta.version,
        ...change.data,
        awards: change.data.awards.map((a) => ({ ...a, outcome: null, transactionId: null })),
        createdAt: at,
        updatedAt: at,
      };
    case 'referral.award_completed':
      return {
        ...state!,
        awards: state!.awards.map((a) =>
          a.key === change.data.key ? { ...a, outcome: change.data.outcome, transactionId: change.data.transactionId } : a,
        ),
        version: meta.version,
        updatedAt: at,
      };
  }
}
