import { z } from 'zod';
import type { GqlLimitRule } from './operations';
import { amountIn, money } from './mapper';

// Wallet limit rules in REST (the contract's `limit_rules`): the wallet's own (Self-Service) and the tenant's defaults (Back-Office).

const currency = z.string().regex(/^[A-Z]{3}$/);
const KINDS = ['DEBIT', 'CREDIT', 'TOP_UP', 'TRANSFER'] as const;
const PERIODS = ['DAILY', 'WEEKLY', 'MONTHLY'] as const;

const limitRuleBody = z.strictObject({
  id: z.string().max(64).optional(),
  name: z.string().max(100).optional(),
  applies_for: z.array(z.enum(KINDS)).min(1).max(4),
  currency_code: currency,
  maximum_amount: z.number().optional(),
  maximum_number: z.int().min(0).optional(),
  period: z.enum(PERIODS),
});
/** PUT …/limits: the rules (an empty list: none). */
export const walletLimitsBody = z.strictObject({ limit_rules: z.array(limitRuleBody).max(20) });

const limitRule = z.strictObject({
  id: z.string(),
  name: z.string().optional(),
  applies_for: z.array(z.enum(KINDS)),
  currency_code: currency,
  maximum_amount: z.number().optional(),
  maximum_number: z.int().optional(),
  period: z.enum(PERIODS),
});
export const walletLimitsResponse = z.strictObject({ limit_rules: z.array(limitRule) });

export const limitRulesIn = (rules: z.infer<typeof limitRuleBody>[]) =>
  rules.map((r, i) => ({
    id: r.id ?? null,
    name: r.name ?? null,
    appliesFor: r.applies_for,
    currency: r.currency_code,
    maximumAmount: r.maximum_amount === undefined ? null : amountIn(r.maximum_amount, `limit_rules.${i}.maximum_amount`, r.currency_code),
    maximumNumber: r.maximum_number ?? null,
    period: r.period,
  }));

export const limitRuleOut = (r: GqlLimitRule) => ({
  id: r.id,
  ...(r.name ? { name: r.name } : {}),
  applies_for: r.appliesFor,
  currency_code: r.currency,
  ...(r.maximumAmount !== null ? { maximum_amount: money(r.maximumAmount) } : {}),
  ...(r.maximumNumber !== null ? { maximum_number: r.maximumNumber } : {}),
  period: r.period,
});
