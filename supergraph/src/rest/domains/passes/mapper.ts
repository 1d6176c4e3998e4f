import { epochSeconds } from '../../kit/format';
import type { PassPlanBody, PromotionBody } from './bodies';
import type { GqlPass, GqlPassPlan, GqlPromotion } from './operations';

type Json = Record<string, unknown>;
const money = (decimal: string | null | undefined): number => Number(decimal ?? '0');
const compact = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
const date = (seconds: number | undefined) => (seconds === undefined ? null : new Date(seconds * 1000).toISOString());

/** A REST pass plan body as the GraphQL input. */
export function passPlanInput(b: PassPlanBody): Json {
  return {
    name: b.name,
    description: b.description ?? null,
    state: b.state ?? 'ACTIVE',
    classification: b.type,
    currency: b.currency_code ?? 'EUR',
    valueType: b.value_options.fixed_values?.length
      ? 'FIXED'
      : b.value_options.min !== undefined || b.value_options.max !== undefined
        ? 'VARIABLE'
        : null,
    fixedValues: b.value_options.fixed_values ?? [],
    minimum: b.value_options.min ?? null,
    maximum: b.value_options.max ?? null,
    validityType: b.validity?.type ?? 'ALWAYS',
    validityPeriod: b.validity?.period ?? null,
    validityUot: b.validity?.uot ?? null,
    validityFixedDate: date(b.validity?.fixed_date),
    codeType: b.code_format?.type ?? 'ALPHANUMERIC',
    codePrefix: b.code_format?.prefix ?? '',
    codeSuffix: b.code_format?.suffix ?? '',
    codeLength: b.code_format?.length ?? 16,
    pinRequired: b.pin_required ?? false,
    creditPocket: b.credit_wallet_balance ?? 'OPEN',
    commercePoolId: b.commerce_pool_id ?? null,
    promotionId: b.promotion_id ?? null,
    rewardOfferId: b.reward_offer_id ?? null,
  };
}

/** GraphQL field paths of the plan input → the body's names. */
export function passPlanFields(path: string): string {
  const map: [RegExp, string][] = [
    [/^classification$/, 'type'],
    [/^currencyCode$|^currency$/, 'currency_code'],
    [/^valueOptions\.fixedValues/, 'value_options.fixed_values'],
    [/^valueOptions\.min$/, 'value_options.min'],
    [/^valueOptions\.max$/, 'value_options.max'],
    [/^valueOptions$/, 'value_options'],
    [/^validity\.fixedDate$/, 'validity.fixed_date'],
    [/^codeFormat\./, 'code_format.'],
    [/^creditWalletBalance$/, 'credit_wallet_balance'],
    [/^commercePoolId$/, 'commerce_pool_id'],
    [/^promotionPasses\.promotionId$/, 'promotion_id'],
    [/^passPlanId$/, 'pass_plan_id'],
    [/^passValue$/, 'pass_value'],
    [/^numberOfPasses$/, 'number_of_passes'],
    [/^contactId$/, 'contact_id'],
  ];
  for (const [re, to] of map) if (re.test(path)) return path.replace(re, to);
  return path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function planCommon(p: GqlPassPlan): Json {
  return compact({
    id: p.id,
    state: p.state,
    name: p.name,
    description: p.description ?? undefined,
    classification: p.classification,
    promotion_passes:
      p.classification === 'PROMOTION' && p.promotionId && p.rewardOfferId
        ? { promotion_id: p.promotionId, reward_offer_id: p.rewardOfferId }
        : undefined,
    validity: compact({
      type: p.validityType,
      period: p.validityPeriod ?? undefined,
      uot: p.validityUot ?? undefined,
      fixed_date: p.validityFixedDate ? epochSeconds(p.validityFixedDate) : undefined,
    }),
    value: compact({
      type: p.valueType,
      fixed_amount: p.valueType === 'FIXED' && p.fixedValues.length === 1 ? money(p.fixedValues[0]) : undefined,
      minimum: p.minimum !== null ? money(p.minimum) : undefined,
      maximum: p.maximum !== null ? money(p.maximum) : undefined,
      currency_code: p.currency,
    }),
    code_format: compact({
      type: p.codeType,
      prefix: p.codePrefix || undefined,
      suffix: p.codeSuffix || undefined,
      length: p.codeLength,
      pin_required: p.pinRequired,
    }),
    credit_wallet_balance: p.creditPocket,
    commerce_pool: p.commercePoolId ? { id: p.commercePoolId } : undefined,
    passes_generated: p.passesIssued,
    currency_code: p.currency,
  });
}

export const toSelfServicePassPlan = planCommon;

export function toBackOfficePassPlan(p: GqlPassPlan): Json {
  return {
    ...planCommon(p),
    value_options: compact({
      fixed_values: p.fixedValues.length ? p.fixedValues.map(money) : undefined,
      min: p.minimum !== null ? money(p.minimum) : undefined,
      max: p.maximum !== null ? money(p.maximum) : undefined,
    }),
    promotion_id: p.promotionId ?? undefined,
    reward_offer_id: p.rewardOfferId ?? undefined,
    created_date: epochSeconds(p.createdAt),
    updated_date: epochSeconds(p.updatedAt),
  };
}

export function toPass(p: GqlPass): Json {
  return compact({
    id: p.id,
    pass_plan: { id: p.planId },
    batch_id: p.batchId,
    classification: p.classification,
    state: p.state,
    value: money(p.value),
    currency_code: p.currency,
    code_hint: p.codeHint,
    pin_required: p.pinRequired,
    expiration_date: p.expiresAt ? epochSeconds(p.expiresAt) : undefined,
    credit_wallet_balance: p.creditPocket,
    commerce_pool: p.commercePoolId ? { id: p.commercePoolId } : undefined,
    recipient:
      p.recipientName || p.recipientMediumValue
        ? compact({
            name: p.recipientName ?? undefined,
            medium_type: p.recipientMediumType ?? undefined,
            medium_value: p.recipientMediumValue ?? undefined,
          })
        : undefined,
    gift_sender:
      p.giftSenderName || p.giftMessage ? compact({ name: p.giftSenderName ?? undefined, message: p.giftMessage ?? undefined }) : undefined,
    redemption: p.redeemedAt
      ? compact({
          contact: p.redeemedBy ? { id: p.redeemedBy } : undefined,
          date: epochSeconds(p.redeemedAt),
          organisation: p.redeemedAtOrganisation ? { id: p.redeemedAtOrganisation } : undefined,
          transaction_id: p.transactionId ?? undefined,
        })
      : undefined,
    created_date: epochSeconds(p.createdAt),
    updated_date: epochSeconds(p.updatedAt),
  });
}

/** What a promo pass's holder sees by its view token (no code: the holder has it). */
export function toPromoPassView(p: GqlPass): Json {
  return compact({
    id: p.id,
    state: p.state,
    classification: p.classification,
    value: money(p.value),
    currency_code: p.currency,
    code_hint: p.codeHint,
    expiration_date: p.expiresAt ? epochSeconds(p.expiresAt) : undefined,
    pass_plan: { id: p.planId },
  });
}

export function promotionInput(b: PromotionBody): Json {
  return {
    name: b.name,
    shortDescription: b.short_description ?? null,
    longDescription: b.long_description ?? null,
    state: b.state ?? 'ACTIVE',
    currency: b.currency_code ?? 'EUR',
    availableFrom: date(b.availability?.from_date),
    availableTo: date(b.availability?.to_date),
    tags: b.tags ?? [],
    organisationIds: b.organisations ?? [],
    rewardOfferId: b.reward_offer_id ?? null,
  };
}

export const promotionFields = (path: string) =>
  path
    .replace(/^availability\.fromDate$/, 'availability.from_date')
    .replace(/^availability\.toDate$/, 'availability.to_date')
    .replace(/^currencyCode$/, 'currency_code')
    .replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function toSelfServicePromotion(p: GqlPromotion, detail: boolean): Json {
  return compact({
    id: p.id,
    name: p.name,
    state: p.state,
    short_description: p.shortDescription ?? undefined,
    long_description: p.longDescription ?? undefined,
    availability:
      p.availableFrom || p.availableTo
        ? compact({
            from_date: p.availableFrom ? epochSeconds(p.availableFrom) : undefined,
            to_date: p.availableTo ? epochSeconds(p.availableTo) : undefined,
          })
        : undefined,
    currency_code: detail ? undefined : p.currency,
    tags: detail ? undefined : p.tags.map((name) => ({ name })),
    targets: detail && p.organisationIds.length ? { organisations: p.organisationIds.map((id) => ({ id })) } : undefined,
  });
}

export function toBackOfficePromotion(p: GqlPromotion): Json {
  return compact({
    id: p.id,
    name: p.name,
    state: p.state,
    short_description: p.shortDescription ?? undefined,
    long_description: p.longDescription ?? undefined,
    currency_code: p.currency,
    availability: compact({
      from_date: p.availableFrom ? epochSeconds(p.availableFrom) : undefined,
      to_date: p.availableTo ? epochSeconds(p.availableTo) : undefined,
    }),
    tags: p.tags,
    organisations: p.organisationIds,
    reward_offer_id: p.rewardOfferId ?? undefined,
    created_date: epochSeconds(p.createdAt),
    updated_date: epochSeconds(p.updatedAt),
  });
}

/** A pass as issued (GraphQL), with its code and PIN. */
export type Issued = {
  id: string;
  code: string;
  pin: string | null;
  viewToken: string | null;
  value: string;
  currency: string;
  expiresAt: string | null;
};

export const issuedOut = (p: Issued) => ({
  id: p.id,
  code: p.code,
  ...(p.pin ? { pin: p.pin } : {}),
  ...(p.viewToken ? { view_token: p.viewToken } : {}),
  value: Number(p.value),
  currency_code: p.currency,
  ...(p.expiresAt ? { expiration_date: epochSeconds(p.expiresAt) } : {}),
});
