import { AppError } from '@crm/platform/errors';
import { DONATION_OFFER_TYPES, DONATION_RULES, DONATION_TYPES, type DonationOfferCreatedV1 } from '@crm/event-bus/contracts/rewards';
import { toMinor } from '../../domain/money';

export type DonationOfferDefinition = DonationOfferCreatedV1['data'];

export interface DonationOfferState extends DonationOfferDefinition {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type DonationOfferChange =
  | { type: 'donation_offer.created'; data: DonationOfferDefinition }
  | { type: 'donation_offer.state_changed'; data: { state: 'ACTIVE' | 'INACTIVE' } };

function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw AppError.validation(field, `must be one of ${allowed.join(', ')}`, 'INVALID_ENUM');
  return value as T;
}

/**
 * Creates a donation offer (pure): a charity organisation, the donation type and what it needs —
 * PER_TRANSACTION a rule (ROUND_UP, or PERCENT with a percentage above 0 and at most 100), TERMED a
 * monthly termed amount above 0, VARIABLE nothing (the contact names its amount). ACTIVE unless
 * state INACTIVE is given.
 */
export function createDonationOffer(state: DonationOfferState | null, cmd: DonationOfferDefinition): DonationOfferChange[] {
  if (state) return [];
  const name = cmd.name.trim();
  if (!name) throw AppError.validation('name', 'must not be empty', 'REQUIRED');
  if (name.length > 200) throw AppError.validation('name', 'must be at most 200 characters', 'TOO_LONG');
  const currency = cmd.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw AppError.validation('currency', 'must be an ISO-4217 code', 'INVALID_VALUE');
  const donationType = oneOf('donationType', cmd.donationType, DONATION_TYPES);
  const offerType = oneOf('offerType', cmd.offerType, DONATION_OFFER_TYPES);
  oneOf('state', cmd.state, ['ACTIVE', 'INACTIVE'] as const);
  if (!cmd.organisation.id.trim()) throw AppError.validation('organisation.id', 'name the charity organisation', 'REQUIRED');
  let rule: DonationOfferDefinition['rule'] = null;
  let percent: string | null = null;
  let termedAmount: string | null = null;
  if (donationType === 'PER_TRANSACTION') {
    if (!cmd.rule) throw AppError.validation('rule', 'a PER_TRANSACTION offer names its rule (ROUND_UP or PERCENT)', 'REQUIRED');
    rule = oneOf('rule', cmd.rule, DONATION_RULES);
    if (rule === 'PERCENT') {
      if (cmd.percent === null) throw AppError.validation('percent', 'a PERCENT offer names its percentage', 'REQUIRED');
      const p = toMinor(cmd.percent, 'XXX', 'percent');
      if (p <= 0n || p > 10_000n) throw AppError.validation('percent', 'must be above 0 and at most 100', 'INVALID_VALUE');
      percent = cmd.percent;
    }
  }
  if (donationType === 'TERMED') {
    if (cmd.termedAmount === null) throw AppError.validation('termedAmount', 'a TERMED offer names its monthly amount', 'REQUIRED');
    if (toMinor(cmd.termedAmount, currency, 'termedAmount') <= 0n) throw AppError.validation('termedAmount', 'must be above 0', 'INVALID_VALUE');
    termedAmount = cmd.termedAmount;
  }
  return [
    {
      type: 'donation_offer.created',
      data: {
        ...cmd,
        name,
        currency,
        donationType,
        offerType,
        rule,
        percent,
        termedAmount,
        organisation: { id: cmd.organisation.id.trim(), name: cmd.organisation.name.trim() || cmd.organisation.id.trim() },
      },
    },
  ];
}

export function setDonationOfferState(state: DonationOfferState | null, next: string): DonationOfferChange[] {
  if (!state) throw AppError.notFound('donation offer', '');
  const s = oneOf('state', next, ['ACTIVE', 'INACTIVE'] as const);
  return s === state.state ? [] : [{ type: 'donation_offer.state_changed', data: { state: s } }];
}

export function evolveDonationOffer(
  state: DonationOfferState | null,
  change: DonationOfferChange,
  meta: { version: number; at: Date },
): DonationOfferState {
  const at = meta.at.toISOString();
  switch (change.type) {
    case 'donation_offer.created':
      return { id: state?.id ?? '', version: meta.version, ...change.data, createdAt: at, updatedAt: at };
    case 'donation_offer.state_changed':
      return { ...state!, state: change.data.state, version: meta.version, updatedAt: at };
  }
}
