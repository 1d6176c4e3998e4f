import { AppError } from '@crm/platform/errors';
import { walletIdentityValue, type WalletIdentity, type WalletIdentitySetV1, type WalletLinkedV1 } from '@crm/event-bus/contracts/ledger';

/**
 * Flow 16 (pure): a wallet is found by an identity (the e-mail or phone of its owner); a contact
 * who proves that identity with a one-time code sent to it links the existing wallet instead of
 * keeping its own (which must hold nothing). One wallet per identity in a tenant.
 */

type Data<E extends { type: string; data: unknown }> = Pick<E, 'type' | 'data'>;
export type WalletLinkChange =
  | (Data<WalletIdentitySetV1> & { aggregateType: 'wallet'; aggregateId: string })
  | (Data<WalletLinkedV1> & { aggregateType: 'wallet'; aggregateId: string });

export const IDENTITY_TYPES = ['EMAIL', 'PHONE'] as const;

/** The identity as the ledger keys it: e-mail trimmed and lower case; phone as its digits (spaces, dashes, brackets and a leading + dropped). */
export function normaliseIdentity(input: { type?: unknown; value?: unknown; countryCode?: unknown }, field = 'identity'): WalletIdentity {
  if (input.type !== 'EMAIL' && input.type !== 'PHONE') throw AppError.validation(`${field}.type`, 'must be EMAIL or PHONE', 'INVALID_ENUM');
  if (typeof input.value !== 'string' || input.value.trim() === '') throw AppError.validation(`${field}.value`, 'is required', 'REQUIRED');
  if (
    input.countryCode !== undefined &&
    input.countryCode !== null &&
    (typeof input.countryCode !== 'string' || !/^[A-Z]{3}$/.test(input.countryCode))
  )
    throw AppError.validation(`${field}.country_code`, 'must be a 3-letter ISO 3166 code', 'INVALID_VALUE');
  const value = walletIdentityValue(input.type, input.value);
  if (value === null)
    throw input.type === 'EMAIL'
      ? AppError.validation(`${field}.value`, 'must be an e-mail address', 'INVALID_EMAIL')
      : AppError.validation(`${field}.value`, 'must be a phone number (6 to 15 digits)', 'INVALID_VALUE');
  return { type: input.type, value };
}

/** Gives a wallet an identity; nothing when it has it already; refused when another wallet holds it (that one is linked with an OTP instead). */
export function setWalletIdentity(wallet: { id: string }, identity: WalletIdentity, holderWalletId: string | null): WalletLinkChange[] {
  if (holderWalletId === wallet.id) return [];
  if (holderWalletId !== null)
    throw new AppError('CONFLICT', `another wallet has the identity ${identity.type} already: link it with an OTP`, {
      field: 'identity',
      reason: 'WALLET_IDENTITY_TAKEN',
    });
  return [{ aggregateType: 'wallet', aggregateId: wallet.id, type: 'wallet.identity_set', data: { identity } }];
}

export interface LinkWallet {
  contactId: string;
  /** The wallet holding the identity (null: none does). */
  target: { id: string; contactId: string; code: string } | null;
  /** The contact's own wallet and whether it holds nothing (no balance, nothing blocked). */
  own: { id: string; empty: boolean } | null;
  /** The wallet the contact is linked to already, if any. */
  linkedTo: string | null;
  /** The code the caller named (null: any). */
  code: string | null;
}

/** Links the identity's wallet to the contact: nothing when it is the contact's wallet already. */
export function linkWallet(cmd: LinkWallet): WalletLinkChange[] {
  if (!cmd.target) throw AppError.notFound('wallet', 'of this identity');
  if (cmd.code !== null && cmd.code !== cmd.target.code)
    throw AppError.validation('code', "is not the code of the identity's wallet", 'INVALID_VALUE');
  if (cmd.target.contactId === cmd.contactId || cmd.linkedTo === cmd.target.id) return [];
  if (cmd.linkedTo !== null)
    throw new AppError('CONFLICT', 'the contact is linked to another wallet already', { field: 'identity', reason: 'WALLET_ALREADY_LINKED' });
  if (cmd.own && !cmd.own.empty)
    throw new AppError('CONFLICT', "the contact's own wallet holds value: it cannot be replaced by a linked wallet", {
      field: 'identity',
      reason: 'WALLET_NOT_EMPTY',
    });
  return [
    {
      aggregateType: 'wallet',
      aggregateId: cmd.target.id,
      type: 'wallet.linked',
      data: { contactId: cmd.contactId, replacedWalletId: cmd.own?.id ?? null },
    },
  ];
}

export interface OtpChallengeState {
  attempts: number;
  expiresAt: Date;
  consumed: boolean;
}

export const MAX_OTP_ATTEMPTS = 5;

/** Judges a submitted wallet OTP: refused when there is no open challenge, it expired, it was used, or too many wrong codes were tried. */
export function judgeWalletOtp(
  challenge: OtpChallengeState | null,
  now: Date,
  matches: () => boolean,
): { ok: true } | { ok: false; counted: boolean; message: string } {
  if (!challenge || challenge.consumed)
    return { ok: false, counted: false, message: 'no one-time code was requested for this identity (or it was used)' };
  if (challenge.expiresAt.getTime() <= now.getTime()) return { ok: false, counted: false, message: 'the one-time code expired: request another' };
  if (challenge.attempts >= MAX_OTP_ATTEMPTS) return { ok: false, counted: false, message: 'too many wrong codes: request another' };
  if (!matches()) return { ok: false, counted: true, message: 'the one-time code is wrong' };
  return { ok: true };
}
