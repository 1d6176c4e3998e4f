import { AppError } from '@crm/platform/errors';
import { toMinor } from '../../domain/money';
import type { DonationOfferState } from './donation-offer';

/** A contact's opt-in to one donation offer (one per contact and offer; opting in again after opting out reopens it). */
export interface DonationOptInState {
  id: string;
  version: number;
  contactId: string;
  offerId: string;
  organisationId: string;
  optedIn: boolean;
  optedInAt: string;
  optedOutAt: string | null;
  multiplier: number;
  amount: string | null;
  createdAt: string;
  updatedAt: string;
}

export type DonationOptInChange =
  | {
      type: 'donation.opted_in';
      data: { contactId: string; offerId: string; organisationId: string; optedInAt: string; multiplier: number; amount: string | null };
    }
  | { type: 'donation.terms_changed'; data: { multiplier: number; amount: string | null } }
  | { type: 'donation.opted_out'; data: { optedOutAt: string } };

export interface DonationTerms {
  multiplier: number | null;
  amount: string | null;
}

/** The terms checked against the offer: a multiplier of 1 to 100 (default 1); a VARIABLE offer needs the contact's amount above 0, others take none. */
function terms(offer: DonationOfferState, t: DonationTerms): { multiplier: number; amount: string | null } {
  const multiplier = t.multiplier ?? 1;
  if (!Number.isInteger(multiplier) || multiplier < 1 || multiplier > 100) {
    throw AppError.validation('multiplier', 'must be an integer from 1 to 100', 'INVALID_VALUE');
  }
  if (offer.donationType === 'VARIABLE') {
    if (t.amount === null) throw AppError.validation('amount', 'a VARIABLE donation names the amount to give on each purchase', 'REQUIRED');
    if (toMinor(t.amount, offer.currency, 'amount') <= 0n) throw AppError.validation('amount', 'must be above 0', 'INVALID_VALUE');
    return { multiplier, amount: t.amount };
  }
  if (t.amount !== null) throw AppError.validation('amount', `a ${offer.donationType} offer decides the amount itself`, 'INVALID_VALUE');
  return { multiplier, amount: null };
}

/** Opts a contact in (pure). The same terms again change nothing (a retried request); other terms while opted in are refused (PUT changes them). */
export function optIn(
  state: DonationOptInState | null,
  offer: DonationOfferState | null,
  cmd: { contactId: string } & DonationTerms,
  now: Date,
): DonationOptInChange[] {
  if (!offer) throw AppError.validation('donation_offer_id', 'no such donation offer', 'INVALID_VALUE');
  if (offer.state !== 'ACTIVE') throw AppError.validation('donation_offer_id', 'the donation offer is not active', 'DONATION_OFFER_NOT_ACTIVE');
  const t = terms(offer, cmd);
  if (state?.optedIn) {
    if (state.multiplier === t.multiplier && state.amount === t.amount) return [];
    throw AppError.validation('donation_offer_id', 'the contact is opted in to this offer already; update it instead', 'ALREADY_OPTED_IN');
  }
  return [
    {
      type: 'donation.opted_in',
      data: { contactId: cmd.contactId, offerId: offer.id, organisationId: offer.organisation.id, optedInAt: now.toISOString(), ...t },
    },
  ];
}

export function changeTerms(
  state: DonationOptInState | null,
  offer: DonationOfferState | null,
  cmd: DonationTerms & { offerId: string },
): DonationOptInChange[] {
  if (!state || !state.optedIn || !offer) throw AppError.notFound('donation', state?.id ?? '');
  if (cmd.offerId !== state.offerId) throw AppError.validation('donation_offer_id', 'is not the offer of this donation', 'INVALID_VALUE');
  const t = terms(offer, cmd);
  if (t.multiplier === state.multiplier && t.amount === state.amount) return [];
  return [{ type: 'donation.terms_changed', data: t }];
}

export function optOut(state: DonationOptInState | null, now: Date): DonationOptInChange[] {
  if (!state || !state.optedIn) throw AppError.notFound('donation', state?.id ?? '');
  return [{ type: 'donation.opted_out', data: { optedOutAt: now.toISOString() } }];
}

export function evolveOptIn(state: DonationOptInState | null, change: DonationOptInChange, meta: { version: number; at: Date }): DonationOptInState {
  const at = meta.at.toISOString();
  switch (change.type) {
    case 'donation.opted_in':
      return {
        id: state?.id ?? '',
        createdAt: state?.createdAt ?? at,
        ...change.data,
        optedIn: true,
        optedOutAt: null,
        version: meta.version,
        updatedAt: at,
      };
    case 'donation.terms_changed':
      return { ...state!, ...change.data, version: meta.version, updatedAt: at };
    case 'donation.opted_out':
      return { ...state!, optedIn: false, optedOutAt: change.data.optedOutAt, version: meta.version, updatedAt: at };
  }
}
