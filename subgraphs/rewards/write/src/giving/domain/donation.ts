import { AppError } from '@crm/platform/errors';
import type { DonationMadeV1 } from '@crm/event-bus/contracts/rewards';
import { fromMinor, minorOf, toMinor } from '../../domain/money';
import type { DonationOfferState } from './donation-offer';
import type { DonationOptInState } from './donation-opt-in';

type Made = DonationMadeV1['data'];

/** One donation (a gift for one purchase, or one month of a termed donation): its id is derived from what it is for, so it happens once. */
export interface DonationState extends Made {
  id: string;
  version: number;
  outcome: 'POSTED' | 'DECLINED' | null;
  transactionId: string | null;
  reason: string | null;
  /** A posted donation whose purchase was cancelled: PENDING until the ledger gave it back, then REVERSED. */
  reversal?: 'PENDING' | 'REVERSED' | null;
  createdAt: string;
  updatedAt: string;
}

export type DonationChange =
  | { type: 'donation.made'; data: Made }
  | { type: 'donation.completed'; data: { outcome: 'POSTED' | 'DECLINED'; transactionId: string | null; reason: string | null } }
  | { type: 'donation.reversal_requested'; data: { reason: string } }
  | { type: 'donation.reversed'; data: { transactionId: string | null } };

/** The purchase of a donation was cancelled (pure): a posted donation is to be given back, once; one not posted has nothing to give back. */
export function requestReversal(state: DonationState | null, reason: string): DonationChange[] {
  if (!state) throw AppError.notFound('donation', '');
  if (state.outcome !== 'POSTED' || state.reversal) return [];
  return [{ type: 'donation.reversal_requested', data: { reason } }];
}

export function recordReversal(state: DonationState | null, transactionId: string | null): DonationChange[] {
  if (!state) throw AppError.notFound('donation', '');
  if (state.reversal !== 'PENDING') return [];
  return [{ type: 'donation.reversed', data: { transactionId } }];
}

/**
 * What one donation gives, in the offer's currency (pure; null: nothing to give):
 * - PER_TRANSACTION ROUND_UP: the spare change up to the purchase's next whole unit, times the multiplier;
 * - PER_TRANSACTION PERCENT: the percentage of the purchase's net (rounded down to the minor unit), times the multiplier;
 * - VARIABLE: the contact's amount on each purchase; TERMED: the termed amount each month, times the multiplier.
 */
export function donationAmount(
  offer: DonationOfferState,
  optIn: Pick<DonationOptInState, 'multiplier' | 'amount'>,
  purchaseNet: string | null,
): string | null {
  const c = offer.currency;
  const one = toMinor('1', c, 'unit');
  let minor = 0n;
  if (offer.donationType === 'TERMED') minor = minorOf(offer.termedAmount, c) * BigInt(optIn.multiplier);
  else if (offer.donationType === 'VARIABLE') minor = minorOf(optIn.amount, c);
  else {
    if (purchaseNet === null) return null;
    const net = minorOf(purchaseNet, c);
    if (offer.rule === 'PERCENT') {
      const hundredths = minorOf(offer.percent, 'XXX'); // percent × 100
      minor = ((net * hundredths) / 10_000n) * BigInt(optIn.multiplier);
    } else {
      const rest = net % one;
      minor = rest === 0n ? 0n : (one - rest) * BigInt(optIn.multiplier);
    }
  }
  return minor > 0n ? fromMinor(minor, c) : null;
}

export function makeDonation(state: DonationState | null, cmd: Made): DonationChange[] {
  if (state) return [];
  if (!/^\d{1,15}(\.\d{1,6})?$/.test(cmd.amount)) throw AppError.validation('amount', 'must be a non-negative decimal amount', 'INVALID_VALUE');
  return [{ type: 'donation.made', data: cmd }];
}

export function completeDonation(
  state: DonationState | null,
  cmd: { outcome: 'POSTED' | 'DECLINED'; transactionId: string | null; reason: string | null },
): DonationChange[] {
  if (!state) throw AppError.notFound('donation', '');
  if (state.outcome !== null) return [];
  return [{ type: 'donation.completed', data: cmd }];
}

export function evolveDonation(state: DonationState | null, change: DonationChange, meta: { version: number; at: Date }): DonationState {
  const at = meta.at.toISOString();
  switch (change.type) {
    case 'donation.made':
      return {
        id: state?.id ?? '',
        version: meta.version,
        ...change.data,
        outcome: null,
        transactionId: null,
        reason: null,
        createdAt: at,
        updatedAt: at,
      };
    case 'donation.completed':
      return { ...state!, ...change.data, version: meta.version, updatedAt: at };
    case 'donation.reversal_requested':
      return { ...state!, reversal: 'PENDING', version: meta.version, updatedAt: at };
    case 'donation.reversed':
      return { ...state!, reversal: 'REVERSED', version: meta.version, updatedAt: at };
  }
}

/** The months (`YYYY-MM`) of a termed donation due by `now`: one at the opt-in, then one each month after it while opted in (at most 24 back). */
export function termedPeriodsDue(optedInAt: Date, now: Date): string[] {
  const out: string[] = [];
  for (let n = 0; n < 24; n++) {
    const due = new Date(Date.UTC(optedInAt.getUTCFullYear(), optedInAt.getUTCMonth() + n, 1));
    const day = Math.min(optedInAt.getUTCDate(), new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + 1, 0)).getUTCDate());
    const at = new Date(
      Date.UTC(due.getUTCFullYear(), due.getUTCMonth(), day, optedInAt.getUTCHours(), optedInAt.getUTCMinutes(), optedInAt.getUTCSeconds()),
    );
    if (at > now) break;
    out.push(`${due.getUTCFullYear()}-${String(due.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}
