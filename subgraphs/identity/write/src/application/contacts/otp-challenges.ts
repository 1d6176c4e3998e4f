import { newId } from '@crm/platform/ids';
import { generateOtp, hashOtp, otpMatches } from '@crm/platform/security';
import type { Tx } from '../unit-of-work';

export const OTP_MAX_ATTEMPTS = 5;

export interface Challenge {
  authOtp: string;
  code: string;
}

interface Row {
  id: string;
  identity_id: string | null;
  purpose: string;
  code_hash: string;
  attempts: number;
  expires_at: Date;
  consumed_at: Date | null;
}

export type OtpCheck =
  | { ok: true; identityId: string; purpose: string }
  | { ok: false; reason: 'OTP_INVALID' | 'OTP_EXPIRED' | 'OTP_ATTEMPTS_EXCEEDED' };

/**
 * One-time codes: 6 digits, stored as a keyed hash, valid for `ttlSeconds`, at most 5 attempts.
 * A wrong attempt is counted in the caller's transaction, which must commit even when the check
 * fails (so the count cannot be reset by failing).
 */
export class OtpChallenges {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
  ) {}

  async create(
    tx: Tx,
    input: { purpose: 'LOGIN' | 'REGISTER'; identityId: string; channel: 'EMAIL' | 'SMS'; destination: string },
  ): Promise<Challenge> {
    const authOtp = newId();
    const code = generateOtp();
    await tx.m.query(
      `INSERT INTO otp_challenges (id, tenant_id, purpose, identity_id, channel, destination, code_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        authOtp,
        tx.tenantId,
        input.purpose,
        input.identityId,
        input.channel,
        input.destination,
        hashOtp(code, this.secret, authOtp),
        new Date(tx.now.getTime() + this.ttlSeconds * 1000),
        tx.now,
      ],
    );
    return { authOtp, code };
  }

  async check(tx: Tx, authOtp: string, code: string): Promise<OtpCheck> {
    const [row] = (await tx.m.query(`SELECT * FROM otp_challenges WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tx.tenantId, authOtp])) as Row[];
    if (!row || row.consumed_at || !row.identity_id) return { ok: false, reason: 'OTP_INVALID' };
    if (row.attempts >= OTP_MAX_ATTEMPTS) return { ok: false, reason: 'OTP_ATTEMPTS_EXCEEDED' };
    if (new Date(row.expires_at) <= tx.now) return { ok: false, reason: 'OTP_EXPIRED' };
    if (!otpMatches(code, this.secret, authOtp, row.code_hash)) {
      await tx.m.query(`UPDATE otp_challenges SET attempts = attempts + 1 WHERE id = $1`, [authOtp]);
      return { ok: false, reason: row.attempts + 1 >= OTP_MAX_ATTEMPTS ? 'OTP_ATTEMPTS_EXCEEDED' : 'OTP_INVALID' };
    }
    await tx.m.query(`UPDATE otp_challenges SET consumed_at = $2, attempts = attempts + 1 WHERE id = $1`, [authOtp, tx.now]);
    return { ok: true, identityId: row.identity_id, purpose: row.purpose };
  }
}
