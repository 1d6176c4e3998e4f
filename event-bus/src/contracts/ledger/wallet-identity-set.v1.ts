import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { LEDGER_TOPIC, WALLET_AGGREGATE } from './topics';

/** A wallet identity: the e-mail address (lower case) or phone number (digits, with its country's calling prefix as given) it is found by. */
export const walletIdentitySchema = z.object({
  type: z.enum(['EMAIL', 'PHONE']),
  value: z.string().min(3).max(254),
});
export type WalletIdentity = z.infer<typeof walletIdentitySchema>;

export const WalletIdentitySetV1 = defineEvent({
  type: 'wallet.identity_set',
  schemaVersion: 1,
  aggregateType: WALLET_AGGREGATE,
  topic: LEDGER_TOPIC,
  description:
    'A wallet is found across the business network by this e-mail or phone (flow 16: GET /wallets/wallet_exists; linking it with an OTP sent there). One wallet per identity in a tenant.',
  data: z.object({ identity: walletIdentitySchema }),
});
export type WalletIdentitySetV1 = EventOf<typeof WalletIdentitySetV1>;

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{2,}$/;

/**
 * How an identity is keyed (the writer and every reader agree on it): an e-mail trimmed and lower
 * case; a phone as its digits (spaces, dashes, dots, brackets and a leading + dropped, 6 to 15
 * digits). null: not an e-mail / phone.
 */
export function walletIdentityValue(type: 'EMAIL' | 'PHONE', raw: string): string | null {
  const v = raw.trim();
  if (type === 'EMAIL') {
    const value = v.toLowerCase();
    return value.length <= 254 && EMAIL.test(value) ? value : null;
  }
  const digits = v.replace(/^\+/, '').replace(/[\s\-().]/g, '');
  return /^\d{6,15}$/.test(digits) ? digits : null;
}
