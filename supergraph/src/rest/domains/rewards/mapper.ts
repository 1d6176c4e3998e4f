import { epochSeconds } from '../../kit/format';
import type { GqlPurchase, GqlPurchaseStep, GqlRewardOffer, GqlRewardScheme } from './operations';

type Json = Record<string, unknown>;

/** Exact decimal strings out as JSON numbers in major units (the contracts' money). */
const money = (decimal: string | null | undefined): number => Number(decimal ?? '0');
/** Absent values are left out (the contracts' shapes have no nulls there). */
const opt = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

/** A decimal string as exact millionths (amounts are never summed as floats). */
const micros = (decimal: string): bigint => {
  const [w, f = ''] = decimal.split('.');
  return BigInt(w!) * 1_000_000n + BigInt(f.padEnd(6, '0').slice(0, 6));
};
const fromMicros = (m: bigint): number => Number(`${m / 1_000_000n}.${(m % 1_000_000n).toString().padStart(6, '0')}`);

function compact(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

export function toSelfServiceScheme(s: GqlRewardScheme): Json {
  return compact({
    id: s.id,
    name: s.name,
    sign_up_option: s.signUpOption,
    sign_up_method: s.signUpOption === 'CLOSE_LOOP_SIGN_UP' ? 'EMAIL_DOMAIN' : undefined,
    terms_and_conditions: opt(s.termsAndConditions),
    is_signed: s.isSigned ?? false,
    email_domains: s.emailDomains.length > 0 ? s.emailDomains : undefined,
  });
}

export function toBackOfficeScheme(s: GqlRewardScheme): Json {
  return compact({
    id: s.id,
    name: s.name,
    sign_up_option: s.signUpOption,
    email_domains: s.emailDomains,
    terms_and_conditions: opt(s.termsAndConditions),
    resolution: s.resolution,
    claw_back: s.clawBack,
    state: s.state,
    created_date: epochSeconds(s.createdAt),
    updated_date: epochSeconds(s.updatedAt),
  });
}

export function toSelfServiceOffer(o: GqlRewardOffer): Json {
  return compact({
    id: o.id,
    name: o.name,
    scheme: compact({ id: o.schemeId, name: opt(o.schemeName) }),
    short_description: opt(o.shortDescription),
    terms_and_conditions: opt(o.termsAndConditions),
    goal: o.goal,
    type: o.type,
    is_featured: false,
    performance_enabled: false,
  });
}

export function toBackOfficeOffer(o: GqlRewardOffer): Json {
  const c = o.conditions;
  return compact({
    ...toSelfServiceOffer(o),
    state: o.state,
    priority: o.priority,
    currency_code: o.currency,
    conditions: compact({
      min_amount: c.minAmount === null ? undefined : money(c.minAmount),
      organisations: c.organisationIds,
      classifications: c.classifications,
      products: c.productSkus,
      product_categories: c.productCategories,
      days_of_week: c.daysOfWeek,
      time_windows: c.timeWindows,
      time_zone: c.timeZone,
      tiers: c.tiers,
    }),
    award: compact({
      method: o.award.method,
      amount: o.award.amount === null ? undefined : money(o.award.amount),
      percent: o.award.percent === null ? undefined : money(o.award.percent),
      products: o.award.productSkus,
      product_categories: o.award.productCategories,
    }),
    caps: compact({
      per_purchase: o.caps.perPurchase === null ? undefined : money(o.caps.perPurchase),
      per_contact: o.caps.perContact ? { amount: money(o.caps.perContact.amount), period: o.caps.perContact.period } : undefined,
    }),
    validity_days: opt(o.validityDays),
    commerce_pool_id: opt(o.commercePoolId),
    created_date: epochSeconds(o.createdAt),
    updated_date: epochSeconds(o.updatedAt),
  });
}

/** What the spend moved, net of a cancellation's reversal. */
function spent(p: GqlPurchase): number {
  const reversed = p.steps.some((s) => s.kind === 'REVERSE' && s.offerId === null && s.outcome === 'POSTED');
  return reversed ? 0 : money(p.spend?.spent);
}

function common(p: GqlPurchase): Json {
  return {
    id: p.id,
    reference_number: p.referenceNumber,
    state: p.state,
    currency_code: p.currency,
    date: epochSeconds(p.purchasedAt),
    classification: p.classification ? { name: p.classification } : undefined,
    organisation: p.organisationId ? { id: p.organisationId } : undefined,
    spend_request: p.spend ? { amount: money(p.spend.requested) } : undefined,
    rewards: { award: money(p.awarded), spend: spent(p) },
  };
}

const amounts = (p: GqlPurchase, taxNullable: boolean): Json =>
  compact({
    net: money(p.amounts.net),
    tax: p.amounts.tax === null ? (taxNullable ? null : undefined) : money(p.amounts.tax),
    discount: p.amounts.discount === null ? undefined : money(p.amounts.discount),
    total: money(p.amounts.total),
  });

export const toSelfServicePurchaseListItem = (p: GqlPurchase): Json => compact({ ...common(p), transaction_amounts: amounts(p, true) });

export function toSelfServicePurchase(p: GqlPurchase): Json {
  return compact({
    ...common(p),
    transaction_amounts: amounts(p, false),
    products: p.products.map((x) => ({ product_sku: { sku: x.sku }, quantity: x.quantity, net_amount: money(x.net) })),
    contact: { id: p.contactId },
  });
}

const posting = (s: GqlPurchaseStep): Json =>
  compact({
    key: s.key,
    type: s.kind,
    reward_offer_id: opt(s.offerId),
    amount: money(s.amount),
    currency_code: s.currency,
    commerce_pool_id: opt(s.commercePoolId),
    expires_on: s.expiresAt ? epochSeconds(s.expiresAt) : undefined,
    outcome: opt(s.outcome),
    transaction_id: opt(s.transactionId),
  });

export function toBackOfficePurchase(p: GqlPurchase): Json {
  return compact({
    ...common(p),
    transaction_amounts: amounts(p, false),
    products: p.products.map((x) =>
      compact({ product_sku: { sku: x.sku }, product_category: opt(x.category), quantity: x.quantity, net_amount: money(x.net) }),
    ),
    contact: { id: p.contactId },
    spend: p.spend
      ? compact({ requested: money(p.spend.requested), spent: money(p.spend.spent), transaction_id: opt(p.spend.transactionId) })
      : undefined,
    postings: p.steps.map(posting),
    returns: p.returns.map((r) => ({ number: r.number, net_amount: money(r.net) })),
    created_date: epochSeconds(p.createdAt),
    updated_date: epochSeconds(p.updatedAt),
  });
}

/** GET /purchases/{id}/rewards: per offer, what its award left after reversals and clawbacks; the spend. */
export function toPurchaseRewards(p: GqlPurchase): Json {
  const names = new Map(p.explanation.evaluations.map((e) => [e.offerId, e.offerName]));
  const content: Json[] = [];
  for (const award of p.steps.filter((s) => s.kind === 'AWARD' && s.outcome === 'POSTED')) {
    const taken = p.steps
      .filter((s) => s.offerId === award.offerId && s.kind !== 'AWARD' && s.outcome === 'POSTED')
      .reduce((n, s) => n + micros(s.amount), 0n);
    const leftMicros = micros(award.amount) - taken;
    if (leftMicros <= 0n) continue;
    const left = fromMicros(leftMicros);
    content.push(
      compact({
        type: 'AWARD',
        reward_offer: award.offerId ? compact({ id: award.offerId, name: names.get(award.offerId) }) : undefined,
        amount: left,
        currency_code: award.currency,
        commerce_pool: award.commercePoolId ? { id: award.commercePoolId } : undefined,
      }),
    );
  }
  const s = spent(p);
  if (s > 0) content.push({ type: 'SPEND', amount: s, currency_code: p.currency });
  return { content };
}

export function toExplanation(p: GqlPurchase): Json {
  return {
    purchase_id: p.id,
    reference_number: p.referenceNumber,
    offers: p.explanation.evaluations.map((e) => ({
      reward_offer: { id: e.offerId, name: e.offerName },
      scheme_id: e.schemeId,
      priority: e.priority,
      eligible: e.eligible,
      selected: e.selected,
      computed_amount: money(e.computed),
      awarded_amount: e.selected ? money(e.capped) : 0,
      note: e.note,
      conditions: e.conditions,
    })),
    resolutions: p.explanation.resolutions.map((r) => ({ scheme_id: r.schemeId, rule: r.rule })),
    postings: p.explanation.postings.map(posting),
  };
}
