import { newId } from '@crm/platform/ids';
import { generateOtp, hashOtp, otpMatches } from '@crm/platform/security';
import type { Tx } from '../unit-of-work';
import { judgeOtp, type OtpRefusal } from '../../domain/otp';

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

export type OtpCheck = { ok: true; identityId: string; purpose: string } | { ok: false; reason: OtpRefusal };

/**
 * One-time codes: 6 digits, stored as a keyed hash, valid for `ttlSeconds`, at most 5 attempts
 * (the rule: `domain/otp.ts`).
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
    const challenge = row
      ? {
          identityId: row.identity_id,
          purpose: row.purpose,
          attempts: row.attempts,
          expiresAt: new Date(row.expires_at),
          consumed: row.consumed_at !== null,
        }
      : null;
    const outcome = judgeOtp(challenge, { now: tx.now, matches: () => otpMatches(code, this.secret, authOtp, row!.code_hash) });
    if (outcome.ok) {
      await tx.m.query(`UPDATE otp_challenges SET consumed_at = $2, attempts = attempts + 1 WHERE id = $1`, [authOtp, tx.now]);
      return outcome;
    }
    if (outcome.counted) await tx.m.query(`UPDATE otp_challenges SET attempts = attempts + 1 WHERE id = $1`, [authOtp]);
    return { ok: false, reason: outcome.reason };
  }
}
