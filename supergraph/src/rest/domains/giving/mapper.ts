import { epochSeconds } from '../../kit/format';
import type { GqlContactDonation, GqlDonationOffer, GqlDonationRecord } from './operations';

const opt = <K extends string, V>(key: K, v: V | null | undefined): { [P in K]?: V } =>
  v === null || v === undefined ? {} : ({ [key]: v } as { [P in K]?: V });
const num = (v: string | null) => (v === null ? null : Number(v));

export const toDonationOfferSummary = (o: GqlDonationOffer) => ({
  id: o.id,
  name: o.name,
  donation_type: o.donationType,
  type: o.offerType,
  ...opt('termed_amount', num(o.termedAmount)),
});

export const toDonationOffer = (o: GqlDonationOffer) => ({
  id: o.id,
  name: o.name,
  ...opt('short_description', o.shortDescription),
  ...opt('long_description', o.longDescription),
  ...opt('terms_and_conditions', o.termsAndConditions),
  donation_type: o.donationType,
  type: o.offerType,
  ...opt('termed_amount', num(o.termedAmount)),
  charity_organisation: { id: o.organisation.id, name: o.organisation.name },
});

export const toBackOfficeDonationOffer = (o: GqlDonationOffer) => ({
  ...toDonationOffer(o),
  ...opt('rule', o.rule),
  ...opt('percent', num(o.percent)),
  currency_code: o.currency,
  state: o.state,
  created_date: epochSeconds(o.createdAt),
  updated_date: epochSeconds(o.updatedAt),
});

export const toContactDonation = (d: GqlContactDonation) => ({
  id: d.id,
  opted_in: epochSeconds(d.optedInAt),
  ...opt('opted_out', d.optedOutAt ? epochSeconds(d.optedOutAt) : null),
  donations: d.donations,
  amount: Number(d.donated),
  ...opt('currency_code', d.currency),
  donation_offer: { id: d.offerId, name: d.offerName ?? '' },
  ...opt('organisation', d.organisation),
  details: { multiplier: d.multiplier, ...opt('amount', num(d.amount)) },
});

export const toDonationHistory = (d: GqlDonationRecord) => ({
  amount: Number(d.amount),
  currency_code: d.currency,
  donation_offer: { id: d.offerId, name: d.offerName },
  organisation: d.organisation,
  date: epochSeconds(d.createdAt),
});
