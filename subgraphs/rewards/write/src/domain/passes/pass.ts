import { createHash } from 'node:crypto';
import { AppError } from '@crm/platform/errors';
import type { PassIssuedV1, PassRedeemedV1 } from '@crm/event-bus/contracts/rewards';

type Issued = PassIssuedV1['data'];
type Redeemed = PassRedeemedV1['data'];

/** Write-side state of one pass. */
export interface PassState extends Issued {
  id: string;
  version: number;
  state: 'ACTIVE' | 'REDEEMED' | 'CANCELLED';
  redemption: (Redeemed & { transactionId: string | null }) | null;
  createdAt: string;
  updatedAt: string;
}

export type PassChange =
  | { type: 'pass.issued'; data: Issued }
  | { type: 'pass.state_changed'; data: { state: 'ACTIVE' | 'CANCELLED' } }
  | { type: 'pass.redeemed'; data: Redeemed }
  | { type: 'pass.credit_posted'; data: { transactionId: string } };

export function evolvePass(state: PassState | null, change: PassChange, meta: { version: number; at: Date }): PassState {
  const at = meta.at.toISOString();
  switch (change.type) {
    case 'pass.issued':
      return { id: state?.id ?? '', version: meta.version, ...change.data, state: 'ACTIVE', redemption: null, createdAt: at, updatedAt: at };
    case 'pass.state_changed':
      return { ...state!, state: change.data.state, version: meta.version, updatedAt: at };
    case 'pass.redeemed':
      return { ...state!, state: 'REDEEMED', redemption: { ...change.data, transactionId: null }, version: meta.version, updatedAt: at };
    case 'pass.credit_posted':
      return { ...state!, redemption: { ...state!.redemption!, transactionId: change.data.transactionId }, version: meta.version, updatedAt: at };
  }
}

/** Codes are compared upper-case without spaces or dashes (as printed on cards). */
export const normaliseCode = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();
/** The stored hash of a pass code, per tenant (the pass id derives from it: a code names one pass). */
export const passCodeHash = (tenantId: string, code: string) =>
  createHash('sha256')
    .update(`pass-code\u0000${tenantId}\u0000${normaliseCode(code)}`)
    .digest('hex');
/** The stored hash of a PIN, salted with its pass. */
export const passPinHash = (passId: string, pin: string) => createHash('sha256').update(`pass-pin\u0000${passId}\u0000${pin.trim()}`).digest('hex');
/** The stored hash of a promo pass's view token. */
export const viewTokenHash = (token: string) => createHash('sha256').update(`pass-view\u0000${token}`).digest('hex');

/** The ledger idempotency key of a pass's (single) redemption credit. */
export const redeemKey = (passId: string) => `pass:${passId}:redeem`;

export interface RedeemPass {
  contactId: string;
  pin: string | null;
  organisationId: string | null;
}

/**
 * Redeems a pass (pure): once. A second redeem — also one racing the first (the version check
 * re-decides on the fresh state) — is refused and moves nothing. A wrong or missing PIN, an
 * expired or cancelled pass are refused with their reason.
 */
export function redeemPass(state: PassState | null, cmd: RedeemPass, now: Date): PassChange[] {
  if (!state) throw AppError.validation('code', 'no pass has this code', 'PASS_NOT_FOUND');
  if (state.state === 'REDEEMED') throw AppError.validation('code', 'the pass was redeemed already', 'PASS_ALREADY_REDEEMED');
  if (state.state === 'CANCELLED') throw AppError.validation('code', 'the pass is cancelled', 'PASS_CANCELLED');
  if (state.pinHash !== null && (cmd.pin === null || passPinHash(state.id, cmd.pin) !== state.pinHash))
    throw AppError.validation('pin', cmd.pin === null ? 'the pass needs its PIN' : 'the PIN does not match', 'PASS_PIN_INVALID');
  if (state.expiresAt !== null && new Date(state.expiresAt).getTime() <= now.getTime())
    throw AppError.validation('code', 'the pass has expired', 'PASS_EXPIRED');
  return [
    {
      type: 'pass.redeemed',
      data: {
        contactId: cmd.contactId,
        organisationId: cmd.organisationId,
        value: state.value,
        currency: state.currency,
        ledgerKey: redeemKey(state.id),
        redeemedAt: now.toISOString(),
      },
    },
  ];
}

/** Records the ledger transaction of the redemption credit (once). */
export function recordPassCredit(state: PassState | null, transactionId: string): PassChange[] {
  if (!state?.redemption) throw AppError.validation('id', 'the pass is not redeemed', 'PASS_NOT_REDEEMED');
  return state.redemption.transactionId ? [] : [{ type: 'pass.credit_posted', data: { transactionId } }];
}

/** Cancels or re-activates an unredeemed pass. */
export function setPassState(state: PassState | null, next: string): PassChange[] {
  if (!state) throw AppError.notFound('pass', '');
  if (next !== 'ACTIVE' && next !== 'CANCELLED') throw AppError.validation('state', 'must be ACTIVE or CANCELLED', 'INVALID_VALUE');
  if (state.state === 'REDEEMED') throw AppError.validation('state', 'the pass was redeemed already', 'PASS_ALREADY_REDEEMED');
  return state.state === next ? [] : [{ type: 'pass.state_changed', data: { state: next } }];
}
