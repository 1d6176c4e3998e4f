/** A one-time code may be tried this many times. */
export const OTP_MAX_ATTEMPTS = 5;

/** A stored one-time-code challenge, as the rule needs it. */
export interface OtpChallengeState {
  identityId: string | null;
  purpose: string;
  attempts: number;
  expiresAt: Date;
  consumed: boolean;
}

export type OtpRefusal = 'OTP_INVALID' | 'OTP_EXPIRED' | 'OTP_ATTEMPTS_EXCEEDED';

/**
 * What one attempt at a code does (pure): refused without counting (unknown, used, exhausted or
 * expired challenge), refused and counted (wrong code), or accepted (counted and consumed).
 * `matches` is asked only when the challenge is still open.
 */
export function judgeOtp(
  challenge: OtpChallengeState | null,
  attempt: { now: Date; matches: () => boolean },
): { ok: true; identityId: string; purpose: string } | { ok: false; reason: OtpRefusal; counted: boolean } {
  if (!challenge || challenge.consumed || !challenge.identityId) return { ok: false, reason: 'OTP_INVALID', counted: false };
  if (challenge.attempts >= OTP_MAX_ATTEMPTS) return { ok: false, reason: 'OTP_ATTEMPTS_EXCEEDED', counted: false };
  if (challenge.expiresAt <= attempt.now) return { ok: false, reason: 'OTP_EXPIRED', counted: false };
  if (!attempt.matches()) {
    return { ok: false, reason: challenge.attempts + 1 >= OTP_MAX_ATTEMPTS ? 'OTP_ATTEMPTS_EXCEEDED' : 'OTP_INVALID', counted: true };
  }
  return { ok: true, identityId: challenge.identityId, purpose: challenge.purpose };
}
