import { AppError } from '@crm/platform/errors';
import {
  PASS_CLASSIFICATIONS,
  PASS_CODE_TYPES,
  PASS_POCKETS,
  PASS_VALIDITY_TYPES,
  PASS_VALIDITY_UOTS,
  PASS_VALUE_TYPES,
  type PassPlanCreatedV1,
  type PassPlanTerms,
} from '@crm/event-bus/contracts/rewards';
import { oneOf } from '../create-reward-scheme';
import { fromMinor, toMinor } from '../money';

type Doc = PassPlanCreatedV1['data'];

/** Write-side state of one pass plan. */
export interface PassPlanState extends Doc {
  id: string;
  version: number;
  passesIssued: number;
  createdAt: string;
  updatedAt: string;
}

export type PassPlanChange =
  | { type: 'pass_plan.created'; data: Doc }
  | { type: 'pass_plan.updated'; data: Doc }
  | { type: 'pass_plan.passes_issued'; data: { batchId: string; count: number; printed: boolean } };

export function evolvePassPlan(state: PassPlanState | null, change: PassPlanChange, meta: { version: number; at: Date }): PassPlanState {
  const at = meta.at.toISOString();
  switch (change.type) {
    case 'pass_plan.created':
      return { id: state?.id ?? '', version: meta.version, ...change.data, passesIssued: 0, createdAt: at, updatedAt: at };
    case 'pass_plan.updated':
      return { ...state!, ...change.data, version: meta.version, updatedAt: at };
    case 'pass_plan.passes_issued':
      return { ...state!, passesIssued: state!.passesIssued + change.data.count, version: meta.version, updatedAt: at };
  }
}

/** A pass plan as asked (camelCase, amounts as decimal strings); validated by `passPlanDoc`. */
export interface PassPlanInput {
  name: string;
  description: string | null;
  state: string;
  classification: string;
  currency: string;
  valueType: string | null;
  fixedValues: string[];
  minimum: string | null;
  maximum: string | null;
  validityType: string;
  validityPeriod: number | null;
  validityUot: string | null;
  validityFixedDate: Date | null;
  codeType: string;
  codePrefix: string;
  codeSuffix: string;
  codeLength: number;
  pinRequired: boolean;
  creditPocket: string;
  commercePoolId: string | null;
  promotionId: string | null;
  rewardOfferId: string | null;
}

const norm = (v: string, currency: string, field: string) => {
  const minor = toMinor(v, currency, field);
  if (minor <= 0n) throw AppError.validation(field, 'must be greater than zero', 'INVALID_VALUE');
  return { minor, text: fromMinor(minor, currency) };
};

/** Validates a plan's name and terms (pure), naming the field at fault. */
export function passPlanDoc(cmd: PassPlanInput): Doc {
  const name = cmd.name.trim();
  if (!name) throw AppError.validation('name', 'must not be empty', 'REQUIRED');
  if (name.length > 200) throw AppError.validation('name', 'must be at most 200 characters', 'TOO_LONG');
  const currency = cmd.currency.toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw AppError.validation('currencyCode', 'must be an ISO-4217 code', 'INVALID_VALUE');
  const classification = oneOf('classification', cmd.classification, PASS_CLASSIFICATIONS);
  const valueType = oneOf('valueOptions', cmd.valueType ?? (cmd.fixedValues.length ? 'FIXED' : 'VARIABLE'), PASS_VALUE_TYPES);
  const fixed = cmd.fixedValues.map((v, i) => norm(v, currency, `valueOptions.fixedValues.${i}`).text);
  let minimum: string | null = null;
  let maximum: string | null = null;
  if (valueType === 'FIXED') {
    if (fixed.length === 0) throw AppError.validation('valueOptions.fixedValues', 'a FIXED plan names at least one value', 'REQUIRED');
  } else {
    if (cmd.minimum === null) throw AppError.validation('valueOptions.min', 'a VARIABLE plan names its minimum', 'REQUIRED');
    if (cmd.maximum === null) throw AppError.validation('valueOptions.max', 'a VARIABLE plan names its maximum', 'REQUIRED');
    const min = norm(cmd.minimum, currency, 'valueOptions.min');
    const max = norm(cmd.maximum, currency, 'valueOptions.max');
    if (max.minor < min.minor) throw AppError.validation('valueOptions.max', 'must not be below the minimum', 'INVALID_VALUE');
    minimum = min.text;
    maximum = max.text;
  }
  const validityType = oneOf('validity.type', cmd.validityType, PASS_VALIDITY_TYPES);
  let period: number | null = null;
  let uot: PassPlanTerms['validity']['uot'] = null;
  let fixedDate: string | null = null;
  if (validityType === 'PERIOD') {
    if (!cmd.validityPeriod || !Number.isInteger(cmd.validityPeriod) || cmd.validityPeriod < 1)
      throw AppError.validation('validity.period', 'a PERIOD validity needs a positive whole period', 'REQUIRED');
    period = cmd.validityPeriod;
    uot = oneOf('validity.uot', cmd.validityUot ?? 'DAYS', PASS_VALIDITY_UOTS);
  } else if (validityType === 'DATE') {
    if (!cmd.validityFixedDate || Number.isNaN(cmd.validityFixedDate.getTime()))
      throw AppError.validation('validity.fixedDate', 'a DATE validity needs its date', 'REQUIRED');
    fixedDate = cmd.validityFixedDate.toISOString();
  }
  const codeType = oneOf('codeFormat.type', cmd.codeType, PASS_CODE_TYPES);
  const affix = /^[A-Z0-9]{0,8}$/;
  if (!affix.test(cmd.codePrefix)) throw AppError.validation('codeFormat.prefix', 'at most 8 upper-case letters or digits', 'INVALID_VALUE');
  if (!affix.test(cmd.codeSuffix)) throw AppError.validation('codeFormat.suffix', 'at most 8 upper-case letters or digits', 'INVALID_VALUE');
  if (!Number.isInteger(cmd.codeLength) || cmd.codeLength < 7 || cmd.codeLength > 16)
    throw AppError.validation('codeFormat.length', 'must be between 7 and 16', 'INVALID_VALUE');
  if (cmd.codeLength - cmd.codePrefix.length - cmd.codeSuffix.length < 6)
    throw AppError.validation('codeFormat.length', 'leaves fewer than 6 random characters besides prefix and suffix', 'INVALID_VALUE');
  const creditPocket = oneOf('creditWalletBalance', cmd.creditPocket, PASS_POCKETS);
  if (creditPocket === 'COMMERCE' && !cmd.commercePoolId)
    throw AppError.validation('commercePoolId', 'a COMMERCE credit names its commerce pool', 'REQUIRED');
  if (classification === 'PROMOTION' && !cmd.promotionId && !cmd.rewardOfferId)
    throw AppError.validation('promotionPasses.promotionId', 'a PROMOTION plan names its promotion or reward offer', 'REQUIRED');
  return {
    name,
    description: cmd.description?.trim() || null,
    state: oneOf('state', cmd.state, ['ACTIVE', 'INACTIVE'] as const),
    terms: {
      classification,
      currency,
      value: { type: valueType, fixedValues: valueType === 'FIXED' ? fixed : [], minimum, maximum },
      validity: { type: validityType, period, uot, fixedDate },
      codeFormat: { type: codeType, prefix: cmd.codePrefix, suffix: cmd.codeSuffix, length: cmd.codeLength },
      pinRequired: cmd.pinRequired,
      creditPocket,
      commercePoolId: creditPocket === 'COMMERCE' ? cmd.commercePoolId : null,
      promotionId: cmd.promotionId,
      rewardOfferId: cmd.rewardOfferId,
    },
  };
}

/** JSON with sorted keys (a stored document's key order is not kept). */
const canonical = (v: unknown): string =>
  v === null || typeof v !== 'object'
    ? JSON.stringify(v)
    : Array.isArray(v)
      ? `[${v.map(canonical).join(',')}]`
      : `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`;

export function createPassPlan(state: PassPlanState | null, cmd: PassPlanInput): PassPlanChange[] {
  if (state) throw new AppError('CONFLICT', 'the pass plan exists already', { reason: 'PASS_PLAN_EXISTS' });
  return [{ type: 'pass_plan.created', data: passPlanDoc(cmd) }];
}

/** Changes a plan: its name, description and state always; its terms only while it has no passes. */
export function updatePassPlan(state: PassPlanState | null, cmd: PassPlanInput): PassPlanChange[] {
  if (!state) throw AppError.notFound('pass plan', '');
  const next = passPlanDoc(cmd);
  if (state.passesIssued > 0 && canonical(next.terms) !== canonical(state.terms)) {
    throw new AppError('CONFLICT', 'the plan has passes: its terms can no longer change', { reason: 'PASS_PLAN_HAS_PASSES' });
  }
  const same =
    next.name === state.name &&
    next.description === state.description &&
    next.state === state.state &&
    canonical(next.terms) === canonical(state.terms);
  return same ? [] : [{ type: 'pass_plan.updated', data: next }];
}

/** Records passes issued against an ACTIVE plan (before the passes themselves are written). */
export function recordPassesIssued(state: PassPlanState | null, batch: { batchId: string; count: number; printed: boolean }): PassPlanChange[] {
  if (!state) throw AppError.notFound('pass plan', '');
  if (state.state !== 'ACTIVE') throw AppError.validation('passPlanId', 'the pass plan is not ACTIVE', 'PASS_PLAN_NOT_ACTIVE');
  if (!Number.isInteger(batch.count) || batch.count < 1 || batch.count > 1000)
    throw AppError.validation('numberOfPasses', 'must be between 1 and 1000', 'INVALID_VALUE');
  return [{ type: 'pass_plan.passes_issued', data: batch }];
}

/** The value a new pass of this plan gets: one of the fixed values, or within [min, max]; the only fixed value when none is asked. */
export function passValueOf(plan: PassPlanState, asked: string | null): string {
  const t = plan.terms;
  if (asked === null) {
    if (t.value.type === 'FIXED' && t.value.fixedValues.length === 1) return t.value.fixedValues[0]!;
    throw AppError.validation('passValue', 'the plan has several values: name one', 'REQUIRED');
  }
  const v = norm(asked, t.currency, 'passValue');
  if (t.value.type === 'FIXED') {
    if (!t.value.fixedValues.includes(v.text))
      throw AppError.validation('passValue', `must be one of ${t.value.fixedValues.join(', ')}`, 'INVALID_VALUE');
  } else if (v.minor < toMinor(t.value.minimum!, t.currency, 'min') || v.minor > toMinor(t.value.maximum!, t.currency, 'max')) {
    throw AppError.validation('passValue', `must be between ${t.value.minimum} and ${t.value.maximum}`, 'INVALID_VALUE');
  }
  return v.text;
}

/** When a pass issued now expires under the plan's validity (null: never). */
export function passExpiry(plan: PassPlanState, now: Date): string | null {
  const v = plan.terms.validity;
  if (v.type === 'ALWAYS') return null;
  if (v.type === 'DATE') return v.fixedDate;
  const d = new Date(now);
  if (v.uot === 'DAYS') d.setUTCDate(d.getUTCDate() + v.period!);
  else if (v.uot === 'MONTHS') d.setUTCMonth(d.getUTCMonth() + v.period!);
  else d.setUTCFullYear(d.getUTCFullYear() + v.period!);
  return d.toISOString();
}
